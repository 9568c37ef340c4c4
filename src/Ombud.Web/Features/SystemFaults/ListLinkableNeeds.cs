using Ombud.Web.Features.Clients;

namespace Ombud.Web.Features.SystemFaults;

/// <summary>
/// The needs an ombud may link to a fault report: those of their own clients, unmet ones first. Only the reporting ombud
/// sees this list (in the edit form); the report itself shows linked needs only as a count and life areas.
/// </summary>
public static class ListLinkableNeeds
{
    public sealed record Option(int NeedId, string ClientCode, string LifeArea, NeedStatus Status, string Words)
    {
        public string Label => $"{ClientCode} · {LifeArea} · {Status.Name()} · {Words}";
    }

    public sealed class Handler(IDbContextFactory<OmbudDbContext> dbf, ICurrentUser currentUser)
    {
        public async Task<IReadOnlyList<Option>> HandleAsync(CancellationToken ct = default)
        {
            var me = await currentUser.GetAsync();
            if (!me.IsOmbud) return [];
            await using var db = await dbf.CreateDbContextAsync(ct);
            var mine = db.Clients.OwnedBy(me);
            var rows = await db.Needs.AsNoTracking().Where(n => mine.Any(c => c.Id == n.Mandate!.ClientId))
                .OrderBy(n => n.Status == NeedStatus.NotMet ? 0 : n.Status == NeedStatus.PartlyMet ? 1 : 2)
                .ThenBy(n => n.Mandate!.Client!.Code).ThenByDescending(n => n.IdentifiedOn)
                .Select(n => new { n.Id, n.Mandate!.Client!.Code, LifeArea = n.LifeArea!.Name, n.Status, n.ClientWords })
                .ToListAsync(ct);
            return rows.Select(
                r => new Option(
                    r.Id, r.Code, r.LifeArea, r.Status, r.ClientWords.Length > 50 ? r.ClientWords[..50] + "…" : r.ClientWords)).ToList();
        }
    }
}
