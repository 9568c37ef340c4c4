using Ombud.Web.Features.Clients;

namespace Ombud.Web.Features.Sip;

/// <summary>A SIP meeting in plain words, for the printable summary the ombud gives the client. The read is audit-logged.</summary>
public static class GetSipSummary
{
    public sealed record Summary(
        int ClientId, string ClientCode, string? ClientName, int SipId, DateOnly Date, TimeOnly? Time, SipStatus Status, bool IsVideo,
        string? Place, string? CalledBy, string? LeadActor, bool ClientAttends, string? Relatives, IReadOnlyList<Participant> Participants,
        string? ClientGoals, IReadOnlyList<Measure> Measures, DateOnly? FollowUpOn, bool ConsentConfirmed, bool RequestedByOmbud,
        string? PlanReference, bool PreparedClient, bool OmbudAttended, bool ExplainedOutcome, DateOnly PrintedOn);

    public sealed record Participant(string Actor, string? ContactPerson, string? Role);

    /// <param name="HandedOn">Open when the meeting was followed up: carried over to the follow-up, so never overdue here.</param>
    public sealed record Measure(string Actor, string What, DateOnly? DueOn, SipMeasureStatus Status, bool Overdue, bool HandedOn);

    public sealed class Handler(
        IDbContextFactory<OmbudDbContext> dbf, ICurrentUser currentUser, AuditInterceptor audit, TimeProvider clock, ILogger<Handler> log)
    {
        /// <summary>The summary, or null when the meeting does not exist or is not the user's (the attempt is logged).</summary>
        public async Task<Summary?> HandleAsync(int clientId, int sipId, CancellationToken ct = default)
        {
            var me = await currentUser.GetAsync();
            await using var db = await dbf.CreateDbContextAsync(ct);
            var client = await db.Clients.AsNoTracking().OwnedBy(me).Where(c => c.Id == clientId)
                .Select(c => new { c.Id, c.Code, c.Name }).FirstOrDefaultAsync(ct);
            var s = client is null ? null : await db.SipMeetings.AsNoTracking()
                .Include(x => x.CalledBy).Include(x => x.LeadActor)
                .Include(x => x.Participants).ThenInclude(p => p.Actor).Include(x => x.Measures).ThenInclude(m => m.Actor)
                .AsSplitQuery().FirstOrDefaultAsync(x => x.Id == sipId && x.Mandate!.ClientId == clientId, ct);
            if (client is null || s is null)
            {
                await ClientAccess.DenyAsync(db, audit, log, me, nameof(SipMeeting), sipId.ToString(), client?.Id, ct);
                return null;
            }
            await audit.RecordReadAsync(db, AuditActions.Viewed, nameof(SipMeeting), s.Id.ToString(), client.Id, ct);
            var today = clock.Today();
            var followedUp = await db.SipMeetings.AnyAsync(x => x.PreviousMeetingId == s.Id && x.Status != SipStatus.Cancelled, ct);
            return new Summary(client.Id, client.Code, client.Name, s.Id, s.Date, s.Time, s.Status, s.IsVideo, s.Place, s.CalledBy?.Name,
                s.LeadActor?.Name, s.ClientAttends, s.Relatives,
                s.Participants.OrderBy(p => p.Id).Select(p => new Participant(p.Actor!.Name, p.ContactPerson, p.Role)).ToList(),
                s.ClientGoals,
                s.Measures.OrderBy(m => m.Id).Select(m => new Measure(m.Actor!.Name, m.What, m.DueOn, m.Status,
                    !followedUp && m.IsOverdue(today), followedUp && m.IsOpen)).ToList(),
                s.FollowUpOn, s.ConsentConfirmed, s.RequestedByOmbud, s.PlanReference, s.PreparedClient, s.OmbudAttended,
                s.ExplainedOutcome, today);
        }
    }
}
