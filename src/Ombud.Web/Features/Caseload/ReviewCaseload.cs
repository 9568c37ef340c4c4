namespace Ombud.Web.Features.Caseload;

/// <summary>
/// Enhetens ärenden — the unit lead's caseload review. Per ombud: open mandates by status, new and closed this month
/// and this year, mandates without recorded activity for N weeks, overdue SIP follow-ups and measures, open needs by
/// life area; the unit's waiting list; and the last 12 months as a trend. Counts only — no names, personnummer or
/// free text ever leave this handler. "Today" is the Swedish date.
/// </summary>
public static class ReviewCaseload
{
    public const string StaleWeeksSetting = "Ombud:StaleWeeks";
    public const int DefaultStaleWeeks = 6;

    public sealed record Query(int? StaleWeeks = null);

    /// <summary>An ombud's open mandates by status (pick lists: who has room).</summary>
    public sealed record Load(string OmbudId, string Ombud, bool IsActive, int Active, int Paused, int Waiting)
    {
        public int Open => Active + Paused + Waiting;
    }

    public sealed record Row(string OmbudId, string Ombud, bool IsActive, int Active, int Paused, int Waiting,
        int NewThisMonth, int NewThisYear, int ClosedThisMonth, int ClosedThisYear, int Stale, int SipFollowUpsOverdue,
        int SipMeasuresOverdue, int OpenNeeds)
    {
        public int Open => Active + Paused + Waiting;
    }

    public sealed record NeedsByArea(string LifeArea, IReadOnlyDictionary<string, int> PerOmbud)
    {
        public int Total => PerOmbud.Values.Sum();
    }

    /// <summary>One month of the trend: mandates started and closed in the month, open and waiting at its end.</summary>
    public sealed record Month(DateOnly First, int Started, int Closed, int OpenAtEnd, int WaitingAtEnd)
    {
        public string Label => First.ToString("MMM yy", System.Globalization.CultureInfo.GetCultureInfo("sv-SE"));
    }

    /// <summary>A SIP meeting of an open mandate, with its mandate's ombud and how many of its open measures are past due.</summary>
    private sealed record SipRow(int Id, int MandateId, string OmbudId, DateOnly Date, SipStatus Status, DateOnly? FollowUpOn,
        int? PreviousMeetingId, int LateMeasures);

    /// <summary>How many of one ombud's mandates had an event on a day.</summary>
    private sealed record DayCount(DateOnly? Day, int Count);

    public sealed record Result(DateOnly Today, int StaleWeeks, IReadOnlyList<Row> Rows, int WaitingWithoutOmbud, int? LongestWaitDays,
        IReadOnlyList<NeedsByArea> Needs, IReadOnlyList<Month> Trend);

    /// <summary>
    /// Open mandates (all of the unit's staff) from which the review's reads run side by side (<see cref="ParallelReads"/>):
    /// ≈ 50 ombud with full caseloads. The 300-ombud national profile has ≈ 12,000; a real unit a few hundred.
    /// </summary>
    public const int DefaultLargeOpenCaseload = 2_000;
    public const string LargeOpenCaseloadSetting = "Ombud:ReviewSideBySideFromOpenMandates";

    public sealed class Handler(IDbContextFactory<OmbudDbContext> dbf, ICurrentUser currentUser, TimeProvider clock, IConfiguration config)
    {
        private static readonly StringComparer Swedish =
            StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("sv-SE"), ignoreCase: true);

        /// <summary>The unit's ombud with their open load (for pick lists): two small queries, not the whole review.</summary>
        public async Task<IReadOnlyList<Load>> HandleAsync(CancellationToken ct = default)
        {
            var me = await RequireLeadOrAdminAsync();
            await using var db = await dbf.CreateDbContextAsync(ct);
            var (ombud, open) = await OpenLoadAsync(db, me.UnitId, DateOnly.MinValue, ct);
            int Count(string id, MandateStatus s) => open.Where(c => c.OmbudId == id && c.Status == s).Sum(c => c.Count);
            return ombud
                .Select(o => new Load(o.Id, o.DisplayName, o.IsActive,
                    Count(o.Id, MandateStatus.Active), Count(o.Id, MandateStatus.Paused), Count(o.Id, MandateStatus.Waiting)))
                .Where(l => l.IsActive || l.Open > 0)
                .OrderBy(l => l.Ombud, Swedish)
                .ToList();
        }

        private async Task<UserInfo> RequireLeadOrAdminAsync()
        {
            var me = await currentUser.GetAsync();
            if (!me.IsUnitLead && !me.IsAdmin) throw new DomainException("Bara enhetschef och administratör ser enhetens översikt.");
            return me;
        }

        private sealed record Ombud(string Id, string DisplayName, bool IsActive);
        private sealed record OpenCount(string? OmbudId, MandateStatus Status, int Count, int Stale);

        /// <summary>
        /// The unit's ombud, and the open mandates of the unit's staff by ombud and status (with how many have had no activity
        /// since <paramref name="staleBefore"/>), read through the (OmbudId, Status) index: no join to the clients, which at
        /// national scale means probing every client of the unit.
        /// </summary>
        private static async Task<(List<Ombud> Ombud, List<OpenCount> Open)> OpenLoadAsync(
            OmbudDbContext db, int unitId, DateOnly staleBefore, CancellationToken ct)
        {
            var ombud = await db.UsersInRole(Roles.Ombud).AsNoTracking().Where(u => u.UnitId == unitId)
                .Select(u => new Ombud(u.Id, u.DisplayName, u.IsActive)).ToListAsync(ct);
            var unitStaff = UnitStaff(db, unitId);
            var open = await db.Mandates.AsNoTracking()
                .Where(m => m.OmbudId != null && unitStaff.Contains(m.OmbudId) && m.UnitId == unitId
                            && (m.Status == MandateStatus.Waiting || m.Status == MandateStatus.Active || m.Status == MandateStatus.Paused))
                .GroupBy(m => new { m.OmbudId, m.Status })
                .Select(g => new OpenCount(g.Key.OmbudId, g.Key.Status, g.Count(),
                    g.Count(m => m.Status != MandateStatus.Waiting && m.LastActivityOn < staleBefore)))
                .ToListAsync(ct);
            return (ombud, open);
        }

        /// <summary>A need count per (ombud, life area) of the staff's open mandates.</summary>
        private sealed record NeedCount(string? OmbudId, string Area, int SortOrder, int Count);

        /// <summary>Mandates of an ombud counted this year, and how many of them this month.</summary>
        private readonly record struct YearMonth(int Year, int Month);

        /// <summary>A day of the trend's closing events: all mandates closed that day and those of them that had started.</summary>
        private sealed record CloseDay(DateOnly? ClosedOn, int Count, int Started);

        /// <summary>A mandate of the waiting list without an ombud.</summary>
        private sealed record Span(DateOnly RegisteredOn, DateOnly? StartDate, DateOnly? ClosedOn);

        /// <summary>
        /// The unit's staff (user ids): the staff's mandates are read through the (OmbudId, Status) index, with no join to the
        /// clients, which at national scale means probing every client of the unit.
        /// </summary>
        private static IQueryable<string> UnitStaff(OmbudDbContext db, int unitId) =>
            db.Users.Where(u => u.UnitId == unitId).Select(u => u.Id);

        /// <summary>
        /// The unit's mandates of the unit's staff, read through the (OmbudId, …, UnitId) indexes: 300 small range reads for a
        /// 300-ombud unit, from the index alone. The mandate's own unit is checked too, not only its ombud's: should an account
        /// ever move to another unit, its old unit's mandates must not count here.
        /// </summary>
        private static IQueryable<Mandate> StaffMandates(OmbudDbContext db, int unitId)
        {
            var staff = UnitStaff(db, unitId);
            return db.Mandates.AsNoTracking().Where(m => m.OmbudId != null && staff.Contains(m.OmbudId) && m.UnitId == unitId);
        }

        /// <summary>
        /// Per (ombud, this month or not) of the unit's staff, counted in the database (<paramref name="started"/>: start
        /// dates, else closing dates) from the (OmbudId, date) indexes alone. Grouping by (day, ombud) instead returned ≈ 40,000
        /// rows for a 300-ombud unit to add up here.
        /// </summary>
        private static async Task<Dictionary<string, YearMonth>> ThisYearAsync(
            OmbudDbContext db, int unitId, bool started, DateOnly yearStart, DateOnly monthStart, CancellationToken ct)
        {
            var all = StaffMandates(db, unitId);
            var counts = started
                ? await all.Where(m => m.StartDate >= yearStart)
                    .GroupBy(m => new { m.OmbudId, ThisMonth = m.StartDate >= monthStart })
                    .Select(g => new { g.Key.OmbudId, g.Key.ThisMonth, Count = g.Count() }).ToListAsync(ct)
                : await all.Where(m => m.ClosedOn >= yearStart)
                    .GroupBy(m => new { m.OmbudId, ThisMonth = m.ClosedOn >= monthStart })
                    .Select(g => new { g.Key.OmbudId, g.Key.ThisMonth, Count = g.Count() }).ToListAsync(ct);
            return counts.GroupBy(c => c.OmbudId!).ToDictionary(
                g => g.Key, g => new YearMonth(g.Sum(c => c.Count), g.Where(c => c.ThisMonth).Sum(c => c.Count)));
        }

        /// <summary>
        /// The SIP meetings of the staff's open mandates, new mandates this year, and the trend's start days.
        /// </summary>
        private static async Task<(List<SipRow> Meetings, Dictionary<string, YearMonth> Started, List<DayCount> StartDays)>
            ReadWorkAsync(IDbContextFactory<OmbudDbContext> dbf, int unitId, DateOnly today,
            DateOnly yearStart, DateOnly monthStart, DateOnly window, CancellationToken ct)
        {
            await using var db = await dbf.CreateDbContextAsync(ct);
            var unitStaff = UnitStaff(db, unitId);
            // SIP: per open mandate, the current meeting's follow-up (unless followed up) and its open measures past due. Each
            // meeting comes with its mandate's ombud and with the number of its open measures already past due, counted in the
            // database: reading every open mandate's measures and then the mandates' ombud again was the review's dearest
            // materialisation (≈ 3,000 rows and a second query for a 300-ombud unit).
            // "Open" is spelt as the three open statuses, not "not closed": SQLite then seeks each ombud's open mandates in the
            // (OmbudId, Status) index instead of reading all of them, closed ones included (150,000 entries in the national
            // profile; the SIP statement 13 -> 4 ms, the needs statement 27 -> 18 ms in sqlite3).
            var meetings = await db.SipMeetings.AsNoTracking()
                .Where(s => (s.Mandate!.Status == MandateStatus.Waiting || s.Mandate.Status == MandateStatus.Active
                             || s.Mandate.Status == MandateStatus.Paused)
                            && s.Mandate.OmbudId != null && unitStaff.Contains(s.Mandate.OmbudId) && s.Mandate.UnitId == unitId)
                .Select(s => new SipRow(s.Id, s.MandateId, s.Mandate!.OmbudId!, s.Date, s.Status, s.FollowUpOn, s.PreviousMeetingId,
                    s.Measures.Count(x => (x.Status == SipMeasureStatus.Planned || x.Status == SipMeasureStatus.InProgress)
                                          && x.DueOn < today)))
                .ToListAsync(ct);
            var started = await ThisYearAsync(db, unitId, started: true, yearStart, monthStart, ct);
            // The trend: the staff's mandates' events of the last 12 months counted per day (a few hundred rows each).
            var staffMandates = StaffMandates(db, unitId);
            var startDays = await staffMandates.Where(m => m.StartDate >= window)
                .GroupBy(m => m.StartDate).Select(g => new DayCount(g.Key, g.Count())).ToListAsync(ct);
            return (meetings, started, startDays);
        }

        /// <summary>
        /// The open needs of the staff's open mandates, mandates closed this year per ombud, the trend's registration and closing
        /// days, and the waiting list without an ombud (its own small reads). The needs are the dearest read (≈ 30 ms for a
        /// 300-ombud unit): here they balance the two halves.
        /// </summary>
        private static async Task<(List<NeedCount> Needs, Dictionary<string, YearMonth> Closed, List<DayCount> RegistrationDays,
            List<CloseDay> Closes, List<Span> Unassigned, List<DateOnly> WaitingSince)> ReadEventsAsync(
            IDbContextFactory<OmbudDbContext> dbf, int unitId, DateOnly yearStart, DateOnly monthStart, DateOnly window,
            CancellationToken ct)
        {
            await using var db = await dbf.CreateDbContextAsync(ct);
            var unitStaff = UnitStaff(db, unitId);
            var needs = await db.Needs.AsNoTracking()
                .Where(n => (n.Mandate!.Status == MandateStatus.Waiting || n.Mandate.Status == MandateStatus.Active
                             || n.Mandate.Status == MandateStatus.Paused)
                            && n.Mandate.OmbudId != null && unitStaff.Contains(n.Mandate.OmbudId) && n.Mandate.UnitId == unitId
                            && (n.Status == NeedStatus.Identified || n.Status == NeedStatus.InProgress))
                .GroupBy(n => new { n.Mandate!.OmbudId, Area = n.LifeArea!.Name, n.LifeArea.SortOrder })
                .Select(g => new NeedCount(g.Key.OmbudId, g.Key.Area, g.Key.SortOrder, g.Count()))
                .ToListAsync(ct);

            var closed = await ThisYearAsync(db, unitId, started: false, yearStart, monthStart, ct);
            var staffMandates = StaffMandates(db, unitId);
            var registrationDays = await staffMandates
                .Where(m => m.RegisteredOn >= window && (m.StartDate == null || m.StartDate >= window))
                .GroupBy(m => m.RegisteredOn).Select(g => new DayCount(g.Key, g.Count())).ToListAsync(ct);
            // Grouped by the day alone, in the index's order (no sort of 14,000 rows by a computed key), with the started ones
            // counted in each group.
            var closes = await staffMandates.Where(m => m.ClosedOn >= window)
                .GroupBy(m => m.ClosedOn)
                .Select(g => new CloseDay(g.Key, g.Count(), g.Count(m => m.StartDate != null))).ToListAsync(ct);
            // "UnitId + 0": SQLite would otherwise pick a (UnitId, …) index and read every mandate of the unit (150,000 in the
            // national profile) to find the few without an ombud; this way it seeks the (OmbudId, Status) index at NULL.
            var unassigned = db.Mandates.AsNoTracking().Where(m => m.OmbudId == null && m.UnitId + 0 == unitId);
            var spans = await unassigned.Where(m => m.ClosedOn == null || m.ClosedOn >= window)
                .Select(m => new Span(m.RegisteredOn, m.StartDate, m.ClosedOn)).ToListAsync(ct);
            // The waiting list without an ombud is short: its dates in one read give both the count and the longest wait.
            var waitingSince = await unassigned.Where(m => m.Status == MandateStatus.Waiting).Select(m => m.RegisteredOn)
                .ToListAsync(ct);
            return (needs, closed, registrationDays, closes, spans, waitingSince);
        }

        public async Task<Result> ReviewAsync(Query query, CancellationToken ct = default)
        {
            var me = await RequireLeadOrAdminAsync();
            var today = clock.Today();
            var staleWeeks = query.StaleWeeks ?? config.GetValue(StaleWeeksSetting, DefaultStaleWeeks);
            if (staleWeeks is < 1 or > 104) staleWeeks = DefaultStaleWeeks;
            var staleBefore = today.AddDays(-7 * staleWeeks);
            var monthStart = new DateOnly(today.Year, today.Month, 1);
            var yearStart = new DateOnly(today.Year, 1, 1);
            var trendStart = monthStart.AddMonths(-11);

            List<Ombud> ombud;
            List<OpenCount> open;
            await using (var db = await dbf.CreateDbContextAsync(ct))
                (ombud, open) = await OpenLoadAsync(db, me.UnitId, staleBefore, ct);
            // The remaining reads in two halves, side by side for a large caseload (ParallelReads): for a 300-ombud unit the
            // halves are ≈ 20 and ≈ 45 ms of SQLite's time and the lead waits for the longer, not the sum. A real unit's reads
            // take a few milliseconds; there they run in turn, as extra threads would only compete with the page's rendering.
            var large = open.Sum(c => c.Count) >= config.GetValue(LargeOpenCaseloadSetting, DefaultLargeOpenCaseload);
            var (work, events) = await ParallelReads.BothAsync(dbf,
                () => ReadWorkAsync(dbf, me.UnitId, today, yearStart, monthStart, trendStart, ct),
                () => ReadEventsAsync(dbf, me.UnitId, yearStart, monthStart, trendStart, ct),
                large, ct);
            var (meetings, started, startDays) = work;
            var (needs, closed, registrationDays, staffCloses, unassignedSpans, waitingSince) = events;
            var window = trendStart;

            var sipFollowUps = new Dictionary<string, int>();
            var sipMeasures = new Dictionary<string, int>();
            foreach (var group in meetings.GroupBy(s => s.MandateId))
            {
                var mandateMeetings = group.Select(s => new SipMeeting
                {
                    Id = s.Id,
                    MandateId = s.MandateId,
                    Date = s.Date,
                    Status = s.Status,
                    FollowUpOn = s.FollowUpOn,
                    PreviousMeetingId = s.PreviousMeetingId,
                }).ToList();
                if (SipMeeting.Current(mandateMeetings) is not { Status: not SipStatus.Cancelled } current) continue;
                var who = group.First().OmbudId;
                var followedUp = mandateMeetings.Any(s => s.PreviousMeetingId == current.Id && s.Status != SipStatus.Cancelled);
                if (!followedUp && current.IsFollowUpOverdue(today)) sipFollowUps[who] = sipFollowUps.GetValueOrDefault(who) + 1;
                var late = group.First(s => s.Id == current.Id).LateMeasures;
                if (late > 0) sipMeasures[who] = sipMeasures.GetValueOrDefault(who) + late;
            }

            var names = ombud.ToDictionary(o => o.Id, o => o.DisplayName);
            // Looked up per ombud, not searched: scanning the unit's (ombud, status) and (ombud, life area) groups once per
            // ombud was ≈ 1.9 million comparisons for a 300-ombud unit (65-78 ms of the handler).
            var openBy = open.Where(c => c.OmbudId is not null).ToLookup(c => c.OmbudId!);
            var needsBy = needs.Where(n => n.OmbudId is not null).GroupBy(n => n.OmbudId!)
                .ToDictionary(g => g.Key, g => g.Sum(n => n.Count));
            int OpenCount(string id, MandateStatus s) => openBy[id].Where(c => c.Status == s).Sum(c => c.Count);
            var rows = ombud
                .Select(o => new Row(o.Id, o.DisplayName, o.IsActive,
                    OpenCount(o.Id, MandateStatus.Active), OpenCount(o.Id, MandateStatus.Paused), OpenCount(o.Id, MandateStatus.Waiting),
                    started.GetValueOrDefault(o.Id).Month, started.GetValueOrDefault(o.Id).Year,
                    closed.GetValueOrDefault(o.Id).Month, closed.GetValueOrDefault(o.Id).Year,
                    openBy[o.Id].Sum(c => c.Stale),
                    sipFollowUps.GetValueOrDefault(o.Id), sipMeasures.GetValueOrDefault(o.Id),
                    needsBy.GetValueOrDefault(o.Id)))
                .Where(r => r.IsActive || r.Open > 0)
                .OrderBy(r => r.Ombud, Swedish)
                .ToList();
            var needRows = needs.GroupBy(n => new { n.Area, n.SortOrder }).OrderBy(g => g.Key.SortOrder).ThenBy(g => g.Key.Area, Swedish)
                .Select(g => new NeedsByArea(g.Key.Area, g.Where(n => n.OmbudId is not null && names.ContainsKey(n.OmbudId))
                    .GroupBy(n => n.OmbudId!).ToDictionary(x => x.Key, x => x.Sum(n => n.Count))))
                .ToList();

            var withoutOmbud = waitingSince.Count;
            DateOnly? oldest = waitingSince.Count == 0 ? null : waitingSince.Min();

            static int Key(DateOnly d) => d.Year * 12 + d.Month;
            Dictionary<int, int> Months(IEnumerable<(DateOnly? Day, int Count)> days)
            {
                var counts = new Dictionary<int, int>();
                foreach (var (day, count) in days)
                    if (day is { } d && d >= window) counts[Key(d)] = counts.GetValueOrDefault(Key(d)) + count;
                return counts;
            }
            static IEnumerable<(DateOnly?, int)> Days(IEnumerable<DayCount> rows) => rows.Select(r => (r.Day, r.Count));
            var starts = Months(Days(startDays).Concat(unassignedSpans.Select(x => (x.StartDate, 1))));
            var registrations = Months(Days(registrationDays).Concat(unassignedSpans.Select(x => ((DateOnly?)x.RegisteredOn, 1))));
            var startedCloses = Months(staffCloses.Select(c => (c.ClosedOn, c.Started))
                .Concat(unassignedSpans.Where(x => x.StartDate != null).Select(x => (x.ClosedOn, 1))));
            var unstartedCloses = Months(staffCloses.Select(c => (c.ClosedOn, c.Count - c.Started))
                .Concat(unassignedSpans.Where(x => x.StartDate == null).Select(x => (x.ClosedOn, 1))));

            var openNow = open.Where(c => c.Status != MandateStatus.Waiting).Sum(c => c.Count); // mandates without an ombud only wait
            var waitingNow = open.Where(c => c.Status == MandateStatus.Waiting).Sum(c => c.Count) + withoutOmbud;
            var trend = new List<Month>();
            for (var first = monthStart; first >= trendStart; first = first.AddMonths(-1))
            {
                var key = first.Year * 12 + first.Month;
                // openNow / waitingNow are now the totals at the end of this month: take back the later months' events first.
                var closes = startedCloses.GetValueOrDefault(key) + unstartedCloses.GetValueOrDefault(key);
                trend.Add(new Month(first, starts.GetValueOrDefault(key), closes, openNow, waitingNow));
                openNow += -starts.GetValueOrDefault(key) + startedCloses.GetValueOrDefault(key);
                waitingNow += -registrations.GetValueOrDefault(key)
                              + starts.GetValueOrDefault(key) + unstartedCloses.GetValueOrDefault(key);
            }
            trend.Reverse();

            int? longestWait = oldest is { } d ? today.DayNumber - d.DayNumber : null;
            return new Result(today, staleWeeks, rows, withoutOmbud, longestWait, needRows, trend);
        }
    }
}
