namespace Ombud.Web.Features.AnnualReport;

/// <summary>
/// The yearly report for the operator: the <c>report</c> verb (no signed-in user) or an administrator. The database's
/// first unit, optionally one municipality chosen by name (case-insensitive); the same model as the page's
/// (<see cref="YearReport"/>), so the command line's files equal the downloads.
/// </summary>
public static class OperatorYearReport
{
    public sealed record Query(int Year, string? Municipality = null);

    public sealed class Handler(IDbContextFactory<OmbudDbContext> dbf, ICurrentUser currentUser, TimeProvider clock)
    {
        public async Task<YearReport.Report> HandleAsync(Query query, CancellationToken ct = default)
        {
            await Admin.AdminAccess.RequireOperatorAsync(currentUser, "ta fram årsrapporten från kommandoraden");
            if (query.Year is < 2000 or > 2100) throw new DomainException("Ange ett år mellan 2000 och 2100.");
            await using var db = await dbf.CreateDbContextAsync(ct);
            // A signed-in admin gets the own unit's report, never another's.
            var unitId = (await currentUser.FindAsync())?.UnitId ?? await db.Units.OrderBy(u => u.Id).Select(u => (int?)u.Id).FirstOrDefaultAsync(ct)
                ?? throw new DomainException("Databasen har ingen enhet.");
            int? municipalityId = null;
            if (query.Municipality is { } name)
            {
                var all = await db.Municipalities.Where(m => m.UnitId == unitId).Select(m => new { m.Id, m.Name }).ToListAsync(ct);
                municipalityId = all.FirstOrDefault(x => string.Equals(x.Name, name, StringComparison.CurrentCultureIgnoreCase))?.Id
                    ?? throw new DomainException($"Kommunen '{name}' finns inte i enheten.");
            }
            return await YearReport.LoadAsync(dbf, unitId, query.Year, municipalityId, clock.Today(), ct);
        }
    }
}
