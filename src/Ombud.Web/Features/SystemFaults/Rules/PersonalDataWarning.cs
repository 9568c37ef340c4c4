namespace Ombud.Web.Features.SystemFaults;

/// <summary>
/// Something in a fault text that looks like personal data, for the confirmation question. Holds the matched text so the
/// writer can find it; it is shown to the writer only and never logged.
/// </summary>
public sealed record PersonalDataWarning(string Field, PersonalDataDetector.Kind Kind, string Value)
{
    public string Describe() => $"{Field}: {Kind.Name()} ({Value})";

    public static IReadOnlyList<PersonalDataWarning> Check(IEnumerable<(string Field, string? Text)> fields, PersonalDataDetector.OwnClients ownClients) =>
        PersonalDataDetector.FindAll(fields, ownClients.Names, ownClients.Codes).Select(x => new PersonalDataWarning(x.Field, x.Finding.Kind, x.Finding.Value)).ToList();

    /// <summary>Why a fault report must hold no personal data (the default reason in <see cref="Question"/>).</summary>
    public const string FaultReason = "En rapport om en systembrist får inte innehålla personuppgifter — den läses av ledningsgruppen och kan lämnas vidare.";

    /// <summary>Why a ledningsgrupp meeting's decisions must hold no personal data.</summary>
    public const string MeetingReason = "Ledningsgruppens beslut får inte innehålla personuppgifter — hela enheten läser dem.";

    /// <summary>The confirmation text shown before saving anyway.</summary>
    public static string Question(IReadOnlyList<PersonalDataWarning> warnings, string reason = FaultReason) =>
        "Texten ser ut att innehålla personuppgifter: " + string.Join("; ", warnings.Select(w => w.Describe())) +
        ". " + reason + " Ändra texten, eller spara ändå om det inte är personuppgifter.";
}
