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
    }

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
        var outcomes = new NeedOutcomes(needs.Count(n => AtYearEnd(n) == NeedStatus.Met), needs.Count(n => AtYearEnd(n) == NeedStatus.PartlyMet),
            needs.Count(n => AtYearEnd(n) == NeedStatus.NotMet), needs.Count(n => AtYearEnd(n) is null));

        var months = facts.Mandates.Where(m => m is { StartDate: { } s, ClosedOn: { } c } && c >= first && c <= last)
            .Select(m => Math.Round((m.ClosedOn!.Value.DayNumber - m.StartDate!.Value.DayNumber) / DaysPerMonth, 1, MidpointRounding.AwayFromZero))
            .Order().ToList();
        var waiting = facts.Mandates.Where(m => m.StartDate is { } s && s >= first && s <= last)
            .Select(m => m.StartDate!.Value.DayNumber - m.RegisteredOn.DayNumber).Order().ToList();

        return new Figures(sip,
            CountClients(needs.Select(n => (n.ClientId, n.LifeArea))),
            outcomes,
            CountClients(facts.Contacts.Select(c => (c.ClientId, c.ActorType))),
            CountClients(facts.Contacts.SelectMany(c => c.HelpKinds.Select(h => (c.ClientId, h)))),
            new Durations(months, waiting));
    }

    /// <summary>
    /// The unit's facts for the year (all municipalities, or the clients registered in one): SIP meetings and contacts dated
    /// in the year, needs of mandates active in the year, and the dates of mandates that started or closed in the year.
    /// </summary>
    public static async Task<Facts> LoadFactsAsync(IDbContextFactory<OmbudDbContext> dbf, int unitId, int year, int? municipalityId, CancellationToken ct)
    {
        var first = new DateOnly(year, 1, 1);
        var last = new DateOnly(year, 12, 31);
        await using var db = await dbf.CreateDbContextAsync(ct);
        var mandates = db.Mandates.AsNoTracking().Where(m => m.UnitId == unitId);
        if (municipalityId is { } mid) mandates = mandates.Where(m => m.Client!.MunicipalityId == mid);

        var sip = await db.SipMeetings.AsNoTracking()
            .Where(s => mandates.Select(m => m.Id).Contains(s.MandateId) && s.Date >= first && s.Date <= last)
            .Select(s => new SipFact(s.Mandate!.ClientId, s.Date, s.Status, s.OmbudAttended)).ToListAsync(ct);
        var active = mandates.Where(m => m.StartDate != null && m.StartDate <= last && (m.ClosedOn == null || m.ClosedOn >= first)).Select(m => m.Id);
        var needs = await db.Needs.AsNoTracking()
            .Where(n => active.Contains(n.MandateId) && n.IdentifiedOn <= last && (n.ResolvedOn == null || n.ResolvedOn >= first))
            .Select(n => new NeedFact(n.Mandate!.ClientId, n.LifeArea!.Name, n.Status, n.IdentifiedOn, n.ResolvedOn)).ToListAsync(ct);
        var contacts = await db.AuthorityContacts.AsNoTracking()
            .Where(c => mandates.Select(m => m.Id).Contains(c.MandateId) && c.Date >= first && c.Date <= last)
            .Select(c => new ContactFact(c.Mandate!.ClientId, c.Actor!.ActorType!.Name, c.HelpKinds.Select(h => h.Name).ToList()))
            .AsSplitQuery().ToListAsync(ct);
        var dates = await mandates
            .Where(m => m.StartDate != null && ((m.StartDate >= first && m.StartDate <= last) || (m.ClosedOn >= first && m.ClosedOn <= last)))
            .Select(m => new MandateDates(m.RegisteredOn, m.StartDate, m.ClosedOn)).ToListAsync(ct);
        return new Facts(sip, needs, contacts, dates);
    }
}
