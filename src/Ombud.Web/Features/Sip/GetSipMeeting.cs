using Ombud.Web.Features.Clients;

namespace Ombud.Web.Features.Sip;

/// <summary>
/// What the SIP page edits: an existing meeting, a new one in the client's open mandate, or a follow-up prefilled
/// from an earlier meeting (goals and open measures carried over). Reading an existing meeting is audit-logged.
/// </summary>
public static class GetSipMeeting
{
    public sealed record Query(int ClientId, int? SipId = null, int? FollowUpOf = null);

    /// <param name="FollowUpMeetingId">
    /// The follow-up (not cancelled) of the meeting shown, or — for a new follow-up — of the meeting to follow up: then it
    /// already has one and no second one can be created. When set for a meeting shown, its open measures were handed on.
    /// </param>
    public sealed record Form(
        int ClientId, string ClientCode, string? ClientName, bool MandateOpen, SaveSipMeeting.Command Command,
        IReadOnlyList<Lookups.Item> Actors, IReadOnlyList<ConsentPeriod> Consents, int? FollowUpMeetingId)
    {
        /// <summary>A new follow-up was asked for, but the meeting already has one.</summary>
        public bool AlreadyFollowedUp => Command.Id is null && Command.PreviousMeetingId is not null && FollowUpMeetingId is not null;

        /// <summary>The meeting shown has a follow-up, so its open measures are handed on ("överförda till uppföljning").</summary>
        public bool MeasuresHandedOn => Command.Id is not null && FollowUpMeetingId is not null;

        /// <summary>
        /// True when the client has a valid consent for the actor on the date (as <see cref="Mandate.HasValidConsent"/>).
        /// </summary>
        public bool HasValidConsent(int actorId, DateOnly date) => Consents.Any(c => c.ActorId == actorId && c.IsValidOn(date));
    }

    public sealed record ConsentPeriod(int ActorId, DateOnly GivenOn, DateOnly? ValidUntil, DateOnly? WithdrawnOn)
    {
        public bool IsValidOn(DateOnly date) =>
            new Consent { ActorId = ActorId, GivenOn = GivenOn, ValidUntil = ValidUntil, WithdrawnOn = WithdrawnOn }.IsValidOn(date);
    }

    public sealed class Handler(
        IDbContextFactory<OmbudDbContext> dbf, ICurrentUser currentUser, AuditInterceptor audit, TimeProvider clock, ILogger<Handler> log)
    {
        /// <summary>The form, or null when the client or meeting does not exist or is not the user's (the attempt is logged).</summary>
        public async Task<Form?> HandleAsync(Query query, CancellationToken ct = default)
        {
            var me = await currentUser.GetAsync();
            await using var db = await dbf.CreateDbContextAsync(ct);
            var client = await db.Clients.AsNoTracking().OwnedBy(me).Where(c => c.Id == query.ClientId)
                .Select(c => new { c.Id, c.Code, c.Name }).FirstOrDefaultAsync(ct);
            if (client is null)
            {
                await ClientAccess.DenyAsync(db, audit, log, me, nameof(Client), query.ClientId.ToString(), null, ct);
                return null;
            }

            SipMeeting? source = null;
            var sourceId = query.SipId ?? query.FollowUpOf;
            if (sourceId is { } id)
            {
                source = await db.SipMeetings.AsNoTracking().Include(s => s.Participants).Include(s => s.Measures)
                    .FirstOrDefaultAsync(s => s.Id == id && s.Mandate!.ClientId == client.Id, ct);
                if (source is null)
                {
                    await ClientAccess.DenyAsync(db, audit, log, me, nameof(SipMeeting), id.ToString(), client.Id, ct);
                    return null;
                }
            }
            var mandate = source is not null
                ? await db.Mandates.AsNoTracking().Include(m => m.Consents).FirstAsync(m => m.Id == source.MandateId, ct)
                : await db.Mandates.AsNoTracking().Include(m => m.Consents).Where(m => m.ClientId == client.Id)
                    .OrderByDescending(m => m.RegisteredOn).ThenByDescending(m => m.Id).FirstAsync(ct);

            var today = clock.Today();
            SaveSipMeeting.Command command;
            int? followUpMeetingId = null;
            if (source is not null)
            {
                followUpMeetingId = await db.SipMeetings.Where(s => s.PreviousMeetingId == source.Id && s.Status != SipStatus.Cancelled)
                    .OrderBy(s => s.Date).ThenBy(s => s.Id).Select(s => (int?)s.Id).FirstOrDefaultAsync(ct);
            }
            if (query.SipId is not null)
            {
                command = ToCommand(source!);
                await audit.RecordReadAsync(db, AuditActions.Viewed, nameof(SipMeeting), source!.Id.ToString(), client.Id, ct);
            }
            else if (source is not null && followUpMeetingId is null)
            {
                command = ToCommand(source.StartFollowUp(today));
            }
            else if (source is not null)
            {
                // Already followed up: the page offers the existing follow-up instead of a form (saving a second one is refused).
                command = new SaveSipMeeting.Command
                {
                    MandateId = source.MandateId,
                    PreviousMeetingId = source.Id,
                    Date = Dates.ToDateTime(today)
                };
            }
            else
            {
                command = new SaveSipMeeting.Command { MandateId = mandate.Id, Date = Dates.ToDateTime(today) };
            }

            var referenced = new[] { command.CalledById, command.LeadActorId }
                .Concat(command.Participants.Select(p => p.ActorId)).Concat(command.Measures.Select(m => m.ActorId)).OfType<int>().ToList();
            var actors = await db.Actors.AsNoTracking()
                .Where(a => a.UnitId == me.UnitId && (a.IsActive || referenced.Contains(a.Id)))
                .OrderBy(a => EF.Functions.Collate(a.Name, db.SwedishCollation))
                    .Select(a => new Lookups.Item(a.Id, a.Name)).ToListAsync(ct);
            var consents = mandate.Consents.Select(c => new ConsentPeriod(c.ActorId, c.GivenOn, c.ValidUntil, c.WithdrawnOn)).ToList();

            return new Form(client.Id, client.Code, client.Name, mandate.IsOpen, command, actors, consents, followUpMeetingId);
        }

        private static SaveSipMeeting.Command ToCommand(SipMeeting s) => SaveSipMeeting.Command.Edit(() => new SaveSipMeeting.Command
        {
            Id = s.Id == 0 ? null : s.Id,
            MandateId = s.MandateId,
            PreviousMeetingId = s.PreviousMeetingId,
            Date = Dates.ToDateTime(s.Date),
            Time = s.Time?.ToTimeSpan(),
            IsVideo = s.IsVideo,
            Place = s.Place,
            Status = s.Status,
            CalledById = s.CalledById,
            LeadActorId = s.LeadActorId,
            ClientAttends = s.ClientAttends,
            Relatives = s.Relatives,
            ClientGoals = s.ClientGoals,
            Participants = s.Participants.OrderBy(p => p.Id)
                .Select(
                    p => new SaveSipMeeting.Participant
                    {
                        Id = p.Id == 0 ? null : p.Id,
                        ActorId = p.ActorId,
                        ContactPerson = p.ContactPerson,
                        Role = p.Role
                    })
                .ToList(),
            Measures = s.Measures.OrderBy(m => m.Id)
                .Select(
                    m => new SaveSipMeeting.Measure
                    {
                        Id = m.Id == 0 ? null : m.Id,
                        ActorId = m.ActorId,
                        What = m.What,
                        DueOn = Dates.ToDateTime(m.DueOn),
                        Status = m.Status
                    })
                .ToList(),
            FollowUpOn = Dates.ToDateTime(s.FollowUpOn),
            ConsentConfirmed = s.ConsentConfirmed,
            RequestedByOmbud = s.RequestedByOmbud,
            PlanReference = s.PlanReference,
            PreparedClient = s.PreparedClient,
            OmbudAttended = s.OmbudAttended,
            ExplainedOutcome = s.ExplainedOutcome,
            Version = s.Id == 0 ? null : s.Version,
        });
    }
}
