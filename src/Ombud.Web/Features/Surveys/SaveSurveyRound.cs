using System.ComponentModel.DataAnnotations;

namespace Ombud.Web.Features.Surveys;

/// <summary>
/// Adds or edits a survey round: its template, when it takes answers, and the counts the response rate needs (forms
/// handed out, possible respondents, how many the ombud chose not to ask and why — counts and general words, never who).
/// The template cannot change once the round has answers.
/// </summary>
public static class SaveSurveyRound
{
    public sealed class Command : EditCommand<Command>
    {
        public int? Id { get; set; }
        [Display(Name = "Namn")] public string? Name { get; set; }
        [Display(Name = "Enkät")] public int? TemplateId { get; set; }
        [Display(Name = "Öppen från")] public DateTime? OpensOn { get; set; }
        [Display(Name = "Öppen till")] public DateTime? ClosesOn { get; set; }
        [Display(Name = "Utdelade enkäter")] public int FormsHandedOut { get; set; }
        [Display(Name = "Möjliga svarande")] public int PossibleRespondents { get; set; }
        [Display(Name = "Inte tillfrågade")] public int NotAsked { get; set; }
        [Display(Name = "Varför inte tillfrågade (allmänt, inga namn)")] public string? NotAskedReason { get; set; }

        /// <summary>Editing the round as its page shows it.</summary>
        public static Command From(GetSurveyResults.Results r) => Edit(() => new Command
        {
            Id = r.RoundId,
            Name = r.Name,
            TemplateId = r.TemplateId,
            OpensOn = Dates.ToDateTime(r.OpensOn),
            ClosesOn = Dates.ToDateTime(r.ClosesOn),
            FormsHandedOut = r.FormsHandedOut,
            PossibleRespondents = r.PossibleRespondents,
            NotAsked = r.NotAsked,
            NotAskedReason = r.NotAskedReason,
            Version = r.Version,
        });
    }

    public static readonly EditedFields<SurveyRound, Command> Shown = new EditedFields<SurveyRound, Command>()
        .Field(c => c.Name, x => x.Name, EditedFields.Trimmed)
        .Field(c => c.TemplateId, x => x.TemplateId, EditedFields.Id)
        .Field(c => c.OpensOn, x => x.OpensOn, EditedFields.RequiredDate)
        .Field(c => c.ClosesOn, x => x.ClosesOn, EditedFields.RequiredDate)
        .Field(c => c.FormsHandedOut, x => x.FormsHandedOut)
        .Field(c => c.PossibleRespondents, x => x.PossibleRespondents)
        .Field(c => c.NotAsked, x => x.NotAsked)
        .Field(c => c.NotAskedReason, x => x.NotAskedReason, EditedFields.Text);

    public const int MaxCount = 10_000;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.Name).NotEmpty().WithMessage("Ange ett namn, t.ex. \"Brukarundersökning 2026\".")
                .MaximumLength(Limits.Name).WithMessage($"Högst {Limits.Name} tecken.");
            RuleFor(x => x.TemplateId).NotNull().WithMessage("Välj vilken enkät som används.");
            RuleFor(x => x.OpensOn).NotNull().WithMessage("Ange när undersökningen öppnar.");
            RuleFor(x => x.ClosesOn).NotNull().WithMessage("Ange när undersökningen stänger.")
                .GreaterThanOrEqualTo(x => x.OpensOn)
                .When(x => x.OpensOn is not null)
                .WithMessage("Slutdatumet kan inte vara före startdatumet.");
            RuleFor(x => x.FormsHandedOut).InclusiveBetween(0, MaxCount).WithMessage($"Ange ett antal från 0 till {MaxCount}.");
            RuleFor(x => x.PossibleRespondents).InclusiveBetween(0, MaxCount).WithMessage($"Ange ett antal från 0 till {MaxCount}.");
            RuleFor(x => x.NotAsked).InclusiveBetween(0, MaxCount).WithMessage($"Ange ett antal från 0 till {MaxCount}.")
                .LessThanOrEqualTo(x => x.PossibleRespondents).WithMessage("Fler inte tillfrågade än möjliga svarande.");
            RuleFor(x => x.NotAskedReason).MaximumLength(Limits.ShortText).WithMessage($"Högst {Limits.ShortText} tecken.");
        }
    }

    public sealed class Handler(IDbContextFactory<OmbudDbContext> dbf, IValidator<Command> validator, ICurrentUser currentUser)
    {
        public async Task<int> HandleAsync(Command cmd, CancellationToken ct = default)
        {
            var me = await currentUser.RequireManagerAsync();
            await validator.ValidateAndThrowAsync(cmd, ct);
            await using var db = await dbf.CreateDbContextAsync(ct);
            var templateId = cmd.TemplateId!.Value;
            if (!await db.SurveyTemplates.AnyAsync(t => t.Id == templateId && (t.UnitId == null || t.UnitId == me.UnitId), ct))
                throw new NotFoundOrForbiddenException();
            SurveyRound round;
            if (cmd.Id is { } id)
            {
                round = await SurveyAccess.RoundAsync(db, me, id, ct);
                await EditConflicts.CheckAsync(db, round, cmd, Shown, ct);
                if (round.TemplateId != templateId && await db.SurveyResponses.AnyAsync(r => r.RoundId == id, ct))
                    throw new DomainException("Enkäten kan inte bytas när det finns svar.");
            }
            else
            {
                db.SurveyRounds.Add(round = new SurveyRound { UnitId = me.UnitId });
            }
            round.Name = cmd.Name!.Trim();
            round.TemplateId = templateId;
            round.OpensOn = DateOnly.FromDateTime(cmd.OpensOn!.Value);
            round.ClosesOn = DateOnly.FromDateTime(cmd.ClosesOn!.Value);
            round.FormsHandedOut = cmd.FormsHandedOut;
            round.PossibleRespondents = cmd.PossibleRespondents;
            round.NotAsked = cmd.NotAsked;
            round.NotAskedReason = string.IsNullOrWhiteSpace(cmd.NotAskedReason) ? null : cmd.NotAskedReason.Trim();
            await EditConflicts.SaveAsync(db, round, cmd, Shown, ct);
            return round.Id;
        }
    }
}
