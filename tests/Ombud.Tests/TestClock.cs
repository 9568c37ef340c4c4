namespace Ombud.Tests;

/// <summary>Fixed clocks for tests: <see cref="FakeTimeProvider"/> at a moment given in UTC.</summary>
public static class TestClock
{
    /// <summary>At <paramref name="hour"/>:00 UTC on the day (noon by default: the same date in Swedish time).</summary>
    public static FakeTimeProvider At(int y, int m, int d, int hour = 12) => new(new DateTimeOffset(y, m, d, hour, 0, 0, TimeSpan.Zero));
}
