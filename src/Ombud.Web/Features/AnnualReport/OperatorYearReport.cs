namespace Ombud.Web.Features.AnnualReport;

/// <summary>
/// The yearly report for the operator: the <c>report</c> verb (no signed-in user) or an administrator. One unit — the
/// one asked for, the only one, or a signed-in admin's own — optionally one municipality chosen by name
/// (case-insensitive); the same model as the page's (<see cref="YearReport"/>), so the command line's files equal the
/// downloads. From the command line also the whole installation (<see cref="Query.AllUnits"/>): every unit's figures
/// added up, in the same shape.
/// </summary>
public static class OperatorYearReport
{
    /// <summary>The header's unit name of the whole installation's report.</summary>
    public const string AllUnitsName = "Alla enheter";

    /// <param name="UnitId">The unit; null = the database's only unit (refused when it has several).</param>
    /// <param name="AllUnits">The sum over every unit (command line only; not with a unit or a municipality).</param>
    /// <param name="PublishThreshold">Publication mode with this threshold (<see cref="Publication"/>); null = exact figures.</param>
    public sealed record Query(
        int Year, string? Municipality = null, int? UnitId = null, bool AllUnits = false, int? PublishThreshold = null);

    public sealed class Handler(IDbContextFactory<OmbudDbContext> dbf, ICurrentUser currentUser, TimeProvider clock)
    {
        private const string What = "ta fram årsrapporten från kommandoraden";

        public async Task<YearReport.Report> HandleAsync(Query query, CancellationToken ct = default)
        {
            var scope = await Admin.AdminAccess.OperatorUnitAsync(currentUser, query.UnitId, What);
            if (query.Year is < 2000 or > 2100) throw new DomainException("Ange ett år mellan 2000 och 2100.");
            if (query.AllUnits) return await AllUnitsAsync(query, ct);
            await using var db = await dbf.CreateDbContextAsync(ct);
            var unitId = scope ?? await OnlyUnitAsync(db, ct);
            if (!await db.Units.AnyAsync(u => u.Id == unitId, ct)) throw new DomainException("Enheten finns inte.");
            int? municipalityId = null;
            if (query.Municipality is { } name)
            {
                var all = await db.Municipalities.Where(m => m.UnitId == unitId).Select(m => new { m.Id, m.Name }).ToListAsync(ct);
                municipalityId = all.FirstOrDefault(x => string.Equals(x.Name, name, StringComparison.CurrentCultureIgnoreCase))?.Id
                    ?? throw new DomainException($"Kommunen '{name}' finns inte i enheten.");
            }
            var report = await YearReport.LoadAsync(dbf, unitId, query.Year, municipalityId, clock.Today(), ct, query.PublishThreshold);
            return await YearSurveys.AddToAsync(report, dbf, unitId, ct);
        }

        /// <summary>
        /// <c>report --all-units --publish</c>: every unit's publication-mode figures side by side and their sum, as the
        /// Regional uppföljare sees the granted units (<see cref="Region.RollUpYearReport"/>). Command line only.
        /// </summary>
        public async Task<Region.RollUpYearReport.RollUp> RollUpAsync(int year, int threshold, CancellationToken ct = default)
        {
            await RequireCommandLineAsync();
            if (year is < 2000 or > 2100) throw new DomainException("Ange ett år mellan 2000 och 2100.");
            List<(int, string)> units;
            await using (var db = await dbf.CreateDbContextAsync(ct))
                units = (await db.Units.OrderBy(u => u.Id).Select(u => new { u.Id, u.Name }).ToListAsync(ct))
                    .Select(u => (u.Id, u.Name))
                    .ToList();
            return await Region.RollUpYearReport.LoadAsync(dbf, units, year, threshold, clock.Today(), AllUnitsName, ct);
        }

        private async Task<YearReport.Report> AllUnitsAsync(Query query, CancellationToken ct)
        {
            await RequireCommandLineAsync();
            if (query.UnitId is not null) throw new DomainException("Ange antingen en enhet eller alla enheter, inte båda.");
            if (query.Municipality is not null)
                throw new DomainException("En kommun väljs inom en enhet: ange enheten i stället för alla enheter.");
            // publication: the roll-up's sum (the units are its parts, and each unit's own suppression holds in it)
            if (query.PublishThreshold is { } t) return (await RollUpAsync(query.Year, t, ct)).Sum;
            List<int> units;
            await using (var db = await dbf.CreateDbContextAsync(ct))
                units = await db.Units.OrderBy(u => u.Id).Select(u => u.Id).ToListAsync(ct);
            var today = clock.Today();
            var reports = new List<YearReport.Report>();
            foreach (var unitId in units) reports.Add(await YearReport.LoadAsync(dbf, unitId, query.Year, null, today, ct));
            var sum = YearReport.Build(new YearReport.Header(AllUnitsName, query.Year, null, today),
                Sum(query.Year, reports.Select(r => r.Current).ToList()), Sum(query.Year - 1, reports.Select(r => r.Previous).ToList()));
            // the brukarundersökning is not added up: every unit's rounds, one after the other
            var surveys = new List<YearSurveys.Round>();
            foreach (var unitId in units) surveys.AddRange(await YearSurveys.LoadAsync(dbf, unitId, query.Year, null, ct));
            return sum with { Surveys = surveys };
        }

        /// <summary>The whole installation's report is for the operator at the command line (no signed-in user).</summary>
        private async Task RequireCommandLineAsync()
        {
            if (await currentUser.FindAsync() is not null)
                throw new DomainException("Bara kommandoraden kan ta fram rapporten för alla enheter.");
        }

        private static async Task<int> OnlyUnitAsync(OmbudDbContext db, CancellationToken ct)
        {
            var units = await db.Units.OrderBy(u => u.Id).Select(u => new { u.Id, u.Name }).Take(2).ToListAsync(ct);
            return units.Count switch
            {
                0 => throw new DomainException("Databasen har ingen enhet."),
                1 => units[0].Id,
                _ => throw new DomainException("Databasen har flera enheter: ange vilken enhet rapporten gäller."),
            };
        }
    }

    /// <summary>
    /// The installation's figures: every unit's figures added up. A client belongs to one unit, so client counts add up;
    /// category counts add up per category (ordered as in one unit's report: most first); the ledningsgrupp's
    /// organisations are every unit's, each named once; årsarbetare add up (null when no unit entered any). Pure.
    /// </summary>
    public static AnnualStatistics.Figures Sum(int year, IReadOnlyList<AnnualStatistics.Figures> units)
    {
        AnnualStatistics.ByGender Gendered(Func<AnnualStatistics.Figures, AnnualStatistics.ByGender> of) => new(
            units.Sum(f => of(f).Total), units.Sum(f => of(f).Women), units.Sum(f => of(f).Men),
            units.Sum(f => of(f).Other), units.Sum(f => of(f).Unknown));

        // Categories: most first, then by name (as AnnualStatistics.Compute orders one unit's).
        IReadOnlyDictionary<string, int> Counted(Func<AnnualStatistics.Figures, IReadOnlyDictionary<string, int>> of) =>
            units.SelectMany(f => of(f)).GroupBy(kv => kv.Key).Select(g => (g.Key, Count: g.Sum(kv => kv.Value)))
                .OrderByDescending(x => x.Count).ThenBy(x => x.Key, StringComparer.Ordinal).ToDictionary(x => x.Key, x => x.Count);

        // Fixed keys (age groups, fault levels): in their own order.
        IReadOnlyDictionary<string, int> Keyed(
            Func<AnnualStatistics.Figures, IReadOnlyDictionary<string, int>> of, IEnumerable<string> keys) =>
            keys.Concat(units.SelectMany(f => of(f).Keys)).Distinct().ToDictionary(k => k, k => units.Sum(f => of(f).GetValueOrDefault(k)));

        var levels = units.SelectMany(f => f.SystemFaults.ByLevel.Keys).Distinct().ToList();
        return new AnnualStatistics.Figures(year,
            Gendered(f => f.Clients), Gendered(f => f.NewClients), Gendered(f => f.ClosedClients), Gendered(f => f.ActiveAtYearEnd),
            Keyed(f => f.AgeGroups, AnnualStatistics.AgeGroupKeys), units.Sum(f => f.ClientsWithChildrenAtHome),
            Counted(f => f.ContactReasons), Counted(f => f.ReferralPaths), Counted(f => f.ClosureReasons))
        {
            SystemFaults = new AnnualStatistics.FaultFigures(units.Sum(f => f.SystemFaults.Total), Counted(f => f.SystemFaults.ByCategory),
                Keyed(f => f.SystemFaults.ByLevel, levels)),
            SteeringGroupMeetings = units.Sum(f => f.SteeringGroupMeetings),
            SteeringGroupOrganisations = units.SelectMany(f => f.SteeringGroupOrganisations).Distinct()
                .Order(StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("sv-SE"), ignoreCase: false)).ToList(),
            Fte = units.Any(f => f.Fte is not null) ? units.Sum(f => f.Fte ?? 0) : null,
            AfterMandate = Counted(f => f.AfterMandate),
            ClientsBridgedToPeerSupport = units.Sum(f => f.ClientsBridgedToPeerSupport),
            // every unit's municipalities; a name served by two units adds up
            Posts = units.SelectMany(f => f.Posts).GroupBy(p => p.Name)
                .Select(g => new AnnualStatistics.MunicipalityPosts(g.First().MunicipalityId, g.Key,
                    g.Any(p => p.Posts is not null) ? g.Sum(p => p.Posts ?? 0) : null)).ToList(),
            Activity = new ActivityStatistics.Figures(
                new ActivityStatistics.SipFigures(units.Sum(f => f.Activity.Sip.Clients), units.Sum(f => f.Activity.Sip.MeetingsHeld),
                    units.Sum(f => f.Activity.Sip.MeetingsWithOmbud)),
                Counted(f => f.Activity.NeedsByLifeArea),
                new ActivityStatistics.NeedOutcomes(
                    units.Sum(f => f.Activity.NeedOutcomes.Met), units.Sum(f => f.Activity.NeedOutcomes.PartlyMet),
                    units.Sum(f => f.Activity.NeedOutcomes.NotMet), units.Sum(f => f.Activity.NeedOutcomes.Ongoing)),
                Counted(f => f.Activity.ActorTypes), Counted(f => f.Activity.HelpKinds),
                // the medians of the installation come from every unit's durations, not from the units' medians
                new ActivityStatistics.Durations(units.SelectMany(f => f.Activity.Durations.ClosedMandateMonths).Order().ToList(),
                    units.SelectMany(f => f.Activity.Durations.WaitingDays).Order().ToList())),
        };
    }
}
