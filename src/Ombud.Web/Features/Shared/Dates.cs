namespace Ombud.Web.Features.Shared;

/// <summary>Dates shown the Swedish way (ÅÅÅÅ-MM-DD), "–" when missing.</summary>
public static class Dates
{
    private static readonly CultureInfo Sv = CultureInfo.GetCultureInfo("sv-SE");
    public static string Format(DateOnly? d) => d?.ToString("yyyy-MM-dd", Sv) ?? "–";
    public static DateOnly? ToDateOnly(DateTime? d) => d is null ? null : DateOnly.FromDateTime(d.Value);
    public static DateTime? ToDateTime(DateOnly? d) => d?.ToDateTime(TimeOnly.MinValue);

    /// <summary>A stored UTC time as Swedish local time, "ÅÅÅÅ-MM-DD TT:MM" (with ":SS" when <paramref name="seconds"/>).</summary>
    public static string FormatDateTime(DateTime utc, bool seconds = false) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Infrastructure.SwedishTime.Zone)
            .ToString(seconds ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
