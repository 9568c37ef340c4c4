namespace Ombud.Web.Features.Shared;

/// <summary>Lets one FluentValidation validator drive a MudForm (per-field messages) as well as the server-side handler.</summary>
public static class FluentValidationForMud
{
    public static Func<object, string, Task<IEnumerable<string>>> ForMudForm<T>(this IValidator<T> validator) => async (model, property) =>
    {
        var context = ValidationContext<T>.CreateWithOptions((T)model, o => o.IncludeProperties(property));
        var result = await validator.ValidateAsync(context);
        return result.IsValid ? [] : result.Errors.Select(e => e.ErrorMessage);
    };

    /// <summary>
    /// The validator's first message for one property, for a field the MudForm does not validate itself (e.g. a group of
    /// check boxes); null when the property is valid.
    /// </summary>
    public static string? FirstError<T>(this IValidator<T> validator, T model, string property) =>
        validator.Validate(model, o => o.IncludeProperties(property)).Errors.Select(e => e.ErrorMessage).FirstOrDefault();
}
