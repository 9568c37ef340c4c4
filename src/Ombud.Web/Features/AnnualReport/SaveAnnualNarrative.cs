using System.ComponentModel.DataAnnotations;
using Ombud.Web.Features.SystemFaults;

namespace Ombud.Web.Features.AnnualReport;

/// <summary>
/// Writes the introduction of the year's verksamhetsberättelse (<see cref="GetAnnualNarrative"/>), one per unit and
/// year, for the unit lead (an administrator may too). The text is published, so it may not name clients: a personnummer
/// is refused, and text that looks like other personal data (the same check as for fault reports) is saved only after the
/// writer confirms. Two people editing at once: the second save is told what the first changed (edit conflict).
/// </summary>
public static class SaveAnnualNarrative
{
    public sealed class Command : EditCommand<Command>
    {
        public int Year { get; set; }
        [Display(Name = "Inledning")] public string? Introduction { get; set; }
        /// <summary>The writer has confirmed saving although the text looks like it holds personal data.</summary>
        public bool ConfirmPersonalData { get; set; }

        /// <summary>
        /// Editing the year's introduction as the page shows it. No introduction yet: version 0, so that one written
        /// meanwhile by someone else is reported as a conflict instead of being overwritten.
        /// </summary>
        public static Command From(int year, GetAnnualNarrative.Introduction? intro) =>
            Edit(() => new Command { Year = year, Introduction = intro?.Text, Version = intro?.Version ?? 0 });
    }

    /// <summary>The field's name in a personal-data warning (its label).</summary>
    public static readonly string IntroductionField = FieldLabels.ShortOf(typeof(Command).GetProperty(nameof(Command.Introduction))!);

    public static readonly EditedFields<AnnualNarrative, Command> Shown = new EditedFields<AnnualNarrative, Command>()
        .Field(c => c.Introduction, x => x.Introduction, EditedFields.Text);

    public const string Purpose = "verksamhetsberättelsen publiceras och får inte gå att koppla till en person.";

    public const string Reason = "Verksamhetsberättelsen publiceras och får inte innehålla personuppgifter om klienter.";

    public enum Outcome { Saved, NeedsPersonalDataConfirmation }

    public sealed record Result(Outcome Outcome, IReadOnlyList<PersonalDataWarning>? Warnings = null);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.Year).InclusiveBetween(2000, 2100).WithMessage("Ange ett år mellan 2000 och 2100.");
            RuleFor(x => x.Introduction).MaximumLength(AnnualNarrative.MaxIntroduction)
                .WithMessage($"Högst {AnnualNarrative.MaxIntroduction} tecken.");
        }
    }

    public sealed class Handler(
        IDbContextFactory<OmbudDbContext> dbf, IValidator<Command> validator, ICurrentUser currentUser, ILogger<Handler> log)
    {
        public async Task<Result> HandleAsync(Command cmd, CancellationToken ct = default)
        {
            var me = await YearReport.RequireLeadOrAdminAsync(currentUser);
            await validator.ValidateAndThrowAsync(cmd, ct);
            await using var db = await dbf.CreateDbContextAsync(ct);
            var text = EditedFields.Text(cmd.Introduction);
            PersonalDataWarning.RefusePersonalNumbers([(IntroductionField, text)], Purpose);
            if (!cmd.ConfirmPersonalData)
            {
                var warnings = PersonalDataWarning.Check([(IntroductionField, text)], await FaultAccess.OwnClientsAsync(db, me, ct));
                if (warnings.Count > 0) return new Result(Outcome.NeedsPersonalDataConfirmation, warnings);
            }
            var narrative = await db.AnnualNarratives.FirstOrDefaultAsync(n => n.UnitId == me.UnitId && n.Year == cmd.Year, ct);
            if (narrative is null) db.AnnualNarratives.Add(narrative = new AnnualNarrative { UnitId = me.UnitId, Year = cmd.Year });
            else await EditConflicts.CheckAsync(db, narrative, cmd, Shown, ct);
            narrative.Introduction = text;
            await EditConflicts.SaveAsync(db, narrative, cmd, Shown, ct);
            log.LogInformation("Verksamhetsberättelse introduction {Year} saved by user {UserId}", cmd.Year, me.Id);
            return new Result(Outcome.Saved);
        }
    }
}
