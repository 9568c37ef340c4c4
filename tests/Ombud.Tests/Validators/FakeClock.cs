namespace Ombud.Tests.Validators;

/// <summary>A clock fixed at a moment (UTC).</summary>
public sealed class FakeClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;
    public override DateTimeOffset GetUtcNow() => Now;
    public static FakeClock At(int y, int m, int d, int hour = 12) => new(new DateTimeOffset(y, m, d, hour, 0, 0, TimeSpan.Zero));
}
