namespace Ombud.Web.Features.Admin;

/// <summary>
/// The admin's unit: name, retention time (gallring) and the municipalities and districts it serves, with how many clients each has.
/// </summary>
public static class GetUnit
{
    public sealed record MunicipalityRow(int Id, string Name, int ClientCount, bool IsActive = true)
    {
        /// <summary>Clients (anonymised ones too) point at it: it stays, so the statistics per municipality keep their meaning.</summary>
        public bool IsUsed => ClientCount > 0;
    }

    public sealed record Result(int Id, string Name, int RetentionMonths, IReadOnlyList<MunicipalityRow> Municipalities);

    public sealed class Handler(IDbContextFactory<OmbudDbContext> dbf, ICurrentUser currentUser)
    {
        public async Task<Result> HandleAsync(CancellationToken ct = default)
        {
            var me = await currentUser.RequireAdminAsync("se enhetens uppgifter");
            await using var db = await dbf.CreateDbContextAsync(ct);
            var unit = await db.Units.AsNoTracking()
                .Where(u => u.Id == me.UnitId)
                .Select(u => new { u.Id, u.Name, u.RetentionMonths })
                .FirstOrDefaultAsync(ct)
                ?? throw new NotFoundOrForbiddenException();
            var municipalities = await db.Municipalities.AsNoTracking().Where(m => m.UnitId == unit.Id)
                .OrderBy(m => EF.Functions.Collate(m.Name, db.SwedishCollation))
                .Select(
                    m => new MunicipalityRow(
                        m.Id,
                        m.Name,
                        db.Clients.IgnoreQueryFilters().Count(c => c.MunicipalityId == m.Id),
                        m.IsActive))
                .ToListAsync(ct);
            return new Result(unit.Id, unit.Name, unit.RetentionMonths, municipalities);
        }
    }
}
