using FluentValidation;

namespace Ombud.Tests;

/// <summary>What a validator says about one field, for the use cases' validator tests.</summary>
public static class ValidatorAsserts
{
    /// <summary>The messages <paramref name="validator"/> gives for <paramref name="property"/> of <paramref name="cmd"/>.</summary>
    public static IEnumerable<string> ErrorsFor<T>(this IValidator<T> validator, T cmd, string property) =>
        validator.Validate(cmd).Errors.Where(e => e.PropertyName == property).Select(e => e.ErrorMessage);
}
