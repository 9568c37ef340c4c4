namespace Ombud.Web.Features.Caseload;

/// <summary>
/// The unit's waiting list for the lead: every mandate still waiting, with its waiting time, the contact reasons and
/// the ombud (or none yet). Codes, dates and categories only — no names, personnummer or free text. Paged on the server.
/// </summary>
public static class ListWaitingList
{
    public sealed record Query(int Page = 0, int PageSize = 25, bool OnlyUnassigned = false);

    public sealed record Row(int ClientId, string Code, DateOnly RegisteredOn, int DaysWaiting, string? OmbudId, string? Ombud,
        string Municipality, IReadOnlyList<string> ContactReasons);

    public sealed record Result(IReadOnlyList<Row> Rows, int Total, int Unassigned, int? LongestWaitDays);

    public sealed class Handler(IDbContextFactory<OmbudDbContext> dbf, ICurrentUser currentUser, TimeProvider clock)
    {
        public async Task<Result> HandleAsync(Query query, CancellationToken ct = default)
        {
            var me = await currentUser.RequireUnitLeadAsync("hantera väntelistan");
            var today = clock.Today();
            await using var db = await dbf.CreateDbContextAsync(ct);
            var waiting = db.Mandates.AsNoTracking().Where(m => m.UnitId == me.UnitId && m.Status == MandateStatus.Waiting);
            var total = await waiting.CountAsync(ct);
            var unassigned = await waiting.CountAsync(m => m.OmbudId == null, ct);
            var oldest = await waiting.OrderBy(m => m.RegisteredOn).Select(m => (DateOnly?)m.RegisteredOn).FirstOrDefaultAsync(ct);
            var filtered = query.OnlyUnassigned ? waiting.Where(m => m.OmbudId == null) : waiting;
            var pageSize = Math.Clamp(query.PageSize, 1, 200);
            var page = await filtered.OrderBy(m => m.RegisteredOn).ThenBy(m => m.Id)
                .Skip(Math.Max(0, query.Page) * pageSize).Take(pageSize)
                .Select(m => new
                {
                    m.ClientId,
                    m.Client!.Code,
                    m.RegisteredOn,
                    m.OmbudId,
                    Ombud = db.Users.Where(u => u.Id == m.OmbudId).Select(u => u.DisplayName).FirstOrDefault(),
                    Municipality = m.Client.Municipality!.Name,
                    Reasons = m.ContactReasons.OrderBy(c => c.SortOrder).Select(c => c.Name).ToList(),
                })
                .ToListAsync(ct);
            var rows = page.Select(x => new Row(x.ClientId, x.Code, x.RegisteredOn, today.DayNumber - x.RegisteredOn.DayNumber, x.OmbudId,
                x.Ombud, x.Municipality, x.Reasons)).ToList();
            return new Result(rows, total, unassigned, oldest is { } o ? today.DayNumber - o.DayNumber : null);
        }
    }
}
