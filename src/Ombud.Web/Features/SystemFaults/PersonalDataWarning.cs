namespace Ombud.Web.Features.SystemFaults;

/// <summary>
/// Something in a fault text that looks like personal data, for the confirmation question. Holds the matched text so the
/// writer can find it; it is shown to the writer only and never logged.
/// </summary>
public sealed record PersonalDataWarning(string Field, PersonalDataDetector.Kind Kind, string Value)
{
    public string Describe() => $"{Field}: {Kind.Name()} ({Value})";

    public static IReadOnlyList<PersonalDataWarning> Check(IEnumerable<(string Field, string? Text)> fields, IEnumerable<string?> clientNames) =>
        PersonalDataDetector.FindAll(fields, clientNames).Select(x => new PersonalDataWarning(x.Field, x.Finding.Kind, x.Finding.Value)).ToList();

    /// <summary>The confirmation text shown before saving anyway.</summary>
    public static string Question(IReadOnlyList<PersonalDataWarning> warnings) =>
        "Texten ser ut att innehålla personuppgifter: " + string.Join("; ", warnings.Select(w => w.Describe())) +
        ". En rapport om en systembrist får inte innehålla personuppgifter — den läses av ledningsgruppen och kan lämnas vidare. " +
        "Ändra texten, eller spara ändå om det inte är personuppgifter.";
}
