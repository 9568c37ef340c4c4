namespace Ombud.Web.Features.AnnualReport;

/// <summary>
/// The client figures of the yearly report to Länsstyrelsen, computed exactly as docs/statistics.md defines them, from
/// facts that survive anonymisation (gender, birth year, municipality, children flag, mandate dates and categories).
/// </summary>
public static class AnnualStatistics
{
    /// <summary>One mandate, de-identified: all the report needs.</summary>
    public sealed record MandateFact(int ClientId, Gender Gender, int? BirthYear, ChildrenAtHome Children, DateOnly? StartDate,
        DateOnly? ClosedOn, string? ReferralPath, string? ClosureReason, IReadOnlyList<string> ContactReasons)
    {
        /// <summary>What the client went on to (efter uppdraget), asked at close; null when not recorded.</summary>
        public string? AfterMandate { get; init; }
        /// <summary>The mandate's id: of two mandates closed the same day, the later registered (higher id) is the last.</summary>
        public int MandateId { get; init; }
    }

    /// <summary>A municipality the unit serves and its posts (årsarbetare) for the year; null when not entered.</summary>
    public sealed record MunicipalityPosts(int MunicipalityId, string Name, decimal? Posts);

    public sealed record ByGender(int Total, int Women, int Men, int Other, int Unknown)
    {
        public static ByGender Of(IEnumerable<Gender> genders)
        {
            var g = genders.ToList();
            return new ByGender(g.Count,
                g.Count(x => x == Gender.Woman),
                g.Count(x => x == Gender.Man),
                g.Count(x => x == Gender.Other),
                g.Count(x => x == Gender.Unknown));
        }
    }

    public static readonly string[] AgeGroupKeys = ["18-29", "30-49", "50-64", "65+", "unknown"];

    public sealed record Figures(int Year, ByGender Clients, ByGender NewClients, ByGender ClosedClients, ByGender ActiveAtYearEnd,
        IReadOnlyDictionary<string, int> AgeGroups, int ClientsWithChildrenAtHome, IReadOnlyDictionary<string, int> ContactReasons,
        IReadOnlyDictionary<string, int> ReferralPaths, IReadOnlyDictionary<string, int> ClosureReasons)
    {
        /// <summary>The unit's system faults reported to the ledningsgrupp in the year (not split by municipality).</summary>
        public FaultFigures SystemFaults { get; init; } = FaultFigures.None;
        public int SteeringGroupMeetings { get; init; }
        public IReadOnlyList<string> SteeringGroupOrganisations { get; init; } = [];
        /// <summary>
        /// The unit's årsarbetare for the year as entered by the lead; null when not entered (not split by municipality).
        /// </summary>
        public decimal? Fte { get; init; }
        /// <summary>SIP, needs, actors, help, mandate length and waiting time (<see cref="ActivityStatistics"/>).</summary>
        public ActivityStatistics.Figures Activity { get; init; } = ActivityStatistics.Figures.None;
        /// <summary>Closed clients (Avslutade) per what they went on to, from their last mandate closed in the year.</summary>
        public IReadOnlyDictionary<string, int> AfterMandate { get; init; } = new Dictionary<string, int>();
        /// <summary>Clients bridged to peer support or a user organisation in the year (<see cref="BridgedToPeerSupport"/>).</summary>
        public int ClientsBridgedToPeerSupport { get; init; }
        /// <summary>The municipalities served and their posts for the year (unit figures, not split by municipality).</summary>
        public IReadOnlyList<MunicipalityPosts> Posts { get; init; } = [];
    }

    public sealed record FaultFigures(int Total, IReadOnlyDictionary<string, int> ByCategory, IReadOnlyDictionary<string, int> ByLevel)
    {
        public static readonly FaultFigures None = new(0, new Dictionary<string, int>(), new Dictionary<string, int>());
    }

    /// <summary>
    /// The unit-level parts: årsarbetare, system faults reported to the ledningsgrupp in the year, and the ledningsgrupp's year.
    /// </summary>
    public static async Task<Figures> WithUnitFiguresAsync(Figures f, OmbudDbContext db, int unitId, DateOnly today, CancellationToken ct)
    {
        var steering = await SteeringGroup.SummariseSteeringGroupYear.Handler.ComputeAsync(db, unitId, f.Year, today, ct);
        var fte = await db.UnitYearFtes.AsNoTracking()
            .Where(x => x.UnitId == unitId && x.Year == f.Year)
            .Select(x => (decimal?)x.Fte)
            .FirstOrDefaultAsync(ct);
        var posts = await db.MunicipalityYearPosts.AsNoTracking().Where(x => x.UnitId == unitId && x.Year == f.Year)
            .Select(x => new { x.MunicipalityId, x.Posts }).ToListAsync(ct);
        // the municipalities served: the active ones, and any other with posts in the year
        var served = await db.Municipalities.AsNoTracking().Where(m => m.UnitId == unitId)
            .Select(m => new { m.Id, m.Name, m.IsActive }).ToListAsync(ct);
        return f with
        {
            SystemFaults = steering.Faults,
            SteeringGroupMeetings = steering.MeetingCount,
            SteeringGroupOrganisations = steering.Organisations,
            Fte = fte,
            Posts = served.Where(m => m.IsActive || posts.Any(p => p.MunicipalityId == m.Id))
                .OrderBy(m => m.Name, StringComparer.Create(CultureInfo.GetCultureInfo("sv-SE"), ignoreCase: false))
                .Select(m => new MunicipalityPosts(m.Id, m.Name, posts.FirstOrDefault(p => p.MunicipalityId == m.Id)?.Posts)).ToList(),
        };
    }

    /// <summary>
    /// The unit's system faults reported to the ledningsgrupp in <paramref name="year"/>: those whose report date (the
    /// meeting's date, <see cref="SystemFault.ReportedOn"/>) is in the year; drafts have none and never count. The fault
    /// list's year filter uses the same definition (<see cref="SystemFaults.FaultFilter"/>).
    /// </summary>
    public static async Task<FaultFigures> FaultFiguresAsync(OmbudDbContext db, int unitId, int year, CancellationToken ct)
    {
        var first = new DateOnly(year, 1, 1);
        var last = new DateOnly(year, 12, 31);
        var faults = await db.SystemFaults.AsNoTracking()
            .Where(x => x.UnitId == unitId && x.ReportedOn >= first && x.ReportedOn <= last)
            .Select(x => new { Category = x.Category!.Name, x.Level }).ToListAsync(ct);
        return new FaultFigures(faults.Count,
            faults.GroupBy(x => x.Category)
                .OrderByDescending(g => g.Count())
                .ThenBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Count()),
            Enum.GetValues<FaultLevel>().ToDictionary(l => l.Name(), l => faults.Count(x => x.Level == l)));
    }

    /// <summary>
    /// Age group by the age reached in the year (year − birth year). Under 18 cannot be registered; such data counts as 18–29.
    /// </summary>
    public static string AgeGroup(int year, int? birthYear) => (year - birthYear) switch
    {
        null => "unknown",
        < 30 => "18-29",
        < 50 => "30-49",
        < 65 => "50-64",
        _ => "65+",
    };

    public static Figures Compute(int year, IEnumerable<MandateFact> mandates)
    {
        var first = new DateOnly(year, 1, 1);
        var last = new DateOnly(year, 12, 31);
        var started = mandates.Where(m => m.StartDate is not null).ToList(); // waiting-list entries never count

        bool ActiveDuring(MandateFact m) => m.StartDate <= last && (m.ClosedOn is null || m.ClosedOn >= first);
        bool ActiveAtEnd(MandateFact m) => m.StartDate <= last && (m.ClosedOn is null || m.ClosedOn > last);

        var during = started.Where(ActiveDuring).ToList();
        var clients = during.GroupBy(m => m.ClientId).ToDictionary(g => g.Key, g => g.First());
        var activeAtEnd = during.Where(ActiveAtEnd).Select(m => m.ClientId).ToHashSet();
        var newIds = during.Where(m => m.StartDate >= first).Select(m => m.ClientId).ToHashSet();
        var closedMandates = during
            .Where(m => m.ClosedOn is { } c && c >= first && c <= last && !activeAtEnd.Contains(m.ClientId))
            .ToList();
        var closedIds = closedMandates.Select(m => m.ClientId).ToHashSet();

        ByGender Split(IEnumerable<int> ids) => ByGender.Of(ids.Select(id => clients[id].Gender));

        static IReadOnlyDictionary<string, int> CountClients(IEnumerable<(int ClientId, string? Category)> pairs) =>
            pairs.Where(p => p.Category is not null).Distinct().GroupBy(p => p.Category!)
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Count());

        // The closure reason of a closed client is the one of their last mandate closed in the year.
        // (Of two closed the same day, the higher id: not the order the rows happened to come in.)
        var lastClosed = closedMandates.GroupBy(m => m.ClientId)
            .Select(g => g.OrderBy(m => m.ClosedOn).ThenBy(m => m.MandateId).Last()).ToList();
        var lastClosure = lastClosed.Select(m => (m.ClientId, m.ClosureReason));

        return new Figures(
            year,
            Split(clients.Keys), Split(newIds), Split(closedIds), Split(activeAtEnd),
            AgeGroupKeys.ToDictionary(k => k, k => clients.Values.Count(c => AgeGroup(year, c.BirthYear) == k)),
            clients.Values.Count(c => c.Children is ChildrenAtHome.Fully or ChildrenAtHome.Partly),
            CountClients(during.SelectMany(m => m.ContactReasons.Select(r => (m.ClientId, (string?)r)))),
            CountClients(during.Select(m => (m.ClientId, m.ReferralPath))),
            CountClients(lastClosure))
        {
            AfterMandate = CountClients(lastClosed.Select(m => (m.ClientId, m.AfterMandate))),
        };
    }

    /// <summary>
    /// Clients bridged to peer support in the year: distinct clients with an authority contact dated in the year with an
    /// actor of a peer-support or user-organisation type (<see cref="Data.Seed.DefaultCategories.PeerSupportActorTypes"/>), or with
    /// a mandate closed in the year whose "efter uppdraget" is <see cref="Data.Seed.DefaultCategories.PeerSupportAfterMandate"/>.
    /// </summary>
    public static int BridgedToPeerSupport(int year, IEnumerable<MandateFact> mandates, ActivityStatistics.Facts activity)
    {
        var first = new DateOnly(year, 1, 1);
        var last = new DateOnly(year, 12, 31);
        var byContact = activity.PeerSupportClients;
        var byClosing = mandates.Where(m => m.ClosedOn >= first && m.ClosedOn <= last && m.StartDate is not null
            && m.AfterMandate == Data.Seed.DefaultCategories.PeerSupportAfterMandate).Select(m => m.ClientId);
        return byContact.Concat(byClosing).Distinct().Count();
    }

    public sealed class Handler(IDbContextFactory<OmbudDbContext> dbf, ICurrentUser currentUser, TimeProvider clock)
    {
        /// <summary>The unit's figures for the year, for all municipalities or one.</summary>
        public async Task<Figures> HandleAsync(int year, int? municipalityId, CancellationToken ct = default)
        {
            var me = await currentUser.GetAsync();
            if (!me.IsUnitLead && !me.IsAdmin) throw new DomainException("Bara enhetschef och administratör tar fram årsrapporten.");
            return await LoadAsync(dbf, me.UnitId, year, municipalityId, clock.Today(), ct);
        }

        /// <summary>Every figure of the year for the unit (all municipalities or one), without checking who asks.</summary>
        public static async Task<Figures> LoadAsync(
            IDbContextFactory<OmbudDbContext> dbf, int unitId, int year, int? municipalityId, DateOnly today, CancellationToken ct) =>
            (await LoadAsync(dbf, unitId, year, year, municipalityId, today, ct))[year];

        /// <summary>
        /// Every figure of each year from <paramref name="fromYear"/> to <paramref name="toYear"/> in one pass: each kind of
        /// fact is read once for all the years (the report shows its year and the previous one), each year computed from its own.
        /// </summary>
        public static async Task<IReadOnlyDictionary<int, Figures>> LoadAsync(
            IDbContextFactory<OmbudDbContext> dbf, int unitId, int fromYear, int toYear,
            int? municipalityId, DateOnly today, CancellationToken ct)
        {
            // The client facts and the activity facts side by side (ParallelReads): for a large unit each takes a second or
            // more, and the lead waits for the longer, not the sum (SQLite's readers do not block each other).
            var large = await ParallelReads.IsLargeUnitAsync(dbf, unitId, ct);
            var (facts, activity) = await ParallelReads.BothAsync(dbf,
                () => LoadFactsAsync(dbf, unitId, fromYear, toYear, municipalityId, ct),
                () => ActivityStatistics.LoadFactsAsync(dbf, unitId, fromYear, toYear, municipalityId, ct, sideBySide: large),
                large, ct);
            await using var db = await dbf.CreateDbContextAsync(ct);
            var years = new Dictionary<int, Figures>();
            for (var year = fromYear; year <= toYear; year++)
            {
                var figures = Compute(year, facts) with
                {
                    Activity = ActivityStatistics.Compute(year, activity[year]),
                    ClientsBridgedToPeerSupport = BridgedToPeerSupport(year, facts, activity[year]),
                };
                years[year] = await WithUnitFiguresAsync(figures, db, unitId, today, ct);
            }
            return years;
        }

        /// <summary>The facts of every mandate active during <paramref name="year"/>.</summary>
        public static Task<List<MandateFact>> LoadFactsAsync(
            IDbContextFactory<OmbudDbContext> dbf, int unitId, int year, int? municipalityId, CancellationToken ct) =>
            LoadFactsAsync(dbf, unitId, year, year, municipalityId, ct);

        /// <summary>
        /// The facts of every mandate active during some part of <paramref name="fromYear"/>–<paramref name="toYear"/>
        /// (<see cref="Compute"/> picks each year's own): the report reads its year and the previous one in one pass.
        /// </summary>
        public static async Task<List<MandateFact>> LoadFactsAsync(
            IDbContextFactory<OmbudDbContext> dbf, int unitId, int fromYear, int toYear,
            int? municipalityId, CancellationToken ct)
        {
            var first = new DateOnly(fromYear, 1, 1);
            var last = new DateOnly(toYear, 12, 31);
            await using var db = await dbf.CreateDbContextAsync(ct);
            var q = db.Mandates.AsNoTracking().Where(m =>
                m.UnitId == unitId && m.StartDate != null && m.StartDate <= last && (m.ClosedOn == null || m.ClosedOn >= first));
            if (municipalityId is { } mid) q = q.Where(m => m.Client!.MunicipalityId == mid);
            var rows = await q.Select(m => new
            {
                m.Id,
                m.ClientId,
                m.Client!.Gender,
                m.Client.BirthYear,
                m.Client.ChildrenAtHome,
                m.StartDate,
                m.ClosedOn,
                ReferralPath = m.ReferralPath!.Name,
                ClosureReason = m.ClosureReason!.Name,
                AfterMandate = m.AfterMandate!.Name,
            }).ToListAsync(ct);
            // The contact reasons in a flat query of their own (the link table through its MandateId index), put together in
            // memory: a split query would sort every mandate row by four keys for the join, at national scale most of the cost.
            var reasons = (await q.SelectMany(m => m.ContactReasons, (m, r) => new { m.Id, r.Name }).ToListAsync(ct))
                .ToLookup(x => x.Id, x => x.Name);
            return rows.Select(m => new MandateFact(m.ClientId, m.Gender, m.BirthYear, m.ChildrenAtHome, m.StartDate, m.ClosedOn,
                    m.ReferralPath, m.ClosureReason, reasons[m.Id].ToList())
            { AfterMandate = m.AfterMandate, MandateId = m.Id })
                .ToList();
        }
    }
}
