using System.Reflection;

namespace Ombud.Web.Features.Shared;

/// <summary>
/// Text no form accepts: control characters other than line breaks and tabs, and the invisible characters that change
/// the direction of text (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F). A right-to-left override in a name reverses
/// the client's summary line and can disguise a code or a file name; the import refuses them too.
/// </summary>
public static class SafeText
{
    public const string Message = "Texten innehåller osynliga styrtecken (t.ex. för textriktning). Skriv in den igen utan dem.";

    public static bool IsSafe(string? text) => text is null || !text.Any(IsRefused);

    public static bool IsRefused(char c) =>
        char.IsControl(c) && c is not '\n' and not '\r' and not '\t'
        || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u200E' or '\u200F';
}

/// <summary>
/// Every validator of the app, as registered in DI, wrapped so that each string property of the command is checked
/// with <see cref="SafeText"/> too: one rule for every form (the MudForm and the handler use the same validator), not
/// one to remember per field.
/// </summary>
public sealed class SafeTextValidator<T> : AbstractValidator<T>
{
    public SafeTextValidator(IValidator<T> inner)
    {
        Include(inner);
        var texts = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.PropertyType == typeof(string) && p.CanRead && p.GetIndexParameters().Length == 0);
        foreach (var p in texts)
            RuleFor(x => (string?)p.GetValue(x)).Must(SafeText.IsSafe).OverridePropertyName(p.Name).WithMessage(SafeText.Message);
    }
}
