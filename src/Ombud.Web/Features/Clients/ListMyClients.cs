namespace Ombud.Web.Features.Clients;

/// <summary>Mina klienter: the signed-in ombud's clients, searched, filtered, sorted and paged in the database.</summary>
public static class ListMyClients
{
    public enum SortBy { Code, Name, Status, StartDate, LastActivity }

    public sealed record Query(string? Search = null, MandateStatus? Status = null, SortBy Sort = SortBy.LastActivity,
        bool Descending = true, int Page = 0, int PageSize = 25);

    public sealed record Row(int ClientId, string Code, string? Name, string Municipality, MandateStatus? Status,
        DateOnly RegisteredOn, DateOnly? StartDate, DateOnly? LastActivityOn, int OpenNeeds);

    public sealed record Result(IReadOnlyList<Row> Rows, int Total, IReadOnlyDictionary<MandateStatus, int> CountsByStatus);

    public sealed class Handler(IDbContextFactory<OmbudDbContext> dbf, ICurrentUser currentUser)
    {
        public async Task<Result> HandleAsync(Query query, CancellationToken ct = default)
        {
            var me = await currentUser.GetAsync();
            await using var db = await dbf.CreateDbContextAsync(ct);
            var collation = db.SwedishCollation;

            // One row per client, described by the client's latest mandate.
            var rows =
                from c in db.Clients.AsNoTracking().OwnedBy(me)
                let m = c.Mandates.OrderByDescending(x => x.RegisteredOn).ThenByDescending(x => x.Id).FirstOrDefault()
                select new
                {
                    c.Id,
                    c.Code,
                    c.Name,
                    c.NameFolded,
                    Municipality = c.Municipality!.Name,
                    Status = (MandateStatus?)m!.Status,
                    RegisteredOn = (DateOnly?)m.RegisteredOn,
                    m.StartDate,
                    LastActivityOn = (DateOnly?)m.LastActivityOn,
                    // A closed mandate has nothing open (closing ends its needs; mandates closed before that count none either).
                    OpenNeeds = m.Status == MandateStatus.Closed ? 0
                        : m.Needs.Count(n => n.Status == NeedStatus.Identified || n.Status == NeedStatus.InProgress),
                };

            if (Limits.Search(query.Search) is { Length: > 0 } search)
            {
                var folded = Domain.SwedishText.Fold(search);
                var code = search.ToUpperInvariant();
                rows = rows.Where(r => r.Code.StartsWith(code) || (r.NameFolded != null && r.NameFolded.Contains(folded)));
            }

            var counts = await rows.GroupBy(r => r.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
            if (query.Status is { } status) rows = rows.Where(r => r.Status == status);
            var total = await rows.CountAsync(ct);

            rows = (query.Sort, query.Descending) switch
            {
                (SortBy.Code, false) => rows.OrderBy(r => r.Code),
                (SortBy.Code, true) => rows.OrderByDescending(r => r.Code),
                (SortBy.Name, false) => rows
                    .OrderBy(r => r.Name == null)
                    .ThenBy(r => EF.Functions.Collate(r.Name, collation))
                    .ThenBy(r => r.Code),
                (SortBy.Name, true) => rows
                    .OrderBy(r => r.Name == null)
                    .ThenByDescending(r => EF.Functions.Collate(r.Name, collation))
                    .ThenBy(r => r.Code),
                (SortBy.Status, false) => rows.OrderBy(r => r.Status).ThenBy(r => r.Code),
                (SortBy.Status, true) => rows.OrderByDescending(r => r.Status).ThenBy(r => r.Code),
                (SortBy.StartDate, false) => rows.OrderBy(r => r.StartDate).ThenBy(r => r.Code),
                (SortBy.StartDate, true) => rows.OrderByDescending(r => r.StartDate).ThenBy(r => r.Code),
                (_, false) => rows.OrderBy(r => r.LastActivityOn).ThenBy(r => r.Code),
                _ => rows.OrderByDescending(r => r.LastActivityOn).ThenBy(r => r.Code),
            };
            var pageSize = Math.Clamp(query.PageSize, 1, 200);
            var page = await rows.Skip(Math.Max(0, query.Page) * pageSize).Take(pageSize).ToListAsync(ct);

            return new Result(
                page.Select(r => new Row(r.Id, r.Code, r.Name, r.Municipality, r.Status, r.RegisteredOn ?? default, r.StartDate,
                        r.LastActivityOn, r.OpenNeeds))
                    .ToList(),
                total,
                counts.Where(c => c.Key is not null).ToDictionary(c => c.Key!.Value, c => c.Count));
        }
    }
}
