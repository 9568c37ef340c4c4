namespace Ombud.Web.Features.SystemFaults;

/// <summary>
/// Something in a fault text that looks like personal data, for the confirmation question. Holds the matched text so the
/// writer can find it; it is shown to the writer only and never logged.
/// </summary>
public sealed record PersonalDataWarning(string Field, PersonalDataDetector.Kind Kind, string Value)
{
    public string Describe() => $"{Field}: {Kind.Name()} ({Value})";

    public static IReadOnlyList<PersonalDataWarning> Check(
        IEnumerable<(string Field, string? Text)> fields,
        PersonalDataDetector.OwnClients ownClients) =>
        PersonalDataDetector.FindAll(fields, ownClients.Names, ownClients.Codes)
            .Select(x => new PersonalDataWarning(x.Field, x.Finding.Kind, x.Finding.Value)).ToList();

    /// <summary>
    /// Refuses a text holding a personnummer outright (no "Spara ändå"): it identifies a person beyond doubt, and a fault
    /// report or a meeting's decisions are read by the whole unit and exported. Names, phone numbers and the like are
    /// only warned about (<see cref="Check"/>). The message names the field but not the number (it may be logged).
    /// </summary>
    public static void RefusePersonalNumbers(IEnumerable<(string Field, string? Text)> fields, string purpose = FaultPurpose)
    {
        foreach (var (field, text) in fields)
            if (PersonalDataDetector.Find(text).Any(f => f.Kind == PersonalDataDetector.Kind.PersonalNumber))
                throw new DomainException($"{field}: Texten innehåller ett personnummer. Ta bort det – {purpose}");
    }

    /// <summary>The end of the refusal for a fault report's texts.</summary>
    public const string FaultPurpose = "en systembrist ska inte gå att koppla till en person.";

    /// <summary>The end of the refusal for a meeting's decisions.</summary>
    public const string MeetingPurpose = "ledningsgruppens beslut ska inte gå att koppla till en person.";

    /// <summary>Why a fault report must hold no personal data (the default reason in <see cref="Question"/>).</summary>
    public const string FaultReason = "En rapport om en systembrist får inte innehålla personuppgifter — den läses av ledningsgruppen " +
                                      "och kan lämnas vidare.";

    /// <summary>Why a ledningsgrupp meeting's decisions must hold no personal data.</summary>
    public const string MeetingReason = "Ledningsgruppens beslut får inte innehålla personuppgifter — hela enheten läser dem.";

    /// <summary>The confirmation text shown before saving anyway.</summary>
    public static string Question(IReadOnlyList<PersonalDataWarning> warnings, string reason = FaultReason) =>
        "Texten ser ut att innehålla personuppgifter: " + string.Join("; ", warnings.Select(w => w.Describe())) +
        ". " + reason + " Ändra texten, eller spara ändå om det inte är personuppgifter.";
}
