namespace Ombud.Web.Features.AnnualReport;

/// <summary>
/// The yearly report's figures on the work done (docs/statistics.md, "What the ombud did"): SIP meetings, needs per
/// life area and how they ended, actors contacted and kinds of help (counted as clients), how long mandates lasted and
/// how long people waited. Computed from facts that survive anonymisation (dates, statuses, categories, actor types).
/// </summary>
public static class ActivityStatistics
{
    /// <summary>A SIP meeting dated in the year, de-identified.</summary>
    public sealed record SipFact(int ClientId, DateOnly Date, SipStatus Status, bool OmbudAttended);

    /// <summary>A need of a mandate active in the year: its life area, status and the date it was resolved (if it was).</summary>
    public sealed record NeedFact(int ClientId, string LifeArea, NeedStatus Status, DateOnly IdentifiedOn, DateOnly? ResolvedOn);

    /// <summary>An authority contact dated in the year: the actor's type and the kinds of help given.</summary>
    public sealed record ContactFact(int ClientId, string ActorType, IReadOnlyList<string> HelpKinds);

    /// <summary>A mandate's dates: first contact (waiting list), start and closing.</summary>
    public sealed record MandateDates(DateOnly RegisteredOn, DateOnly? StartDate, DateOnly? ClosedOn);

    public sealed record Facts(IReadOnlyList<SipFact> Sip, IReadOnlyList<NeedFact> Needs, IReadOnlyList<ContactFact> Contacts,
        IReadOnlyList<MandateDates> Mandates)
    {
        public static readonly Facts None = new([], [], [], []);

        /// <summary>
        /// The year's contacts already counted in the database
        /// (<see cref="LoadFactsAsync(IDbContextFactory{OmbudDbContext}, int, int, int, int?, CancellationToken)"/>):
        /// then <see cref="Contacts"/> is empty and <see cref="Compute"/> takes the counts from here.
        /// </summary>
        public ContactCounts? Counted { get; init; }

        /// <summary>The clients with a contact with a peer-support or user-organisation actor (may repeat a client).</summary>
        public IEnumerable<int> PeerSupportClients => Counted?.PeerSupportClients
            ?? Contacts.Where(c => Data.Seed.DefaultCategories.PeerSupportActorTypes.Contains(c.ActorType)).Select(c => c.ClientId);
    }

    /// <summary>
    /// A year's contacts counted as <see cref="Compute"/> counts <see cref="ContactFact"/>s (distinct clients per actor type and
    /// per kind of help, ordered most clients first), plus the clients who had a contact with a peer-support actor type.
    /// </summary>
    public sealed record ContactCounts(IReadOnlyDictionary<string, int> ActorTypes, IReadOnlyDictionary<string, int> HelpKinds,
        IReadOnlyList<int> PeerSupportClients);

    /// <summary>SIP in the year: clients with a held meeting, meetings held, held meetings the ombud attended.</summary>
    public sealed record SipFigures(int Clients, int MeetingsHeld, int MeetingsWithOmbud);

    /// <summary>Needs worked on in the year by how they stood at year end (a need resolved later is still ongoing).</summary>
    public sealed record NeedOutcomes(int Met, int PartlyMet, int NotMet, int Ongoing);

    /// <summary>
    /// The de-identified durations behind the medians: months each mandate closed in the year lasted, days each mandate
    /// started in the year waited. Kept as lists (not only medians) so that units' figures can be added up.
    /// </summary>
    public sealed record Durations(IReadOnlyList<decimal> ClosedMandateMonths, IReadOnlyList<int> WaitingDays)
    {
        public decimal? MedianMonths => Quantile(ClosedMandateMonths, 0.5m);
        public decimal? LowerQuartileMonths => Quantile(ClosedMandateMonths, 0.25m);
        public decimal? UpperQuartileMonths => Quantile(ClosedMandateMonths, 0.75m);
        public decimal? MedianWaitingDays => Quantile(WaitingDays.Select(d => (decimal)d).ToList(), 0.5m);
    }

    public sealed record Figures(SipFigures Sip, IReadOnlyDictionary<string, int> NeedsByLifeArea, NeedOutcomes NeedOutcomes,
        IReadOnlyDictionary<string, int> ActorTypes, IReadOnlyDictionary<string, int> HelpKinds, Durations Durations)
    {
        public static readonly Figures None = new(new SipFigures(0, 0, 0), new Dictionary<string, int>(), new NeedOutcomes(0, 0, 0, 0),
            new Dictionary<string, int>(), new Dictionary<string, int>(), new Durations([], []));
    }

    /// <summary>Average length of a month in days (365.25 / 12): lengths in months are days / this, to one decimal.</summary>
    public const decimal DaysPerMonth = 30.4375m;

    /// <summary>
    /// The q-quantile with linear interpolation between the closest ranks (as Excel's KVARTIL.INK / QUARTILE.INC), to one
    /// decimal; null for an empty list.
    /// </summary>
    public static decimal? Quantile(IReadOnlyList<decimal> values, decimal q)
    {
        if (values.Count == 0) return null;
        var sorted = values.Order().ToList();
        var h = (sorted.Count - 1) * q;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Count - 1);
        return Math.Round(sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]), 1, MidpointRounding.AwayFromZero);
    }

    public static Figures Compute(int year, Facts facts)
    {
        var first = new DateOnly(year, 1, 1);
        var last = new DateOnly(year, 12, 31);
        static IReadOnlyDictionary<string, int> CountClients(IEnumerable<(int ClientId, string Category)> pairs) =>
            pairs.Distinct().GroupBy(p => p.Category).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Count());

        var held = facts.Sip.Where(s => s.Status == SipStatus.Held && s.Date >= first && s.Date <= last).ToList();
        var sip = new SipFigures(held.Select(s => s.ClientId).Distinct().Count(), held.Count, held.Count(s => s.OmbudAttended));

        var needs = facts.Needs.Where(n => n.IdentifiedOn <= last && (n.ResolvedOn is null || n.ResolvedOn >= first)).ToList();
        NeedStatus? AtYearEnd(NeedFact n) => n.ResolvedOn is { } r && r <= last && Need.IsResolved(n.Status) ? n.Status : null;
        var outcomes = new NeedOutcomes(
            needs.Count(n => AtYearEnd(n) == NeedStatus.Met),
            needs.Count(n => AtYearEnd(n) == NeedStatus.PartlyMet),
            needs.Count(n => AtYearEnd(n) == NeedStatus.NotMet),
            needs.Count(n => AtYearEnd(n) is null));

        var months = facts.Mandates.Where(m => m is { StartDate: { } s, ClosedOn: { } c } && c >= first && c <= last)
            .Select(m => Math.Round(
                (m.ClosedOn!.Value.DayNumber - m.StartDate!.Value.DayNumber) / DaysPerMonth, 1, MidpointRounding.AwayFromZero))
            .Order().ToList();
        var waiting = facts.Mandates.Where(m => m.StartDate is { } s && s >= first && s <= last)
            .Select(m => m.StartDate!.Value.DayNumber - m.RegisteredOn.DayNumber).Order().ToList();

        return new Figures(sip,
            CountClients(needs.Select(n => (n.ClientId, n.LifeArea))),
            outcomes,
            facts.Counted?.ActorTypes ?? CountClients(facts.Contacts.Select(c => (c.ClientId, c.ActorType))),
            facts.Counted?.HelpKinds ?? CountClients(facts.Contacts.SelectMany(c => c.HelpKinds.Select(h => (c.ClientId, h)))),
            new Durations(months, waiting));
    }

    /// <summary>Counts as <see cref="Compute"/> orders them: most clients first, then by name.</summary>
    private static IReadOnlyDictionary<string, int> Ordered(IEnumerable<(string Name, int Clients)> counts) =>
        counts.OrderByDescending(c => c.Clients).ThenBy(c => c.Name, StringComparer.Ordinal).ToDictionary(c => c.Name, c => c.Clients);

    /// <summary>
    /// The unit's facts for the year (all municipalities, or the clients registered in one): SIP meetings and contacts dated
    /// in the year, needs of mandates active in the year, and the dates of mandates that started or closed in the year.
    /// </summary>
    public static async Task<Facts> LoadFactsAsync(
        IDbContextFactory<OmbudDbContext> dbf, int unitId, int year, int? municipalityId, CancellationToken ct) =>
        (await LoadFactsAsync(dbf, unitId, year, year, municipalityId, ct))[year];

    /// <summary>
    /// The facts of <paramref name="fromYear"/> and <paramref name="toYear"/> (the same year, or two consecutive years) in one
    /// pass (the report reads its year and the previous one): one query per kind of fact for all the years, split by year
    /// in memory. Contacts are counted in the database (<see cref="Facts.Counted"/>): a year of a large unit has hundreds
    /// of thousands of contacts, and only the number of distinct clients per actor type and per kind of help is needed.
    /// </summary>
    /// <param name="sideBySide">
    /// A large unit (<see cref="ParallelReads.IsLargeUnitAsync"/>): the kinds of help on a thread of their own.
    /// </param>
    public static async Task<IReadOnlyDictionary<int, Facts>> LoadFactsAsync(
        IDbContextFactory<OmbudDbContext> dbf, int unitId, int fromYear, int toYear,
        int? municipalityId, CancellationToken ct, bool sideBySide = false)
    {
        if (toYear < fromYear || toYear - fromYear > 1)
            throw new ArgumentOutOfRangeException(nameof(toYear), "One year or two consecutive years.");
        var first = new DateOnly(fromYear, 1, 1);
        var last = new DateOnly(toYear, 12, 31);
        // The kinds of help are the largest count (a million link rows for two years of the national profile): for a large
        // unit on a connection of its own, alongside the other reads (ParallelReads), so the lead waits for the longer.
        var (helpKinds, (sip, needs, actors, dates)) = await ParallelReads.BothAsync(dbf,
            () => HelpKindCountsAsync(dbf, unitId, fromYear, toYear, municipalityId, ct),
            () => OtherFactsAsync(dbf, unitId, fromYear, toYear, municipalityId, ct), sideBySide, ct);
        var peerTypes = Data.Seed.DefaultCategories.PeerSupportActorTypes;
        var years = new Dictionary<int, Facts>();
        for (var year = fromYear; year <= toYear; year++)
        {
            var (f, l, y) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31), year);
            years[year] = new Facts(
                sip.Where(s => s.Date >= f && s.Date <= l).ToList(),
                needs.Where(n => n.StartDate <= l && (n.ClosedOn is null || n.ClosedOn >= f)
                                 && n.IdentifiedOn <= l && (n.ResolvedOn is null || n.ResolvedOn >= f))
                    .Select(n => new NeedFact(n.ClientId, n.LifeArea, n.Status, n.IdentifiedOn, n.ResolvedOn)).ToList(),
                [],
                dates.Where(m => (m.StartDate >= f && m.StartDate <= l) || (m.ClosedOn >= f && m.ClosedOn <= l)).ToList())
            {
                Counted = new ContactCounts(
                    Ordered(actors.Where(c => c.Year == y).GroupBy(c => c.Type).Select(g => (g.Key, g.Count()))),
                    Ordered(helpKinds.Where(c => c.Year == y).Select(c => (c.Name, c.Clients))),
                    actors.Where(c => c.Year == y && peerTypes.Contains(c.Type)).Select(c => c.ClientId).ToList()),
            };
        }
        return years;
    }

    /// <summary>A need of a mandate active in the years, with the mandate's dates (each year picks its own).</summary>
    private sealed record NeedRow(int ClientId, DateOnly? StartDate, DateOnly? ClosedOn, string LifeArea, NeedStatus Status,
        DateOnly IdentifiedOn, DateOnly? ResolvedOn);

    /// <summary>
    /// Every fact but the kinds of help, in one context: SIP meetings, needs, distinct (year, client, actor type), and the
    /// dates of the mandates that started or closed in the years.
    /// </summary>
    private static async Task<(List<SipFact> Sip, List<NeedRow> Needs, List<(int Year, int ClientId, string Type)> Actors,
        List<MandateDates> Dates)> OtherFactsAsync(
        IDbContextFactory<OmbudDbContext> dbf, int unitId, int fromYear, int toYear, int? municipalityId, CancellationToken ct)
    {
        var (first, last) = (new DateOnly(fromYear, 1, 1), new DateOnly(toYear, 12, 31));
        await using var db = await dbf.CreateDbContextAsync(ct);
        // From the unit's mandates to their rows (joins through the (MandateId, Date) indexes), not "MandateId IN (the
        // unit's mandates)", which SQLite answers by scanning the whole child table.
        var mandates = db.Mandates.AsNoTracking().Where(m => m.UnitId == unitId);
        if (municipalityId is { } mid) mandates = mandates.Where(m => m.Client!.MunicipalityId == mid);

        var sip = await mandates.SelectMany(m => m.SipMeetings.Where(s => s.Date >= first && s.Date <= last),
            (m, s) => new SipFact(m.ClientId, s.Date, s.Status, s.OmbudAttended)).ToListAsync(ct);
        var needs = await mandates.Where(m => m.StartDate != null && m.StartDate <= last && (m.ClosedOn == null || m.ClosedOn >= first))
            .SelectMany(m => m.Needs.Where(n => n.IdentifiedOn <= last && (n.ResolvedOn == null || n.ResolvedOn >= first)),
                (m, n) => new NeedRow(m.ClientId, m.StartDate, m.ClosedOn, n.LifeArea!.Name, n.Status, n.IdentifiedOn, n.ResolvedOn))
            .ToListAsync(ct);
        // Year by comparison, not strftime per row (the loader reads at most two years: the report's and the one before).
        var lastFirst = new DateOnly(toYear, 1, 1);
        var inRange = mandates.SelectMany(m => m.Contacts.Where(c => c.Date >= first && c.Date <= last),
            (m, c) => new { m.ClientId, Year = c.Date >= lastFirst ? toYear : fromYear, Contact = c });
        // Distinct (year, client, actor type): counted per type here, and the peer-support clients picked from the same rows.
        var actorRows = await inRange.Select(x => new { x.Year, x.ClientId, x.Contact.Actor!.ActorTypeId }).Distinct().ToListAsync(ct);
        var actorTypeNames = await db.Categories.AsNoTracking()
            .Select(c => new { c.Id, c.Name })
            .ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var actors = actorRows
            .Select(x => (x.Year, x.ClientId, Type: actorTypeNames.GetValueOrDefault(x.ActorTypeId, "")))
            .Distinct()
            .ToList();
        var dates = await mandates
            .Where(m => m.StartDate != null
                        && ((m.StartDate >= first && m.StartDate <= last) || (m.ClosedOn >= first && m.ClosedOn <= last)))
            .Select(m => new MandateDates(m.RegisteredOn, m.StartDate, m.ClosedOn)).ToListAsync(ct);
        return (sip, needs, actors, dates);
    }

    /// <summary>Distinct clients per (year, kind of help) of the contacts dated in the years, counted in the database.</summary>
    private static async Task<List<(int Year, string Name, int Clients)>> HelpKindCountsAsync(
        IDbContextFactory<OmbudDbContext> dbf, int unitId, int fromYear, int toYear, int? municipalityId, CancellationToken ct)
    {
        var (first, last, lastFirst) = (new DateOnly(fromYear, 1, 1), new DateOnly(toYear, 12, 31), new DateOnly(toYear, 1, 1));
        await using var db = await dbf.CreateDbContextAsync(ct);
        var mandates = db.Mandates.AsNoTracking().Where(m => m.UnitId == unitId);
        if (municipalityId is { } mid) mandates = mandates.Where(m => m.Client!.MunicipalityId == mid);
        var rows = await mandates.SelectMany(m => m.Contacts.Where(c => c.Date >= first && c.Date <= last),
                (m, c) => new { m.ClientId, Year = c.Date >= lastFirst ? toYear : fromYear, Contact = c })
            .SelectMany(x => x.Contact.HelpKinds, (x, h) => new { x.ClientId, x.Year, h.Name })
            .GroupBy(c => new { c.Year, c.Name })
            .Select(g => new { g.Key.Year, g.Key.Name, Clients = g.Select(c => c.ClientId).Distinct().Count() }).ToListAsync(ct);
        return rows.Select(r => (r.Year, r.Name, r.Clients)).ToList();
    }
}
