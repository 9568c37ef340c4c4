namespace Ombud.Web.Features.Shared;

/// <summary>Rules several forms share, with one Swedish wording.</summary>
public static class ValidationRules
{
    /// <summary>The date is not after today in Swedish time (null passes: combine with NotNull when required).</summary>
    public static IRuleBuilderOptions<T, DateTime?> NotInFuture<T>(this IRuleBuilder<T, DateTime?> rule, TimeProvider clock,
        string message = "Datumet kan inte ligga i framtiden.") =>
        rule.Must(d => d is null || DateOnly.FromDateTime(d.Value) <= clock.Today()).WithMessage(message);

    /// <summary>A required name (not only spaces) of at most <paramref name="maxLength"/> characters.</summary>
    public static IRuleBuilderOptions<T, string> RequiredName<T>(
        this IRuleBuilder<T, string> rule, string message, int maxLength = Limits.Name) =>
        rule.Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage(message)
            .MaximumLength(maxLength).WithMessage($"Namnet får vara högst {maxLength} tecken.");

    /// <summary>First year any date in the system may have (the unit's records start after this).</summary>
    public const int MinYear = 2000;
    /// <summary>How far ahead a planned date (meeting, follow-up, due date, consent end) may lie.</summary>
    public const int MaxYearsAhead = 5;

    /// <summary>The date lies between year <see cref="MinYear"/> and <see cref="MaxYearsAhead"/> years from now (null passes).</summary>
    public static IRuleBuilderOptions<T, DateTime?> InPlausibleRange<T>(this IRuleBuilder<T, DateTime?> rule, TimeProvider clock) =>
        rule.Must(d => d is null || (d.Value.Year >= MinYear && DateOnly.FromDateTime(d.Value) <= clock.Today().AddYears(MaxYearsAhead)))
            .WithMessage(_ => $"Ange ett datum mellan år {MinYear} och {clock.Today().Year + MaxYearsAhead}.");
}
