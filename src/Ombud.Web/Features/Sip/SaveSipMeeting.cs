using System.ComponentModel.DataAnnotations;
using Ombud.Web.Features.Clients;

namespace Ombud.Web.Features.Sip;

/// <summary>
/// Records (or edits) a SIP meeting in a mandate: when and where, who called it, huvudansvarig, participants, the
/// client's goals, agreed measures, follow-up, and the ombud's part. Participant actors without a valid consent on the
/// meeting date are flagged in the result, not refused (the huvudmän arrange the SIP; the ombud is told to check consent).
/// </summary>
public static class SaveSipMeeting
{
    public sealed class Command : EditCommand<Command>
    {
        public int? Id { get; set; }
        public int MandateId { get; set; }
        /// <summary>Set when this meeting follows up an earlier one.</summary>
        public int? PreviousMeetingId { get; set; }
        [Display(Name = "Datum")] public DateTime? Date { get; set; }
        [Display(Name = "Tid (valfritt)")] public TimeSpan? Time { get; set; }
        [Display(Name = "Videomöte")] public bool IsVideo { get; set; }
        [Display(Name = "Plats")] public string? Place { get; set; }
        [Display(Name = "Status")] public SipStatus Status { get; set; } = SipStatus.Planned;
        [Display(Name = "Kallad av")] public int? CalledById { get; set; }
        [Display(Name = "Huvudansvarig")] public int? LeadActorId { get; set; }
        [Display(Name = "Klienten deltar")] public bool ClientAttends { get; set; } = true;
        [Display(Name = "Närstående som deltar (om klienten vill)")] public string? Relatives { get; set; }
        [Display(Name = "Klientens egna mål (kort)")] public string? ClientGoals { get; set; }
        [Display(Name = "Deltagare")] public List<Participant> Participants { get; set; } = [];
        [Display(Name = "Åtgärder")] public List<Measure> Measures { get; set; } = [];
        [Display(Name = "Uppföljningsdatum")] public DateTime? FollowUpOn { get; set; }
        [Display(Name = "Huvudmännen har bekräftat klientens samtycke till SIP")] public bool ConsentConfirmed { get; set; }
        [Display(Name = "Jag begärde SIP:en åt klienten")] public bool RequestedByOmbud { get; set; }
        [Display(Name = "Var planen finns")] public string? PlanReference { get; set; }
        [Display(Name = "Jag har förberett klienten")] public bool PreparedClient { get; set; }
        [Display(Name = "Jag deltog i mötet")] public bool OmbudAttended { get; set; }
        [Display(Name = "Jag har förklarat utfallet för klienten efteråt")] public bool ExplainedOutcome { get; set; }
    }

    public sealed class Participant
    {
        public int? Id { get; set; }
        public int? ActorId { get; set; }
        public string? ContactPerson { get; set; }
        public string? Role { get; set; }
    }

    public sealed class Measure
    {
        public int? Id { get; set; }
        public int? ActorId { get; set; }
        public string What { get; set; } = "";
        public DateTime? DueOn { get; set; }
        public SipMeasureStatus Status { get; set; } = SipMeasureStatus.Planned;
    }

    /// <summary>What the SIP form shows, for naming what someone else changed; rows by their saved values.</summary>
    public static readonly EditedFields<SipMeeting, Command> Shown = new EditedFields<SipMeeting, Command>()
        .Field(c => c.Date, x => x.Date, EditedFields.RequiredDate)
        .Field(c => c.Time, x => x.Time, t => t is { } v ? TimeOnly.FromTimeSpan(v) : (TimeOnly?)null)
        .Field(c => c.IsVideo, x => x.IsVideo)
        .Field(c => c.Place, x => x.Place, EditedFields.Text)
        .Field(c => c.Status, x => x.Status)
        .Field(c => c.CalledById, x => x.CalledById)
        .Field(c => c.LeadActorId, x => x.LeadActorId)
        .Field(c => c.ClientAttends, x => x.ClientAttends)
        .Field(c => c.Relatives, x => x.Relatives, EditedFields.Text)
        .Field(c => c.ClientGoals, x => x.ClientGoals, EditedFields.Text)
        .Rows(c => c.Participants, x => x.Participants, p => Key(p.Id, p.ActorId, p.ContactPerson, p.Role),
            p => Key(p.Id, p.ActorId, EditedFields.Text(p.ContactPerson), EditedFields.Text(p.Role)))
        .Rows(c => c.Measures, x => x.Measures, m => Key(m.Id, m.ActorId, m.What, m.DueOn, m.Status),
            m => Key(m.Id, m.ActorId, m.What.Trim(), Dates.ToDateOnly(m.DueOn), m.Status))
        .Field(c => c.FollowUpOn, x => x.FollowUpOn, EditedFields.Date)
        .Field(c => c.ConsentConfirmed, x => x.ConsentConfirmed)
        .Field(c => c.RequestedByOmbud, x => x.RequestedByOmbud)
        .Field(c => c.PlanReference, x => x.PlanReference, EditedFields.Text)
        .Field(c => c.PreparedClient, x => x.PreparedClient)
        .Field(c => c.OmbudAttended, x => x.OmbudAttended)
        .Field(c => c.ExplainedOutcome, x => x.ExplainedOutcome);

    private static string Key(params object?[] values) => string.Join("|", values);

    /// <summary>The meeting's id, and the participant actors (names) without a valid consent on the meeting date.</summary>
    public sealed record Result(int Id, IReadOnlyList<string> ParticipantsWithoutConsent);

    private static string TooLong(int max) => $"Högst {max} tecken – håll det kort.";

    public sealed class ParticipantValidator : AbstractValidator<Participant>
    {
        public ParticipantValidator()
        {
            RuleFor(x => x.ActorId).NotNull().WithMessage("Välj aktör för deltagaren.");
            RuleFor(x => x.ContactPerson).MaximumLength(Limits.Name).WithMessage(TooLong(Limits.Name));
            RuleFor(x => x.Role).MaximumLength(Limits.Name).WithMessage(TooLong(Limits.Name));
        }
    }

    /// <summary>
    /// One measure row. An open measure (planerad, pågår) needs its "senast"-date, or it could never become overdue or
    /// show up in Mina uppgifter; a closed one (klar, ej genomförd) may lack it.
    /// </summary>
    public sealed class MeasureValidator : AbstractValidator<Measure>
    {
        public const string DueOnRequired = "Ange senast när åtgärden ska vara klar.";

        public MeasureValidator(TimeProvider clock)
        {
            RuleFor(x => x.ActorId).NotNull().WithMessage("Välj vilken aktör som ansvarar för åtgärden.");
            RuleFor(x => x.What).NotEmpty().WithMessage("Beskriv åtgärden kort.")
                .MaximumLength(Limits.ShortText).WithMessage(TooLong(Limits.ShortText));
            RuleFor(x => x.DueOn).NotNull().When(x => SipMeasure.IsOpenStatus(x.Status)).WithMessage(DueOnRequired);
            RuleFor(x => x.DueOn).InPlausibleRange(clock);
            RuleFor(x => x.Status).IsInEnum().WithMessage("Välj status.");
        }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public const int MaxRows = 30;

        public Validator(TimeProvider clock)
        {
            RuleFor(x => x.Date).NotNull().WithMessage("Ange datum för mötet.").InPlausibleRange(clock);
            RuleFor(x => x.FollowUpOn).InPlausibleRange(clock);
            RuleFor(x => x.Status).IsInEnum().WithMessage("Välj status.")
                .Must((cmd, s) => s != SipStatus.Held || cmd.Date is null || DateOnly.FromDateTime(cmd.Date.Value) <= clock.Today())
                .WithMessage("Ett genomfört möte kan inte ligga i framtiden.");
            RuleFor(x => x.Place).MaximumLength(Limits.Name).WithMessage(TooLong(Limits.Name));
            RuleFor(x => x.Relatives).MaximumLength(Limits.Name).WithMessage(TooLong(Limits.Name));
            RuleFor(x => x.ClientGoals).MaximumLength(Limits.ShortText).WithMessage(TooLong(Limits.ShortText));
            RuleFor(x => x.PlanReference).MaximumLength(Limits.Name).WithMessage(TooLong(Limits.Name));
            RuleFor(x => x.FollowUpOn)
                .Must((cmd, f) => f is null || cmd.Date is null || f.Value.Date >= cmd.Date.Value.Date)
                .WithMessage("Uppföljningen kan inte vara före mötets datum.");
            RuleFor(x => x.Participants)
                .Must(p => p.Count <= MaxRows).WithMessage($"Högst {MaxRows} deltagare.")
                .Must(p => p.Where(x => x.ActorId is not null).GroupBy(x => x.ActorId).All(g => g.Count() == 1))
                .WithMessage("Samma aktör finns flera gånger bland deltagarna.");
            RuleForEach(x => x.Participants).SetValidator(new ParticipantValidator());
            RuleFor(x => x.Measures).Must(m => m.Count <= MaxRows).WithMessage($"Högst {MaxRows} åtgärder.");
            RuleForEach(x => x.Measures).SetValidator(new MeasureValidator(clock));
        }
    }

    public sealed class Handler(IDbContextFactory<OmbudDbContext> dbf, IValidator<Command> validator, ICurrentUser currentUser,
        AuditInterceptor audit, TimeProvider clock, ILogger<Handler> log)
    {
        public async Task<Result> HandleAsync(Command cmd, CancellationToken ct = default)
        {
            var me = await currentUser.GetAsync();
            await validator.ValidateAndThrowAsync(cmd, ct);
            await using var db = await dbf.CreateDbContextAsync(ct);
            var mandate = await ClientAccess.OwnMandateAsync(db, audit, log, me, cmd.MandateId, q => q.Include(m => m.Consents), ct);
            ClientAccess.EnsureOpen(mandate);
            var today = clock.Today();
            var date = DateOnly.FromDateTime(cmd.Date!.Value);
            if (date < mandate.RegisteredOn) throw new DomainException("Mötets datum kan inte vara före uppdragets första kontakt.");

            var actorIds = cmd.Participants.Select(p => p.ActorId).Concat(cmd.Measures.Select(m => m.ActorId))
                .Append(cmd.CalledById).Append(cmd.LeadActorId).OfType<int>().Distinct().ToList();
            var actors = await db.Actors.Where(a => actorIds.Contains(a.Id) && a.UnitId == me.UnitId)
                .ToDictionaryAsync(a => a.Id, a => a.Name, ct);
            if (actors.Count != actorIds.Count) throw new DomainException("En vald aktör finns inte i enhetens aktörsregister.");

            SipMeeting sip;
            if (cmd.Id is { } id)
            {
                sip = await db.SipMeetings.Include(s => s.Participants).Include(s => s.Measures)
                    .FirstOrDefaultAsync(s => s.Id == id && s.MandateId == mandate.Id, ct)
                    ?? throw new DomainException("SIP-mötet finns inte längre. Ladda om sidan.");
                await EditConflicts.CheckAsync(db, sip, cmd, Shown, ct);
                Concurrency.Touch(db, sip);
                // Taking a cancelled follow-up up again must not give its meeting a second follow-up.
                if (sip.PreviousMeetingId is { } prev && sip.Status == SipStatus.Cancelled && cmd.Status != SipStatus.Cancelled
                    && await OtherFollowUpAsync(db, prev, sip.Id, ct) is not null)
                    throw new DomainException(AlreadyFollowedUp);
            }
            else
            {
                if (cmd.PreviousMeetingId is { } prev)
                {
                    var previous = await db.SipMeetings.AsNoTracking().Where(s => s.Id == prev && s.MandateId == mandate.Id)
                        .Select(s => new { s.Date, s.Status }).FirstOrDefaultAsync(ct)
                        ?? throw new DomainException("Mötet som följs upp hör inte till uppdraget.");
                    if (previous.Status == SipStatus.Cancelled)
                        throw new DomainException("Ett inställt SIP-möte kan inte följas upp. Ändra mötet i stället.");
                    if (await OtherFollowUpAsync(db, prev, null, ct) is not null) throw new DomainException(AlreadyFollowedUp);
                    if (date < previous.Date) throw new DomainException("Uppföljningsmötet kan inte vara före mötet som följs upp.");
                }
                sip = new SipMeeting { MandateId = mandate.Id, PreviousMeetingId = cmd.PreviousMeetingId };
                db.SipMeetings.Add(sip);
            }

            ApplyScalars(sip, cmd, today);

            // Rows keep their ids, so the audit log shows which measure changed rather than a delete-and-recreate.
            Sync(sip.Participants, cmd.Participants, p => p.Id, p => p.Id, (row, line) =>
            {
                row.ActorId = line.ActorId!.Value;
                row.ContactPerson = Clean(line.ContactPerson);
                row.Role = Clean(line.Role);
            });
            Sync(sip.Measures, cmd.Measures, m => m.Id, m => m.Id, (row, line) =>
            {
                row.ActorId = line.ActorId!.Value;
                row.What = line.What.Trim();
                row.DueOn = Dates.ToDateOnly(line.DueOn);
                row.Status = line.Status;
            });

            mandate.Touch(today);
            await EditConflicts.SaveAsync(db, sip, cmd, Shown, ct);

            var withoutConsent = sip.Participants.Where(p => !mandate.HasValidConsent(p.ActorId, date))
                .Select(p => actors[p.ActorId]).ToList();
            return new Result(sip.Id, withoutConsent);
        }

        private const string AlreadyFollowedUp =
            "Mötet har redan en uppföljning, och de öppna åtgärderna är överförda dit. Öppna uppföljningsmötet i stället för att skapa " +
            "ett till.";

        /// <summary>
        /// A follow-up of meeting <paramref name="previousId"/> that is not cancelled, other than <paramref name="except"/>.
        /// </summary>
        private static Task<int?> OtherFollowUpAsync(OmbudDbContext db, int previousId, int? except, CancellationToken ct) =>
            db.SipMeetings.Where(s => s.PreviousMeetingId == previousId && s.Status != SipStatus.Cancelled && s.Id != except)
                .Select(s => (int?)s.Id).FirstOrDefaultAsync(ct);

        private static void ApplyScalars(SipMeeting sip, Command c, DateOnly today)
        {
            if (c.Date is { } d)
                sip.Schedule(DateOnly.FromDateTime(d), c.Time is { } t ? TimeOnly.FromTimeSpan(t) : null, Dates.ToDateOnly(c.FollowUpOn));
            sip.SetStatus(c.Status, today);
            sip.IsVideo = c.IsVideo;
            sip.Place = Clean(c.Place);
            sip.CalledById = c.CalledById;
            sip.LeadActorId = c.LeadActorId;
            sip.ClientAttends = c.ClientAttends;
            sip.Relatives = Clean(c.Relatives);
            sip.ClientGoals = Clean(c.ClientGoals);
            sip.ConsentConfirmed = c.ConsentConfirmed;
            sip.RequestedByOmbud = c.RequestedByOmbud;
            sip.PlanReference = Clean(c.PlanReference);
            sip.PreparedClient = c.PreparedClient;
            sip.OmbudAttended = c.OmbudAttended;
            sip.ExplainedOutcome = c.ExplainedOutcome;
        }

        private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

        private static void Sync<TRow, TLine>(
            List<TRow> rows, List<TLine> lines, Func<TRow, int> rowId, Func<TLine, int?> lineId, Action<TRow, TLine> apply)
            where TRow : class, new()
        {
            var kept = lines.Select(lineId).OfType<int>().ToHashSet();
            rows.RemoveAll(r => !kept.Contains(rowId(r)));
            foreach (var line in lines)
            {
                var row = lineId(line) is { } id ? rows.FirstOrDefault(r => rowId(r) == id) : default;
                if (row is null)
                {
                    if (lineId(line) is not null) throw new DomainException("En rad i SIP-mötet finns inte längre. Ladda om sidan.");
                    row = new TRow();
                    rows.Add(row);
                }
                apply(row, line);
            }
        }
    }
}
