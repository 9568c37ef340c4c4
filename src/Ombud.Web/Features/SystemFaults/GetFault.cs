using Ombud.Web.Features.Clients;

namespace Ombud.Web.Features.SystemFaults;

/// <summary>
/// One system fault report with its workflow. Linked needs are shown only as a count and their life areas — never the
/// clients they belong to. The reporter also gets the ids of the linked needs of their own clients, to edit the draft.
/// </summary>
public static class GetFault
{
    public sealed record Details(
        int Id, DateOnly Date, int CategoryId, string Category, FaultLevel Level, IReadOnlyList<Lookups.Item> Actors, string Description,
        string? Consequence, int ClientsAffected, int LinkedNeedCount, IReadOnlyList<string> LinkedLifeAreas, string ReportedBy,
        FaultStatus Status, int? MeetingId, DateOnly? ReportedOn, bool ForwardedToCountyBoard, bool ForwardedToActor, DateOnly? ForwardedOn,
        string? Response, DateOnly? AnsweredOn, DateOnly? ClosedOn,
        bool CanEdit, IReadOnlyList<FaultStatus> NextSteps, IReadOnlyList<int> OwnLinkedNeedIds, long Version = 0)
    {
        public string ForwardedTo => (ForwardedToCountyBoard, ForwardedToActor) switch
        {
            (true, true) => "Länsstyrelsen och berörd aktör",
            (true, false) => "Länsstyrelsen",
            (false, true) => "berörd aktör",
            _ => "–",
        };
    }

    public sealed class Handler(IDbContextFactory<OmbudDbContext> dbf, ICurrentUser currentUser)
    {
        /// <summary>The fault, or null when it does not exist in the user's unit or is someone else's draft.</summary>
        public async Task<Details?> HandleAsync(int id, CancellationToken ct = default)
        {
            var me = await currentUser.RequireStaffAsync();
            await using var db = await dbf.CreateDbContextAsync(ct);
            var f = await db.SystemFaults.AsNoTracking().Where(x => x.Id == id && x.UnitId == me.UnitId)
                .Select(x => new
                {
                    x.Id,
                    x.Date,
                    x.CategoryId,
                    Category = x.Category!.Name,
                    x.Level,
                    Actors = x.Actors.Select(a => new Lookups.Item(a.Id, a.Name)).ToList(),
                    x.Description,
                    x.Consequence,
                    x.ClientsAffected,
                    NeedIds = x.Needs.Select(n => n.Id).ToList(),
                    LifeAreas = x.Needs.Select(n => n.LifeArea!.Name).ToList(),
                    x.ReportedById,
                    x.Status,
                    x.SteeringGroupMeetingId,
                    x.ReportedOn,
                    x.ForwardedToCountyBoard,
                    x.ForwardedToActor,
                    x.ForwardedOn,
                    x.Response,
                    x.AnsweredOn,
                    x.ClosedOn,
                    x.Version,
                })
                .FirstOrDefaultAsync(ct);
            if (f is null || (f.Status == FaultStatus.Draft && f.ReportedById != me.Id)) return null; // a draft is its author's only
            var reportedBy = await db.Users.Where(u => u.Id == f.ReportedById).Select(u => u.DisplayName).FirstOrDefaultAsync(ct);

            var ownLinked = new List<int>();
            if (me.IsOmbud && f.ReportedById == me.Id && f.NeedIds.Count > 0)
            {
                var mine = db.Clients.OwnedBy(me);
                ownLinked = await db.Needs.Where(n => f.NeedIds.Contains(n.Id) && mine.Any(c => c.Id == n.Mandate!.ClientId))
                    .Select(n => n.Id).ToListAsync(ct);
            }
            var sv = StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("sv-SE"), ignoreCase: true);
            return new Details(f.Id, f.Date, f.CategoryId, f.Category, f.Level, f.Actors.OrderBy(a => a.Name, sv).ToList(), f.Description,
                f.Consequence, f.ClientsAffected, f.NeedIds.Count, f.LifeAreas.Distinct().Order(sv).ToList(), reportedBy ?? "–",
                f.Status, f.SteeringGroupMeetingId, f.ReportedOn, f.ForwardedToCountyBoard, f.ForwardedToActor, f.ForwardedOn,
                f.Response, f.AnsweredOn, f.ClosedOn,
                FaultAccess.CanEdit(me, f.ReportedById, f.Status),
                FaultAccess.CanMoveAlong(me, f.ReportedById) ? SystemFault.AllowedNext(f.Status) : [],
                ownLinked, f.Version);
        }
    }
}
