using Ombud.Web.Features.AnnualReport;

namespace Ombud.Web.Features.Region;

/// <summary>
/// The regional roll-up (docs/statistics.md "Regional sammanställning"): several units' publication-mode yearly figures
/// side by side, and their sum. The units are the parts of the sum, so the suppression (<see cref="Publication"/>) also
/// holds across the units: no unit's suppressed cell follows from the sum and the other units. A cell a unit suppresses
/// in its own published report is suppressed here too. For the Regional uppföljare (the units granted to the account,
/// every view audited: who, when, which year and units — never values) and, through <see cref="OperatorYearReport"/>,
/// the command line (<c>report --all-units --publish</c>: every unit).
/// </summary>
public static class RollUpYearReport
{
    /// <summary>The audit entry's entity type; its id names the year, the units' ids and what was done.</summary>
    public const string AuditEntity = "RegionalRollUp";

    /// <summary>The sum column's name.</summary>
    public const string SumName = "Summa";

    public sealed record UnitReport(int UnitId, string Name, YearReport.Report Report);

    /// <param name="Units">Each unit's publication-mode report, in the order given.</param>
    /// <param name="Sum">The units' figures added up, in publication mode.</param>
    public sealed record RollUp(int Year, int Threshold, IReadOnlyList<UnitReport> Units, YearReport.Report Sum);

    /// <summary>The roll-up of the given units without checking who asks (the handler and the command line check).</summary>
    public static async Task<RollUp> LoadAsync(IDbContextFactory<OmbudDbContext> dbf, IReadOnlyList<(int Id, string Name)> units, int year,
        int threshold, DateOnly today, string sumName, CancellationToken ct)
    {
        var exact = new List<YearReport.Report>();
        var own = new List<YearReport.Report>();
        foreach (var (id, _) in units)
        {
            exact.Add(await YearReport.LoadAsync(dbf, id, year, null, today, ct));
            own.Add(await YearReport.LoadAsync(dbf, id, year, null, today, ct, threshold)); // the unit's own publication
        }
        var sum = YearReport.Build(new YearReport.Header(sumName, year, null, today),
            OperatorYearReport.Sum(year, exact.Select(r => r.Current).ToList()),
            OperatorYearReport.Sum(year - 1, exact.Select(r => r.Previous).ToList()));
        var published = units
            .Select((u, i) => new UnitReport(u.Id, u.Name, Publication.Apply(exact[i], sum, exact, threshold, own))).ToList();
        return new RollUp(year, threshold, published, Publication.Apply(sum, sum, exact, threshold, own));
    }

    /// <summary>
    /// The audit entries' ids: "2025 visad enheter 3,7" — as many entries as the units' ids need (an id holds at most
    /// 60 characters); "2025 visad enheter –" when no unit is granted.
    /// </summary>
    public static IReadOnlyList<string> AuditIds(int year, IEnumerable<int> unitIds, string what)
    {
        var head = $"{year} {what} enheter ";
        var ids = new List<string>();
        var current = "";
        foreach (var id in unitIds.Order().Select(i => i.ToString(CultureInfo.InvariantCulture)))
        {
            if (current.Length > 0 && head.Length + current.Length + 1 + id.Length > 60)
            {
                ids.Add(head + current);
                current = "";
            }
            current = current.Length == 0 ? id : current + "," + id;
        }
        ids.Add(head + (current.Length == 0 ? "–" : current));
        return ids;
    }

    /// <summary>The audit entry's id in a granted unit's own log: "2025 visad enhet 7".</summary>
    public static string UnitAuditId(int year, int unitId, string what) => $"{year} {what} enhet {unitId}";

    public sealed class Handler(IDbContextFactory<OmbudDbContext> dbf, ICurrentUser currentUser, AuditInterceptor audit, TimeProvider clock)
    {
        /// <summary>The granted units' roll-up for the year (empty when no unit is granted); audited as viewed.</summary>
        public async Task<RollUp> HandleAsync(int year, CancellationToken ct = default) => await LoadGrantedAsync(year, Viewed, ct);

        private const string Viewed = "visad";

        internal async Task<RollUp> LoadGrantedAsync(int year, string what, CancellationToken ct)
        {
            var me = await currentUser.RequireRegionalViewerAsync();
            if (year is < 2000 or > 2100) throw new DomainException("Ange ett år mellan 2000 och 2100.");
            await using var db = await dbf.CreateDbContextAsync(ct);
            var units = await RegionAccess.GrantedUnitsAsync(db, me.Id, ct);
            var rollUp = await LoadAsync(dbf, units, year, Suppression.DefaultThreshold, clock.Today(), SumName, ct);
            var action = what == Viewed ? AuditActions.Viewed : AuditActions.Exported;
            // the account's home log (the Systemadministratör's unit) names every unit; each granted unit's own log has a row
            // of its own, so the unit's admin sees who looked at its figures and when
            foreach (var id in AuditIds(year, units.Select(u => u.Id), what))
                await audit.RecordReadAsync(db, action, AuditEntity, id, null, ct);
            foreach (var (unitId, _) in units.Where(u => u.Id != me.UnitId))
                await audit.RecordReadAsync(db, action, AuditEntity, UnitAuditId(year, unitId, what), null, ct, unitId: unitId);
            return rollUp;
        }
    }
}
