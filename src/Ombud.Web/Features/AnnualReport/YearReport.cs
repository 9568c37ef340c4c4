namespace Ombud.Web.Features.AnnualReport;

/// <summary>
/// The yearly report as the reader sees it: the year's figures and the previous year's, laid out as named tables whose
/// rows carry the value, the previous year's value and the difference. The page, the print layout, the .xlsx and the
/// CSV files are all drawn from this one model, so they always agree.
/// </summary>
public static class YearReport
{
    public sealed record Header(string Unit, int Year, string? Municipality, DateOnly Produced)
    {
        public int PreviousYear => Year - 1;
        public string MunicipalityText => Municipality ?? "Alla kommuner";
        /// <summary>Publication mode's threshold (<see cref="Publication"/>); null = the unit's own, exact view.</summary>
        public int? PublicationThreshold { get; init; }
        /// <summary>The unit whose figures these are; 0 for a sum over units (not part of any file or JSON).</summary>
        public int UnitId { get; init; }
    }

    /// <summary>One row: null values mean "not entered" (only årsarbetare can be missing).</summary>
    public sealed record Row(string Label, decimal? Value, decimal? Previous)
    {
        public decimal? Difference => Value is { } v && Previous is { } p ? v - p : null;
        /// <summary>The row's key in the JSON object of its table (<see cref="Table.JsonKey"/>); null = the label.</summary>
        public string? Key { get; init; }
        public string JsonName => Key ?? Label;
        /// <summary>A median or quartile: the key of the row counting what it rests on (not a count itself).</summary>
        public string? DependsOn { get; init; }
        /// <summary>Publication mode: the year's value is suppressed (shown "–" with a footnote).</summary>
        public bool ValueSuppressed { get; init; }
        public bool PreviousSuppressed { get; init; }

        /// <summary>
        /// Rows are equal when a reader sees the same: label, values, suppression (the keys only place them in the JSON).
        /// </summary>
        public bool Equals(Row? other) =>
            other is not null && Label == other.Label && Value == other.Value && Previous == other.Previous
            && ValueSuppressed == other.ValueSuppressed && PreviousSuppressed == other.PreviousSuppressed;

        public override int GetHashCode() => HashCode.Combine(Label, Value, Previous, ValueSuppressed, PreviousSuppressed);
    }

    /// <param name="Key">Stable id (test ids, CSV readers).</param>
    /// <param name="Title">Heading and .xlsx sheet name (at most 31 characters).</param>
    /// <param name="LabelHeading">Heading of the label column.</param>
    /// <param name="Note">An extra line under the table (e.g. the ledningsgrupp's organisations).</param>
    public sealed record Table(string Key, string Title, string LabelHeading, IReadOnlyList<Row> Rows, string? Note = null)
    {
        /// <summary>
        /// Where the table's figures are in the JSON (<see cref="ReportJson"/>): a top-level key, or "a.b" for a nested object.
        /// </summary>
        public string? JsonKey { get; init; }
    }

    public sealed record Report(
        Header Header, AnnualStatistics.Figures Current, AnnualStatistics.Figures Previous, IReadOnlyList<Table> Tables)
    {
        public Table this[string key] => Tables.Single(t => t.Key == key);

        /// <summary>
        /// The brukarundersökning rounds of the year (<see cref="YearSurveys"/>); null = not loaded (the submitted snapshot, all units).
        /// </summary>
        public IReadOnlyList<YearSurveys.Round>? Surveys { get; init; }
    }

    public static readonly IReadOnlyDictionary<string, string> AgeGroupNames = new Dictionary<string, string>
    {
        ["18-29"] = "18–29 år",
        ["30-49"] = "30–49 år",
        ["50-64"] = "50–64 år",
        ["65+"] = "65 år och äldre",
        ["unknown"] = "Uppgift saknas",
    };

    private static readonly CultureInfo Sv = CultureInfo.GetCultureInfo("sv-SE");

    /// <summary>The key of the posts table's sum row.</summary>
    public const string PostsTotalKey = "total";

    /// <summary>A value for reading: "3,5", or "–" when missing.</summary>
    public static string Format(decimal? v) => v is { } x ? x.ToString("0.##", Sv) : "–";

    /// <summary>A difference for reading: "+2", "−1" (minus sign), "0", or "–" when a year is missing.</summary>
    public static string FormatDifference(decimal? d) => d switch
    {
        null => "–",
        > 0 => "+" + d.Value.ToString("0.##", Sv),
        < 0 => "−" + (-d.Value).ToString("0.##", Sv),
        _ => "0",
    };

    /// <summary>Lays out the tables of the report, every row with the previous year beside it. Pure.</summary>
    public static Report Build(Header header, AnnualStatistics.Figures current, AnnualStatistics.Figures previous)
    {
        static Row R(string key, string label, decimal? value, decimal? previous) => new(label, value, previous) { Key = key };

        static IReadOnlyList<Row> Gendered(AnnualStatistics.ByGender c, AnnualStatistics.ByGender p) =>
        [
            R("total", "Totalt", c.Total, p.Total), R("women", "Kvinnor", c.Women, p.Women), R("men", "Män", c.Men, p.Men),
            R("other", "Annat", c.Other, p.Other), R("unknown", "Uppgift saknas", c.Unknown, p.Unknown),
        ];

        // Categories of either year: this year's order (most clients first), then those only last year had.
        static IReadOnlyList<Row> Categories(IReadOnlyDictionary<string, int> c, IReadOnlyDictionary<string, int> p) =>
            c.Keys.Concat(p.Keys.Where(k => !c.ContainsKey(k)))
                .Select(k => new Row(k, c.GetValueOrDefault(k), p.GetValueOrDefault(k))).ToList();

        static Row D(string dependsOn, string key, string label, decimal? value, decimal? previous) =>
            new(label, value, previous) { Key = key, DependsOn = dependsOn };
        var a = current.Activity;
        var pa = previous.Activity;

        // The municipalities served this year (and any only last year had posts in), then their sum.
        static IReadOnlyList<Row> Posts(
            IReadOnlyList<AnnualStatistics.MunicipalityPosts> c, IReadOnlyList<AnnualStatistics.MunicipalityPosts> p)
        {
            var names = c.Select(x => x.Name)
                .Concat(p.Where(x => x.Posts is not null).Select(x => x.Name))
                .Distinct()
                .ToList();
            decimal? Of(IReadOnlyList<AnnualStatistics.MunicipalityPosts> l, string n) => l.FirstOrDefault(x => x.Name == n)?.Posts;
            decimal? Total(IReadOnlyList<AnnualStatistics.MunicipalityPosts> l) =>
                l.Any(x => x.Posts is not null) ? l.Sum(x => x.Posts ?? 0) : null;
            return names.Count == 0
                ? []
                : [.. names.Select(n => new Row(n, Of(c, n), Of(p, n))), R(PostsTotalKey, "Totalt", Total(c), Total(p))];
        }

        var steeringNote = current.SteeringGroupOrganisations.Count == 0
            ? "Organisationer med ledamot under året: inga."
            : "Organisationer med ledamot under året: " + string.Join(", ", current.SteeringGroupOrganisations) + ".";

        Table[] tables =
        [
            new("clients", "Klienter under året", "Kön", Gendered(current.Clients, previous.Clients)) { JsonKey = "clients" },
            new("new-clients", "Nya klienter", "Kön", Gendered(current.NewClients, previous.NewClients)) { JsonKey = "newClients" },
            new("closed-clients", "Avslutade klienter", "Kön", Gendered(current.ClosedClients, previous.ClosedClients))
                { JsonKey = "closedClients" },
            new("active-at-year-end", "Aktiva vid årets slut", "Kön", Gendered(current.ActiveAtYearEnd, previous.ActiveAtYearEnd))
                { JsonKey = "activeAtYearEnd" },
            new("age-groups", "Åldersgrupper", "Åldersgrupp",
                AnnualStatistics.AgeGroupKeys.Select(k => R(k, AgeGroupNames[k], current.AgeGroups[k], previous.AgeGroups[k])).ToList())
                { JsonKey = "ageGroups" },
            new("children-at-home", "Hemmavarande barn", "Klienter",
                [
                    R("clientsWithChildrenAtHome", "Med hemmavarande barn (helt eller delvis)",
                        current.ClientsWithChildrenAtHome, previous.ClientsWithChildrenAtHome),
                ]),
            new("contact-reasons", "Kontaktorsaker", "Kontaktorsak", Categories(current.ContactReasons, previous.ContactReasons))
                { JsonKey = "contactReasons" },
            new("referral-paths", "Kontaktvägar", "Kontaktväg", Categories(current.ReferralPaths, previous.ReferralPaths))
                { JsonKey = "referralPaths" },
            new("closure-reasons", "Avslutsorsaker", "Avslutsorsak", Categories(current.ClosureReasons, previous.ClosureReasons))
                { JsonKey = "closureReasons" },
            new("fault-categories", "Systembrister per kategori", "Kategori",
                [
                    new Row("Totalt", current.SystemFaults.Total, previous.SystemFaults.Total),
                    .. Categories(current.SystemFaults.ByCategory, previous.SystemFaults.ByCategory),
                ]),
            new("fault-levels", "Systembrister per nivå", "Nivå", Categories(current.SystemFaults.ByLevel, previous.SystemFaults.ByLevel)),
            new("steering-group", "Ledningsgruppen", "Uppgift",
                [
                    new Row("Möten under året", current.SteeringGroupMeetings, previous.SteeringGroupMeetings),
                    new Row("Organisationer med ledamot",
                        current.SteeringGroupOrganisations.Count, previous.SteeringGroupOrganisations.Count),
                ], steeringNote),
            new("fte", "Årsarbetare", "Uppgift", [new Row("Årsarbetare", current.Fte, previous.Fte)]),
            new("sip", "SIP", "Uppgift",
                [
                    R("clients", "Klienter med genomfört SIP-möte", a.Sip.Clients, pa.Sip.Clients),
                    R("meetingsHeld", "Genomförda SIP-möten", a.Sip.MeetingsHeld, pa.Sip.MeetingsHeld),
                    R("meetingsWithOmbud", "SIP-möten där ombudet deltog", a.Sip.MeetingsWithOmbud, pa.Sip.MeetingsWithOmbud),
                ]) { JsonKey = "sip" },
            new("needs-by-life-area", "Behov per livsområde", "Livsområde (klienter)", Categories(a.NeedsByLifeArea, pa.NeedsByLifeArea))
                { JsonKey = "needsByLifeArea" },
            new("need-outcomes", "Behovens utfall", "Utfall vid årets slut (behov)",
                [
                    R("met", "Tillgodosett", a.NeedOutcomes.Met, pa.NeedOutcomes.Met),
                    R("partlyMet", "Delvis tillgodosett", a.NeedOutcomes.PartlyMet, pa.NeedOutcomes.PartlyMet),
                    R("notMet", "Inte tillgodosett", a.NeedOutcomes.NotMet, pa.NeedOutcomes.NotMet),
                    R("ongoing", "Pågår", a.NeedOutcomes.Ongoing, pa.NeedOutcomes.Ongoing),
                ]) { JsonKey = "needOutcomes" },
            new("actor-types", "Kontaktade aktörer per typ", "Aktörstyp (klienter)", Categories(a.ActorTypes, pa.ActorTypes))
                { JsonKey = "actorTypes" },
            new("help-kinds", "Stöd som getts", "Stöd (klienter)", Categories(a.HelpKinds, pa.HelpKinds)) { JsonKey = "helpKinds" },
            new("mandate-length", "Uppdragens längd", "Avslutade uppdrag",
                [
                    R("closedMandates", "Antal avslutade uppdrag",
                        a.Durations.ClosedMandateMonths.Count, pa.Durations.ClosedMandateMonths.Count),
                    D("closedMandates", "medianMonths", "Median, månader", a.Durations.MedianMonths, pa.Durations.MedianMonths),
                    D("closedMandates", "lowerQuartileMonths", "Nedre kvartil, månader",
                        a.Durations.LowerQuartileMonths, pa.Durations.LowerQuartileMonths),
                    D("closedMandates", "upperQuartileMonths", "Övre kvartil, månader",
                        a.Durations.UpperQuartileMonths, pa.Durations.UpperQuartileMonths),
                ]) { JsonKey = "mandateLength" },
            new("after-mandate", "Efter uppdraget", "Gick vidare till (klienter)", Categories(current.AfterMandate, previous.AfterMandate))
                { JsonKey = "afterMandate" },
            new("peer-support", "Kamratstöd", "Klienter",
                [R("clientsBridgedToPeerSupport", "Slussade till kamratstöd eller brukarorganisation", current.ClientsBridgedToPeerSupport,
                    previous.ClientsBridgedToPeerSupport)]),
            new("posts", "Årsarbetare per kommun", "Kommun", Posts(current.Posts, previous.Posts)),
            new("waiting-time", "Väntetid till start", "Startade uppdrag",
                [
                    R("startedMandates", "Antal startade uppdrag", a.Durations.WaitingDays.Count, pa.Durations.WaitingDays.Count),
                    D("startedMandates", "medianDays", "Median, dagar", a.Durations.MedianWaitingDays, pa.Durations.MedianWaitingDays),
                ]) { JsonKey = "waitingTime" },
        ];
        return new Report(header, current, previous, tables);
    }

    /// <summary>
    /// Computes the report for a unit without checking who asks: for the command line (which has no signed-in user)
    /// and for <see cref="Handler"/> after its role check.
    /// </summary>
    /// <param name="publishThreshold">Publication mode (<see cref="Publication"/>) with this threshold; null = exact.</param>
    public static async Task<Report> LoadAsync(
        IDbContextFactory<OmbudDbContext> dbf, int unitId, int year, int? municipalityId, DateOnly today,
        CancellationToken ct, int? publishThreshold = null)
    {
        await using var db = await dbf.CreateDbContextAsync(ct);
        var unit = await db.Units.Where(u => u.Id == unitId).Select(u => u.Name).FirstOrDefaultAsync(ct) ?? "";
        string? municipality = null;
        if (municipalityId is { } mid)
            municipality = await db.Municipalities
                .Where(m => m.Id == mid && m.UnitId == unitId)
                .Select(m => m.Name)
                .FirstOrDefaultAsync(ct)
                ?? throw new Domain.DomainException("Kommunen finns inte i enheten.");
        async Task<Report> OneAsync(int? mid, string? name)
        {
            // both years in one pass (each kind of fact read once for the two)
            var years = await AnnualStatistics.Handler.LoadAsync(dbf, unitId, year - 1, year, mid, today, ct);
            return Build(new Header(unit, year, name, today) { UnitId = unitId }, years[year], years[year - 1]);
        }
        var report = await OneAsync(municipalityId, municipality);
        if (publishThreshold is not { } threshold) return report;

        // publication: the unit and every municipality (inactive ones too), so that no suppressed cell follows from the others
        var total = municipalityId is null ? report : await OneAsync(null, null);
        var parts = new List<Report>();
        var ids = await db.Municipalities.Where(m => m.UnitId == unitId).OrderBy(m => m.Id).Select(m => m.Id).ToListAsync(ct);
        foreach (var id in ids)
            parts.Add(id == municipalityId ? report : await OneAsync(id, null));
        return Publication.Apply(report, total, parts, threshold);
    }

    /// <summary>The report for the signed-in unit lead or administrator.</summary>
    public sealed class Handler(IDbContextFactory<OmbudDbContext> dbf, ICurrentUser currentUser, TimeProvider clock)
    {
        /// <param name="publish">
        /// Publication mode (<see cref="Publication"/>, threshold <see cref="Suppression.DefaultThreshold"/>).
        /// </param>
        public async Task<Report> HandleAsync(int year, int? municipalityId, bool publish = false, CancellationToken ct = default)
        {
            var me = await RequireLeadOrAdminAsync(currentUser);
            if (year < 2000 || year > 2100) throw new Domain.DomainException("Ange ett år mellan 2000 och 2100.");
            int? threshold = publish ? Suppression.DefaultThreshold : null;
            var report = await LoadAsync(dbf, me.UnitId, year, municipalityId, clock.Today(), ct, threshold);
            return await YearSurveys.AddToAsync(report, dbf, me.UnitId, ct);
        }
    }

    public static async Task<UserInfo> RequireLeadOrAdminAsync(ICurrentUser currentUser)
    {
        var me = await currentUser.GetAsync();
        if (!me.IsUnitLead && !me.IsAdmin)
            throw new Domain.DomainException("Bara enhetschef och administratör tar fram årsrapporten.");
        return me;
    }
}
