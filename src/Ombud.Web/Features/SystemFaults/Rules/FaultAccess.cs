using Ombud.Web.Features.Clients;

namespace Ombud.Web.Features.SystemFaults;

/// <summary>
/// Who may do what with system fault reports. Every ombud, unit lead and admin of the unit may open any of the unit's
/// reported faults; a draft is its author's only — GetFault, the list and the export never show another user's draft
/// (<see cref="FaultFilter"/>), as it may still hold text the author has not cleaned up. An ombud
/// reports; only the reporter edits a draft; the reporter and the unit lead move a report along the workflow. Checked in
/// every handler, not only on the pages.
/// </summary>
public static class FaultAccess
{
    /// <summary>The signed-in ombud, unit lead or admin; anyone else is refused.</summary>
    public static async Task<UserInfo> RequireStaffAsync(this ICurrentUser currentUser)
    {
        var me = await currentUser.GetAsync();
        if (!me.IsOmbud && !me.IsUnitLead && !me.IsAdmin) throw new DomainException("Du saknar behörighet till systembristerna.");
        return me;
    }

    public static bool CanEdit(UserInfo me, SystemFault f) => CanEdit(me, f.ReportedById, f.Status);
    public static bool CanEdit(UserInfo me, string reportedById, FaultStatus status) => me.IsOmbud
        && reportedById == me.Id
        && status == FaultStatus.Draft;

    public static bool CanMoveAlong(UserInfo me, string reportedById) => me.IsUnitLead || (me.IsOmbud && reportedById == me.Id);

    /// <summary>
    /// As <see cref="CanMoveAlong(UserInfo, string)"/>, but a draft is its author's only: not even the unit lead reports it.
    /// </summary>
    public static bool CanMoveAlong(UserInfo me, SystemFault f) =>
        f.IsDraft ? me.IsOmbud && f.ReportedById == me.Id : CanMoveAlong(me, f.ReportedById);

    /// <summary>A fault of the user's unit, or <see cref="NotFoundOrForbiddenException"/> (another unit's fault is "not found").</summary>
    public static async Task<SystemFault> LoadAsync(
        OmbudDbContext db, UserInfo me, int id, Func<IQueryable<SystemFault>, IQueryable<SystemFault>>? include = null,
        CancellationToken ct = default)
    {
        var q = db.SystemFaults.AsQueryable();
        if (include is not null) q = include(q);
        return await q.FirstOrDefaultAsync(f => f.Id == id && f.UnitId == me.UnitId, ct) ?? throw new NotFoundOrForbiddenException();
    }

    /// <summary>
    /// Names and client codes of the user's own clients, for the personal data check (an ombud's only; others have none).
    /// </summary>
    public static async Task<PersonalDataDetector.OwnClients> OwnClientsAsync(OmbudDbContext db, UserInfo me, CancellationToken ct)
    {
        var clients = await db.Clients.AsNoTracking().OwnedBy(me).Select(c => new { c.Name, c.Code }).ToListAsync(ct);
        return new PersonalDataDetector.OwnClients(
            clients.Where(c => c.Name != null).Select(c => c.Name).ToList(),
            clients.Select(c => c.Code).ToList());
    }
}
