namespace Ombud.Web.Features.SteeringGroup;

/// <summary>The unit's ledningsgrupp: members (current first) and meetings (newest first) with the faults presented.</summary>
public static class ListSteeringGroup
{
    public sealed record Member(
        int Id, string Organisation, string PersonName, string? Role, DateOnly From, DateOnly? To, bool Current, long Version = 0);

    public sealed record PresentedFault(int Id, string Category, FaultStatus Status);

    public sealed record Meeting(int Id, DateOnly Date, string? Decisions, IReadOnlyList<PresentedFault> Faults, long Version = 0);

    public sealed record Result(IReadOnlyList<Member> Members, IReadOnlyList<Meeting> Meetings, bool CanEdit);

    public sealed class Handler(IDbContextFactory<OmbudDbContext> dbf, ICurrentUser currentUser, TimeProvider clock)
    {
        public async Task<Result> HandleAsync(CancellationToken ct = default)
        {
            var me = await currentUser.RequireViewerAsync();
            await using var db = await dbf.CreateDbContextAsync(ct);
            var today = clock.Today();
            var sv = StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("sv-SE"), ignoreCase: true);
            var members = (await db.SteeringGroupMembers.AsNoTracking().Where(m => m.UnitId == me.UnitId).ToListAsync(ct))
                .Select(
                    m => new Member(
                        m.Id, m.Organisation, m.PersonName, m.Role, m.From, m.To, m.From <= today && (m.To is null || m.To >= today),
                        m.Version))
                .OrderByDescending(m => m.Current).ThenBy(m => m.Organisation, sv).ThenBy(m => m.PersonName, sv).ToList();
            var meetings = await db.SteeringGroupMeetings.AsNoTracking().Where(m => m.UnitId == me.UnitId)
                .OrderByDescending(m => m.Date).ThenByDescending(m => m.Id)
                .Select(m => new Meeting(m.Id, m.Date, m.Decisions,
                    m.Faults.OrderBy(f => f.Id).Select(f => new PresentedFault(f.Id, f.Category!.Name, f.Status)).ToList(), m.Version))
                .ToListAsync(ct);
            return new Result(members, meetings, SteeringGroupAccess.CanEdit(me));
        }
    }
}
