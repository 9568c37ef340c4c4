using System.ComponentModel.DataAnnotations;
using Ombud.Web.Features.SystemFaults;

namespace Ombud.Web.Features.SteeringGroup;

/// <summary>
/// Adds or edits a ledningsgrupp meeting: date and short decisions. A meeting can be entered ahead (planned), so faults
/// can be put on its agenda; the faults presented are linked from the fault reports ("rapporterad till ledningsgrupp").
/// The whole unit reads the decisions, so text that looks like personal data (the same check as for fault reports) is not
/// saved until the writer confirms.
/// </summary>
public static class SaveMeeting
{
    public sealed class Command : EditCommand<Command>
    {
        public int? Id { get; set; }
        [Display(Name = "Mötesdatum")] public DateTime? Date { get; set; }
        [Display(Name = "Beslut (kort)")] public string? Decisions { get; set; }
        /// <summary>The writer has confirmed saving although the decisions look like they hold personal data.</summary>
        public bool ConfirmPersonalData { get; set; }

        /// <summary>Editing a meeting as the steering-group page shows it.</summary>
        public static Command From(ListSteeringGroup.Meeting m) =>
            Edit(() => new Command { Id = m.Id, Date = Dates.ToDateTime(m.Date), Decisions = m.Decisions, Version = m.Version });
    }

    /// <summary>The field's name in a personal-data warning (its label).</summary>
    public static readonly string DecisionsField = FieldLabels.ShortOf(typeof(Command).GetProperty(nameof(Command.Decisions))!);

    /// <summary>What the meeting form shows, for naming what someone else changed.</summary>
    public static readonly EditedFields<SteeringGroupMeeting, Command> Shown = new EditedFields<SteeringGroupMeeting, Command>()
        .Field(c => c.Date, x => x.Date, EditedFields.RequiredDate)
        .Field(c => c.Decisions, x => x.Decisions, EditedFields.Text);

    public enum Outcome { Saved, NeedsPersonalDataConfirmation }

    public sealed record Result(Outcome Outcome, int? Id = null, IReadOnlyList<PersonalDataWarning>? Warnings = null);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(x => x.Date).NotNull().WithMessage("Ange mötesdatum.")
                .Must(d => d is null || d.Value.Year >= 2000).WithMessage("Ange ett datum från år 2000 och framåt.")
                .Must(d => d is null
                    || DateOnly.FromDateTime(d.Value) <= clock.Today().AddYears(2)).WithMessage("Datumet ligger för långt fram.");
            RuleFor(x => x.Decisions).MaximumLength(Limits.LongText).WithMessage($"Högst {Limits.LongText} tecken.");
        }
    }

    public sealed class Handler(
        IDbContextFactory<OmbudDbContext> dbf, IValidator<Command> validator, ICurrentUser currentUser, ILogger<Handler> log)
    {
        public async Task<Result> HandleAsync(Command cmd, CancellationToken ct = default)
        {
            var me = await currentUser.RequireEditorAsync();
            await validator.ValidateAndThrowAsync(cmd, ct);
            await using var db = await dbf.CreateDbContextAsync(ct);
            var date = DateOnly.FromDateTime(cmd.Date!.Value);
            SteeringGroupMeeting meeting;
            if (cmd.Id is { } id)
            {
                meeting = await db.SteeringGroupMeetings.Include(m => m.Faults)
                    .FirstOrDefaultAsync(m => m.Id == id && m.UnitId == me.UnitId, ct)
                    ?? throw new NotFoundOrForbiddenException();
                await EditConflicts.CheckAsync(db, meeting, cmd, Shown, ct);
                if (meeting.Date != date)
                    foreach (var fault in meeting.Faults) fault.MeetingRescheduled(date);
            }
            else
            {
                db.SteeringGroupMeetings.Add(meeting = new SteeringGroupMeeting { UnitId = me.UnitId });
            }
            var decisions = string.IsNullOrWhiteSpace(cmd.Decisions) ? null : cmd.Decisions.Trim();
            PersonalDataWarning.RefusePersonalNumbers([(DecisionsField, decisions)], PersonalDataWarning.MeetingPurpose);
            if (!cmd.ConfirmPersonalData)
            {
                var warnings = PersonalDataWarning.Check([(DecisionsField, decisions)], await FaultAccess.OwnClientsAsync(db, me, ct));
                if (warnings.Count > 0) return new Result(Outcome.NeedsPersonalDataConfirmation, cmd.Id, warnings);
            }
            meeting.Date = date;
            meeting.Decisions = decisions;
            await EditConflicts.SaveAsync(db, meeting, cmd, Shown, ct);
            log.LogInformation("Steering group meeting {MeetingId} saved by user {UserId}", meeting.Id, me.Id);
            return new Result(Outcome.Saved, meeting.Id);
        }
    }
}
