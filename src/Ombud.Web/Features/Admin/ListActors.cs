namespace Ombud.Web.Features.Admin;

/// <summary>The admin's unit's actor register (active and inactive), optionally filtered by a search text on the name.</summary>
public static class ListActors
{
    public sealed record Query(string? Search = null);

    public sealed record Row(int Id, string Name, int ActorTypeId, string ActorTypeName, bool IsActive, int UsageCount, long Version = 0)
    {
        public bool IsUsed => UsageCount > 0;
    }

    public sealed class Handler(IDbContextFactory<OmbudDbContext> dbf, ICurrentUser currentUser)
    {
        public async Task<IReadOnlyList<Row>> HandleAsync(Query query, CancellationToken ct = default)
        {
            var me = await currentUser.RequireAdminAsync("se aktörsregistret");
            await using var db = await dbf.CreateDbContextAsync(ct);
            var actors = await db.Actors.AsNoTracking().Where(a => a.UnitId == me.UnitId)
                .OrderBy(a => EF.Functions.Collate(a.Name, db.SwedishCollation))
                .Select(a => new { a.Id, a.Name, a.ActorTypeId, TypeName = a.ActorType!.Name, a.IsActive, a.Version })
                .ToListAsync(ct);

            // The search is done in memory, not in SQL: SQLite's LIKE and NOCASE fold only ASCII letters, so "öst" would
            // not find "Östermalm", and LIKE over a collated column is not reliable there. A unit has well under 200
            // actors, so loading them all is cheap, and the same code behaves alike on SQLite and SQL Server.
            actors = actors.Where(a => SwedishNames.Contains(a.Name, query.Search)).ToList();

            var ids = actors.Select(a => a.Id).ToList();
            var contacts = await db.AuthorityContacts.IgnoreQueryFilters().Where(c => ids.Contains(c.ActorId))
                .GroupBy(c => c.ActorId).Select(g => new { Id = g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Id, x => x.Count, ct);
            var consents = await db.Consents.IgnoreQueryFilters().Where(c => ids.Contains(c.ActorId))
                .GroupBy(c => c.ActorId).Select(g => new { Id = g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Id, x => x.Count, ct);

            return actors.Select(a => new Row(a.Id, a.Name, a.ActorTypeId, a.TypeName, a.IsActive,
                contacts.GetValueOrDefault(a.Id) + consents.GetValueOrDefault(a.Id), a.Version)).ToList();
        }
    }
}
