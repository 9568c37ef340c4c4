namespace Ombud.Web.Data.Seed;

/// <summary>
/// The default category lists (../shared/domain/README.md). Seeded valid for all past dates (ValidFrom = null),
/// so old data can be entered; admins end or add entries per year afterwards.
/// </summary>
public static class DefaultCategories
{
    /// <summary>
    /// The actor types of brukar- and anhörigorganisationer and of peer support: a contact with such an actor bridges the
    /// client to peer support in the yearly report (docs/statistics.md). Matched by name, so keep the names when editing.
    /// </summary>
    public static readonly string[] PeerSupportActorTypes = ["Brukar- och anhörigorganisation", "Kamratstöd (t.ex. Fontänhus)"];

    /// <summary>The "efter uppdraget" entry that counts as bridged to peer support (matched by name).</summary>
    public const string PeerSupportAfterMandate = "Kamratstöd/brukarorganisation";

    public static readonly IReadOnlyDictionary<CategoryKind, string[]> Lists = new Dictionary<CategoryKind, string[]>
    {
        [CategoryKind.ContactReason] =
        [
            "Stöd i kontakten med myndigheter", "Stöd i kontakten med sjukvård (t.ex. psykiatri)",
            "Stöd i att ansöka om hjälp från socialtjänsten (t.ex. försörjningsstöd)", "Struktur i vardagen",
            "Ansöka om boendestöd", "Ansöka om god man", "Frågor om bostad", "Sysselsättning", "Ekonomi",
            "Bryta isolering", "Relationsfrågor", "Existentiella frågor", "Annat",
        ],
        [CategoryKind.ReferralPath] =
        [
            "Egen kontakt", "Anhörig/närstående", "Socialtjänsten (handläggare)", "Psykiatrin", "Primärvården",
            "Försäkringskassan", "Arbetsförmedlingen", "Verksamhet där klienten deltar (t.ex. sysselsättning)",
            "Brukar-/intresseorganisation", "Annan",
        ],
        [CategoryKind.ClosureReason] =
        [
            "Uppdraget slutfört", "Klienten avslutar", "Kontakten upphört", "Flyttat", "Ej i målgrupp", "Avliden", "Annan",
        ],
        [CategoryKind.LifeArea] =
        [
            "Boende", "Ekonomi", "Arbete/sysselsättning/studier", "Psykiatrisk vård", "Somatisk vård",
            "Socialt nätverk/relationer", "Struktur i vardagen", "Rättigheter/myndighetskontakter", "Fritid", "Annat",
        ],
        [CategoryKind.ActorType] =
        [
            "Socialtjänsten", "Psykiatrin", "Primärvården", "Försäkringskassan", "Arbetsförmedlingen", "Kronofogden", "CSN",
            "Skatteverket", "Pensionsmyndigheten", "Förvaltningsrätt/Kammarrätt", "Överförmyndare/god man",
            "Budget- och skuldrådgivning", "Hyresvärd/bostadsbolag", "Civilsamhället", PeerSupportActorTypes[0], PeerSupportActorTypes[1],
            "Annan",
        ],
        [CategoryKind.HelpKind] =
        [
            "Förstå rättigheter", "Tillvarata rättigheter", "Formulera behov", "Hitta rätt instans", "Ansöka om bistånd",
            "Förbereda möte", "Följa med på möte", "Förstå beslut", "Överklaga beslut",
        ],
        [CategoryKind.FaultCategory] =
        [
            "Brister i samverkan", "Psykiatrin", "Socialtjänsten", "Försäkringskassan", "Arbetsförmedlingen", "Bostad",
            "Ekonomi/skuld", "Annan",
        ],
        [CategoryKind.AfterMandate] =
        [
            "Studier", "Arbete", "Sysselsättning/daglig verksamhet", PeerSupportAfterMandate, "Annat stöd", "Ingen förändring", "Okänt",
        ],
    };

    /// <summary>The default actor register of a new unit: (actor name, actor type name).</summary>
    public static readonly (string Name, string Type)[] Actors =
    [
        ("Socialtjänsten – försörjningsstöd", "Socialtjänsten"), ("Socialtjänsten – socialpsykiatri", "Socialtjänsten"),
        ("Socialtjänsten – LSS", "Socialtjänsten"), ("Socialtjänsten – missbruk", "Socialtjänsten"),
        ("Psykiatrin", "Psykiatrin"), ("Primärvården", "Primärvården"), ("Försäkringskassan", "Försäkringskassan"),
        ("Arbetsförmedlingen", "Arbetsförmedlingen"), ("Kronofogden", "Kronofogden"), ("CSN", "CSN"),
        ("Skatteverket", "Skatteverket"), ("Pensionsmyndigheten", "Pensionsmyndigheten"),
        ("Förvaltningsrätten", "Förvaltningsrätt/Kammarrätt"), ("Överförmyndarnämnden", "Överförmyndare/god man"),
        ("Budget- och skuldrådgivningen", "Budget- och skuldrådgivning"), ("Hyresvärd/bostadsbolag", "Hyresvärd/bostadsbolag"),
        ("Stadsmissionen", "Civilsamhället"),
        ("RSMH", PeerSupportActorTypes[0]), ("Schizofreniförbundet", PeerSupportActorTypes[0]), ("IFS", PeerSupportActorTypes[0]),
        ("Attention", PeerSupportActorTypes[0]), ("NSPH (t.ex. studiecirkeln Din egen makt)", PeerSupportActorTypes[0]),
        ("Fontänhus", PeerSupportActorTypes[1]),
    ];

    public static IEnumerable<Category> Create() =>
        Lists.SelectMany(kv => kv.Value.Select((name, i) => new Category { Kind = kv.Key, Name = name, SortOrder = (i + 1) * 10 }));
}
