namespace Ombud.Web.Features.SteeringGroup;

/// <summary>
/// Removes a member or a meeting entered by mistake. A member who has left is ended with a "to" date instead, so the
/// yearly report still counts the organisation; a meeting where faults were reported cannot be removed.
/// </summary>
public static class DeleteSteeringGroupEntry
{
    public enum Entry { Member, Meeting }

    public sealed class Handler(IDbContextFactory<OmbudDbContext> dbf, ICurrentUser currentUser, ILogger<Handler> log)
    {
        public async Task HandleAsync(Entry entry, int id, CancellationToken ct = default)
        {
            var me = await currentUser.RequireEditorAsync();
            await using var db = await dbf.CreateDbContextAsync(ct);
            if (entry == Entry.Member)
            {
                var member = await db.SteeringGroupMembers.FirstOrDefaultAsync(m => m.Id == id && m.UnitId == me.UnitId, ct)
                    ?? throw new NotFoundOrForbiddenException();
                db.SteeringGroupMembers.Remove(member);
            }
            else
            {
                var meeting = await db.SteeringGroupMeetings.FirstOrDefaultAsync(m => m.Id == id && m.UnitId == me.UnitId, ct)
                    ?? throw new NotFoundOrForbiddenException();
                if (await db.SystemFaults.AnyAsync(f => f.SteeringGroupMeetingId == id, ct))
                    throw new DomainException("Systembrister har rapporterats på mötet, så det kan inte tas bort.");
                db.SteeringGroupMeetings.Remove(meeting);
            }
            await db.SaveChangesAsync(ct);
            log.LogInformation("Steering group {Entry} {Id} deleted by user {UserId}", entry, id, me.Id);
        }
    }
}
