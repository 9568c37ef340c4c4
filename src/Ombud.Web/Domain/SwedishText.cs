namespace Ombud.Web.Domain;

/// <summary>Swedish display names for the fixed enums, and text folding for case-insensitive search.</summary>
public static class SwedishText
{
    /// <summary>
    /// Folds text for case-insensitive matching that handles å/ä/ö (SQLite's NOCASE folds only ASCII), and drops the
    /// other accents, so that "Linnea" finds "Linnéa" and "Muller" finds "Müller"; å, ä and ö stay letters of their own
    /// (æ and ø count as ä and ö). One character in, one out: positions in the folded text are those of the trimmed text.
    /// </summary>
    public static string Fold(string? text)
    {
        var t = (text ?? "").Trim();
        return string.Create(t.Length, t, static (span, s) =>
        {
            for (var i = 0; i < s.Length; i++) span[i] = FoldChar(s[i]);
        });
    }

    private static char FoldChar(char c)
    {
        c = char.ToLowerInvariant(c);
        if (c < 0x80 || c is 'å' or 'ä' or 'ö') return c;
        if (c == 'æ') return 'ä';
        if (c == 'ø') return 'ö';
        var decomposed = c.ToString().Normalize(System.Text.NormalizationForm.FormD);
        return decomposed.Length > 1 && decomposed[0] < 0x80 && char.IsLetter(decomposed[0]) ? decomposed[0] : c;
    }

    public static string Name(this Gender g) => g switch
    {
        Gender.Woman => "Kvinna",
        Gender.Man => "Man",
        Gender.Other => "Annat",
        _ => "Uppgift saknas",
    };

    public static string Name(this ChildrenAtHome c) => c switch
    {
        ChildrenAtHome.Fully => "Helt",
        ChildrenAtHome.Partly => "Delvis",
        ChildrenAtHome.No => "Nej",
        _ => "Uppgift saknas",
    };

    public static string Name(this MandateStatus s) => s switch
    {
        MandateStatus.Waiting => "Väntar",
        MandateStatus.Active => "Aktiv",
        MandateStatus.Paused => "Vilande",
        _ => "Avslutad",
    };

    public static string Name(this NeedStatus s) => s switch
    {
        NeedStatus.Identified => "Identifierat",
        NeedStatus.InProgress => "Pågår",
        NeedStatus.Met => "Tillgodosett",
        NeedStatus.PartlyMet => "Delvis tillgodosett",
        _ => "Ej tillgodosett",
    };

    public static string Name(this ConsentForm f) => f == ConsentForm.Written ? "Skriftligt" : "Muntligt";

    public static string Name(this ContactChannel c) => c switch
    {
        ContactChannel.Phone => "Telefon",
        ContactChannel.Meeting => "Möte",
        ContactChannel.LetterOrEmail => "Brev/e-post",
        ContactChannel.EService => "E-tjänst",
        _ => "Följt med",
    };

    public static string Name(this CategoryKind k) => k switch
    {
        CategoryKind.ContactReason => "Kontaktorsaker",
        CategoryKind.ReferralPath => "Kontaktvägar",
        CategoryKind.ClosureReason => "Avslutsorsaker",
        CategoryKind.LifeArea => "Livsområden",
        CategoryKind.ActorType => "Aktörstyper",
        CategoryKind.HelpKind => "Stöd som getts",
        CategoryKind.FaultCategory => "Systembristkategorier",
        CategoryKind.AfterMandate => "Efter uppdraget",
        _ => k.ToString(),
    };

    public static string Name(this FaultLevel l) => l switch
    {
        FaultLevel.CaseOfficer => "Handläggarnivå",
        FaultLevel.Local => "Lokal nivå",
        _ => "Central nivå",
    };

    public static string Name(this FaultStatus s) => s switch
    {
        FaultStatus.Draft => "Utkast",
        FaultStatus.ReportedToSteeringGroup => "Rapporterad till ledningsgrupp",
        FaultStatus.Forwarded => "Vidarerapporterad",
        FaultStatus.Answered => "Besvarad",
        _ => "Avslutad",
    };
}
