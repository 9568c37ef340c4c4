using FluentValidation;
using Ombud.Web.Infrastructure;

namespace Ombud.Web.Features.Shared;

/// <summary>Rules several forms share, with one Swedish wording.</summary>
public static class ValidationRules
{
    /// <summary>The date is not after today in Swedish time (null passes: combine with NotNull when required).</summary>
    public static IRuleBuilderOptions<T, DateTime?> NotInFuture<T>(this IRuleBuilder<T, DateTime?> rule, TimeProvider clock,
        string message = "Datumet kan inte ligga i framtiden.") =>
        rule.Must(d => d is null || DateOnly.FromDateTime(d.Value) <= clock.Today()).WithMessage(message);
}
