namespace Ombud.IntegrationTests;

/// <summary>
/// Today as the app sees it: the Swedish date of the app's clock (<see cref="TimeProvider.System"/>, as registered in
/// Program.cs), never the test server's local date, which differs from it for an hour or two around midnight.
/// </summary>
public static class SwedishDate
{
    public static DateOnly Today => TimeProvider.System.Today();

    /// <summary>Midnight starting <see cref="Today"/>, for commands that take a <see cref="DateTime"/> date.</summary>
    public static DateTime TodayAsDateTime => Today.ToDateTime(TimeOnly.MinValue);
}
