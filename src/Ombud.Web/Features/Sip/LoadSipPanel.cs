using Ombud.Web.Features.Clients;

namespace Ombud.Web.Features.Sip;

/// <summary>
/// The client page's SIP panel: the current SIP at a glance (next follow-up, open measures and whose they are, overdue
/// ones flagged in Swedish time) and the earlier meetings. The client page's own read is what the audit log records.
/// </summary>
public static class LoadSipPanel
{
    public sealed record Result(int ClientId, bool MandateOpen, CurrentSip? Current, IReadOnlyList<MeetingRow> Meetings);

    public sealed record CurrentSip(
        int Id, DateOnly Date, TimeOnly? Time, SipStatus Status, bool IsVideo, string? Place, string? LeadActor, DateOnly? FollowUpOn,
        bool FollowUpOverdue, int? FollowUpMeetingId, IReadOnlyList<MeasureRow> OpenMeasures, int ClosedMeasures,
        IReadOnlyList<string> ParticipantsWithoutConsent)
    {
        public int OverdueMeasures => OpenMeasures.Count(m => m.Overdue);
    }

    public sealed record MeasureRow(int Id, string Actor, string What, DateOnly? DueOn, SipMeasureStatus Status, bool Overdue);

    /// <param name="OpenMeasures">Measures still open here; 0 once the meeting is followed up.</param>
    /// <param name="HandedOnMeasures">Open measures carried over to the meeting's follow-up ("överförda"), not open here any more.</param>
    public sealed record MeetingRow(
        int Id, DateOnly Date, SipStatus Status, string? LeadActor, int Measures, int OpenMeasures, int HandedOnMeasures);

    public sealed class Handler(
        IDbContextFactory<OmbudDbContext> dbf, ICurrentUser currentUser, AuditInterceptor audit, TimeProvider clock, ILogger<Handler> log)
    {
        public async Task<Result> HandleAsync(int mandateId, CancellationToken ct = default)
        {
            var me = await currentUser.GetAsync();
            await using var db = await dbf.CreateDbContextAsync(ct);
            var mandate = await ClientAccess.OwnMandateAsync(
                db, audit, log, me, mandateId, q => q.AsNoTracking().Include(m => m.Consents), ct);
            var meetings = await db.SipMeetings.AsNoTracking().Where(s => s.MandateId == mandate.Id)
                .Include(s => s.LeadActor)
                    .Include(s => s.Participants)
                    .ThenInclude(p => p.Actor)
                    .Include(s => s.Measures)
                    .ThenInclude(m => m.Actor)
                .AsSplitQuery().ToListAsync(ct);
            var today = clock.Today();

            CurrentSip? current = null;
            if (SipMeeting.Current(meetings) is { } c)
            {
                var open = c.OpenMeasures
                    .OrderByDescending(m => m.IsOverdue(today)).ThenBy(m => m.DueOn is null).ThenBy(m => m.DueOn).ThenBy(m => m.Id)
                    .Select(m => new MeasureRow(m.Id, m.Actor!.Name, m.What, m.DueOn, m.Status, m.IsOverdue(today)))
                    .ToList();
                var followUp = meetings.Where(s => s.PreviousMeetingId == c.Id && s.Status != SipStatus.Cancelled)
                    .OrderBy(s => s.Date)
                    .FirstOrDefault();
                current = new CurrentSip(c.Id, c.Date, c.Time, c.Status, c.IsVideo, c.Place, c.LeadActor?.Name, c.FollowUpOn,
                    followUp is null && c.IsFollowUpOverdue(today), followUp?.Id, open, c.Measures.Count - open.Count,
                    c.Participants.Where(p => !mandate.HasValidConsent(p.ActorId, c.Date)).Select(p => p.Actor!.Name).ToList());
            }

            var rows = meetings.OrderByDescending(s => s.Date).ThenByDescending(s => s.Id)
                .Select(s => s.IsFollowedUpIn(meetings)
                    ? new MeetingRow(s.Id, s.Date, s.Status, s.LeadActor?.Name, s.Measures.Count, 0, s.OpenMeasures.Count())
                    : new MeetingRow(s.Id, s.Date, s.Status, s.LeadActor?.Name, s.Measures.Count, s.OpenMeasures.Count(), 0))
                .ToList();
            return new Result(mandate.ClientId, mandate.IsOpen, current, rows);
        }
    }
}
