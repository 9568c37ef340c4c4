namespace Ombud.Web.Features.Admin;

/// <summary>All entries of one category list (ended and future ones too), in list order, with how often each is used.</summary>
public static class ListCategories
{
    public sealed record Query(CategoryKind Kind);

    public sealed record Row(
        int Id, CategoryKind Kind, string Name, int SortOrder, DateOnly? ValidFrom, DateOnly? ValidTo, int UsageCount, long Version = 0)
    {
        public bool IsUsed => UsageCount > 0;
        public bool IsEndedOn(DateOnly date) => ValidTo is { } to && to < date;
        public bool IsFutureOn(DateOnly date) => ValidFrom is { } from && from > date;
    }

    public sealed class Handler(IDbContextFactory<OmbudDbContext> dbf, ICurrentUser currentUser)
    {
        public async Task<IReadOnlyList<Row>> HandleAsync(Query query, CancellationToken ct = default)
        {
            await currentUser.RequireSystemAdminAsync("se kategorilistorna");
            await using var db = await dbf.CreateDbContextAsync(ct);
            var entries = await db.Categories.AsNoTracking().Where(c => c.Kind == query.Kind)
                .OrderBy(c => c.SortOrder).ThenBy(c => c.Id).ToListAsync(ct);
            var usage = await CategoryUsage.CountAsync(db, entries.Select(c => c.Id).ToList(), ct);
            return entries.Select(
                c => new Row(c.Id, c.Kind, c.Name, c.SortOrder, c.ValidFrom, c.ValidTo, usage.GetValueOrDefault(c.Id), c.Version)).ToList();
        }
    }
}
