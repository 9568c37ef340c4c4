namespace Ombud.Web.Features.SystemFaults;

/// <summary>
/// Moves a fault report one step along the workflow: reported to a ledningsgrupp meeting, forwarded (to Länsstyrelsen
/// and/or the actor), answered (the response), closed. The reporter or the unit lead does it — a draft only its author,
/// since it is the author's alone until reported; the domain entity decides which steps are allowed.
/// </summary>
public static class ChangeFaultStatus
{
    public sealed class Command
    {
        public int FaultId { get; set; }
        public FaultStatus? To { get; set; }
        /// <summary>For "rapporterad till ledningsgrupp".</summary>
        public int? MeetingId { get; set; }
        /// <summary>For "vidarerapporterad", "besvarad" and "avslutad".</summary>
        public DateTime? Date { get; set; }
        public bool ToCountyBoard { get; set; }
        public bool ToActor { get; set; }
        public string? Response { get; set; }
        public bool ConfirmPersonalData { get; set; }
        /// <summary>
        /// The fault's version when the page showed it; a newer version (someone took a step since) is a conflict. Null: not checked (CLI,
        /// tests).
        /// </summary>
        public long? Version { get; set; }
    }

    public const string ResponseField = "Svar";

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(x => x.To).NotNull().WithMessage("Välj nästa steg.")
                .Must(s => s is not FaultStatus.Draft).WithMessage("En rapporterad systembrist kan inte bli utkast igen.");
            When(x => x.To == FaultStatus.ReportedToSteeringGroup, () =>
                RuleFor(x => x.MeetingId).NotNull().WithMessage("Välj ledningsgruppsmöte."));
            When(x => x.To is FaultStatus.Forwarded or FaultStatus.Answered or FaultStatus.Closed, () =>
                RuleFor(x => x.Date).NotNull().WithMessage("Ange datum.")
                    .Must(d => d is null
                        || DateOnly.FromDateTime(d.Value) <= clock.Today()).WithMessage("Datumet kan inte ligga i framtiden."));
            When(x => x.To == FaultStatus.Forwarded, () =>
                RuleFor(x => x.ToCountyBoard).Must((cmd, toCountyBoard) => toCountyBoard || cmd.ToActor)
                    .WithMessage("Ange vart systembristen vidarerapporterades: Länsstyrelsen och/eller aktören."));
            When(x => x.To == FaultStatus.Answered, () =>
                RuleFor(x => x.Response).Must(r => !string.IsNullOrWhiteSpace(r)).WithMessage("Skriv svaret.")
                    .MaximumLength(Limits.LongText).WithMessage($"Högst {Limits.LongText} tecken."));
        }
    }

    public enum Outcome { Saved, NeedsPersonalDataConfirmation }

    public sealed record Result(Outcome Outcome, IReadOnlyList<PersonalDataWarning>? Warnings = null);

    public sealed class Handler(
        IDbContextFactory<OmbudDbContext> dbf, IValidator<Command> validator, ICurrentUser currentUser, ILogger<Handler> log)
    {
        public async Task<Result> HandleAsync(Command cmd, CancellationToken ct = default)
        {
            var me = await currentUser.RequireStaffAsync();
            await validator.ValidateAndThrowAsync(cmd, ct);
            await using var db = await dbf.CreateDbContextAsync(ct);
            var fault = await FaultAccess.LoadAsync(db, me, cmd.FaultId, q => q.Include(f => f.Actors), ct);
            if (!FaultAccess.CanMoveAlong(me, fault))
                throw new DomainException(fault.IsDraft
                    ? "Bara den som skrev utkastet kan rapportera det."
                    : "Bara den som rapporterade systembristen och enhetschefen kan föra den vidare i flödet.");
            // Someone else may have taken a step since the page was shown (e.g. the lead answered it): say so rather than stack a step on
            // theirs.
            EditConflicts.CheckVersion(fault, cmd.Version);
            var date = cmd.Date is { } d ? DateOnly.FromDateTime(d) : default;

            switch (cmd.To!.Value)
            {
                case FaultStatus.ReportedToSteeringGroup:
                    var meeting = await db.SteeringGroupMeetings.FirstOrDefaultAsync(
                        m => m.Id == cmd.MeetingId && m.UnitId == me.UnitId,
                        ct)
                        ?? throw new DomainException("Mötet finns inte i enhetens ledningsgrupp.");
                    fault.ReportToSteeringGroup(meeting);
                    break;
                case FaultStatus.Forwarded:
                    fault.Forward(date, cmd.ToCountyBoard, cmd.ToActor);
                    break;
                case FaultStatus.Answered:
                    var response = cmd.Response!.Trim();
                    PersonalDataWarning.RefusePersonalNumbers([(ResponseField, response)]);
                    if (!cmd.ConfirmPersonalData)
                    {
                        var warnings = PersonalDataWarning.Check(
                            [(ResponseField, response)], await FaultAccess.OwnClientsAsync(db, me, ct));
                        if (warnings.Count > 0) return new Result(Outcome.NeedsPersonalDataConfirmation, warnings);
                    }
                    fault.Answer(date, response);
                    break;
                case FaultStatus.Closed:
                    fault.Close(date);
                    break;
                default:
                    throw new DomainException("Välj nästa steg.");
            }
            await db.SaveChangesAsync(ct);
            log.LogInformation("System fault {FaultId} moved to {Status} by user {UserId}", fault.Id, fault.Status, me.Id);
            return new Result(Outcome.Saved);
        }
    }
}
