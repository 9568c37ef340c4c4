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
    }

    /// <summary>One row: null values mean "not entered" (only årsarbetare can be missing).</summary>
    public sealed record Row(string Label, decimal? Value, decimal? Previous)
    {
        public decimal? Difference => Value is { } v && Previous is { } p ? v - p : null;
    }

    /// <param name="Key">Stable id (test ids, CSV readers).</param>
    /// <param name="Title">Heading and .xlsx sheet name (at most 31 characters).</param>
    /// <param name="LabelHeading">Heading of the label column.</param>
    /// <param name="Note">An extra line under the table (e.g. the ledningsgrupp's organisations).</param>
    public sealed record Table(string Key, string Title, string LabelHeading, IReadOnlyList<Row> Rows, string? Note = null);

    public sealed record Report(Header Header, AnnualStatistics.Figures Current, AnnualStatistics.Figures Previous, IReadOnlyList<Table> Tables)
    {
        public Table this[string key] => Tables.Single(t => t.Key == key);
    }

    public static readonly IReadOnlyDictionary<string, string> AgeGroupNames = new Dictionary<string, string>
    { ["18-29"] = "18–29 år", ["30-49"] = "30–49 år", ["50-64"] = "50–64 år", ["65+"] = "65 år och äldre", ["unknown"] = "Uppgift saknas" };

    private static readonly CultureInfo Sv = CultureInfo.GetCultureInfo("sv-SE");

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
        static IReadOnlyList<Row> Gendered(AnnualStatistics.ByGender c, AnnualStatistics.ByGender p) =>
        [
            new("Totalt", c.Total, p.Total), new("Kvinnor", c.Women, p.Women), new("Män", c.Men, p.Men),
            new("Annat", c.Other, p.Other), new("Uppgift saknas", c.Unknown, p.Unknown),
        ];

        // Categories of either year: this year's order (most clients first), then those only last year had.
        static IReadOnlyList<Row> Categories(IReadOnlyDictionary<string, int> c, IReadOnlyDictionary<string, int> p) =>
            c.Keys.Concat(p.Keys.Where(k => !c.ContainsKey(k)))
                .Select(k => new Row(k, c.GetValueOrDefault(k), p.GetValueOrDefault(k))).ToList();

        var steeringNote = current.SteeringGroupOrganisations.Count == 0
            ? "Organisationer med ledamot under året: inga."
            : "Organisationer med ledamot under året: " + string.Join(", ", current.SteeringGroupOrganisations) + ".";

        Table[] tables =
        [
            new("clients", "Klienter under året", "Kön", Gendered(current.Clients, previous.Clients)),
            new("new-clients", "Nya klienter", "Kön", Gendered(current.NewClients, previous.NewClients)),
            new("closed-clients", "Avslutade klienter", "Kön", Gendered(current.ClosedClients, previous.ClosedClients)),
            new("active-at-year-end", "Aktiva vid årets slut", "Kön", Gendered(current.ActiveAtYearEnd, previous.ActiveAtYearEnd)),
            new("age-groups", "Åldersgrupper", "Åldersgrupp",
                AnnualStatistics.AgeGroupKeys.Select(k => new Row(AgeGroupNames[k], current.AgeGroups[k], previous.AgeGroups[k])).ToList()),
            new("children-at-home", "Hemmavarande barn", "Klienter",
                [new Row("Med hemmavarande barn (helt eller delvis)", current.ClientsWithChildrenAtHome, previous.ClientsWithChildrenAtHome)]),
            new("contact-reasons", "Kontaktorsaker", "Kontaktorsak", Categories(current.ContactReasons, previous.ContactReasons)),
            new("referral-paths", "Kontaktvägar", "Kontaktväg", Categories(current.ReferralPaths, previous.ReferralPaths)),
            new("closure-reasons", "Avslutsorsaker", "Avslutsorsak", Categories(current.ClosureReasons, previous.ClosureReasons)),
            new("fault-categories", "Systembrister per kategori", "Kategori",
                [new Row("Totalt", current.SystemFaults.Total, previous.SystemFaults.Total), .. Categories(current.SystemFaults.ByCategory, previous.SystemFaults.ByCategory)]),
            new("fault-levels", "Systembrister per nivå", "Nivå", Categories(current.SystemFaults.ByLevel, previous.SystemFaults.ByLevel)),
            new("steering-group", "Ledningsgruppen", "Uppgift",
                [
                    new Row("Möten under året", current.SteeringGroupMeetings, previous.SteeringGroupMeetings),
                    new Row("Organisationer med ledamot", current.SteeringGroupOrganisations.Count, previous.SteeringGroupOrganisations.Count),
                ], steeringNote),
            new("fte", "Årsarbetare", "Uppgift", [new Row("Årsarbetare", current.Fte, previous.Fte)]),
        ];
        return new Report(header, current, previous, tables);
    }

    /// <summary>
    /// Computes the report for a unit without checking who asks: for the command line (which has no signed-in user)
    /// and for <see cref="Handler"/> after its role check.
    /// </summary>
    public static async Task<Report> LoadAsync(IDbContextFactory<OmbudDbContext> dbf, int unitId, int year, int? municipalityId, DateOnly today, CancellationToken ct)
    {
        await using var db = await dbf.CreateDbContextAsync(ct);
        var unit = await db.Units.Where(u => u.Id == unitId).Select(u => u.Name).FirstOrDefaultAsync(ct) ?? "";
        string? municipality = null;
        if (municipalityId is { } mid)
            municipality = await db.Municipalities.Where(m => m.Id == mid && m.UnitId == unitId).Select(m => m.Name).FirstOrDefaultAsync(ct)
                ?? throw new Domain.DomainException("Kommunen finns inte i enheten.");
        // Both years' facts in one pass: most mandates active in the year were active the year before too.
        var facts = await AnnualStatistics.Handler.LoadFactsAsync(dbf, unitId, year - 1, year, municipalityId, ct);
        var current = await AnnualStatistics.WithUnitFiguresAsync(AnnualStatistics.Compute(year, facts), db, unitId, today, ct);
        var previous = await AnnualStatistics.WithUnitFiguresAsync(AnnualStatistics.Compute(year - 1, facts), db, unitId, today, ct);
        return Build(new Header(unit, year, municipality, today), current, previous);
    }

    /// <summary>The report for the signed-in unit lead or administrator.</summary>
    public sealed class Handler(IDbContextFactory<OmbudDbContext> dbf, ICurrentUser currentUser, TimeProvider clock)
    {
        public async Task<Report> HandleAsync(int year, int? municipalityId, CancellationToken ct = default)
        {
            var me = await RequireLeadOrAdminAsync(currentUser);
            if (year < 2000 || year > 2100) throw new Domain.DomainException("Ange ett år mellan 2000 och 2100.");
            return await LoadAsync(dbf, me.UnitId, year, municipalityId, clock.Today(), ct);
        }
    }

    public static async Task<UserInfo> RequireLeadOrAdminAsync(ICurrentUser currentUser)
    {
        var me = await currentUser.GetAsync();
        if (!me.IsUnitLead && !me.IsAdmin) throw new Domain.DomainException("Bara enhetschef och administratör tar fram årsrapporten.");
        return me;
    }
}
