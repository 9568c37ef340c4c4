using System.ComponentModel.DataAnnotations;

namespace Ombud.Web.Features.Surveys;

/// <summary>
/// Edits one of the unit's own survey templates: name, introduction, closing words and the questions with their
/// options, in order. Only while no round uses the template: a used template (and the shared default) is never changed
/// in place, so earlier results keep the questions they were answered with; copy it instead. The questions are written
/// anew on each save (nothing refers to them yet).
/// </summary>
public static class SaveSurveyTemplate
{
    public const int MaxQuestions = 40;
    public const int MaxOptions = 20;
    public const int MaxScale = 10;

    public sealed class Command : EditCommand<Command>
    {
        public int Id { get; set; }
        [Display(Name = "Namn")] public string? Name { get; set; }
        [Display(Name = "Inledning")] public string? Introduction { get; set; }
        [Display(Name = "Avslutning")] public string? Closing { get; set; }
        public List<QuestionInput> Questions { get; set; } = [];

        public static Command From(GetSurveyTemplate.Template t) => Edit(() => new Command
        {
            Id = t.Id,
            Version = t.Version,
            Name = t.Name,
            Introduction = t.Introduction,
            Closing = t.Closing,
            Questions = t.Questions.Select(q => new QuestionInput
            {
                Kind = q.Kind,
                Text = q.Text,
                EasyText = q.EasyText,
                IsBreakdown = q.IsBreakdown,
                ScaleMin = q.ScaleMin,
                ScaleMax = q.ScaleMax,
                ScaleMinLabel = q.ScaleMinLabel,
                ScaleMaxLabel = q.ScaleMaxLabel,
                Options = q.Options.Select(o => new OptionInput { Text = o.Text, AsksForText = o.AsksForText }).ToList(),
            }).ToList(),
        });
    }

    public sealed class QuestionInput
    {
        [Display(Name = "Typ av fråga")] public SurveyQuestionKind Kind { get; set; } = SurveyQuestionKind.SingleChoice;
        [Display(Name = "Frågan")] public string? Text { get; set; }
        [Display(Name = "Lättläst formulering (valfri)")] public string? EasyText { get; set; }
        [Display(Name = "Dela upp resultaten på svaren (t.ex. kön)")] public bool IsBreakdown { get; set; }
        [Display(Name = "Lägsta värde")] public int? ScaleMin { get; set; } = 1;
        [Display(Name = "Högsta värde")] public int? ScaleMax { get; set; } = 5;
        [Display(Name = "Text vid lägsta värdet")] public string? ScaleMinLabel { get; set; }
        [Display(Name = "Text vid högsta värdet")] public string? ScaleMaxLabel { get; set; }
        public List<OptionInput> Options { get; set; } = [];

        public static bool HasOptions(SurveyQuestionKind kind) =>
            kind is SurveyQuestionKind.SingleChoice or SurveyQuestionKind.MultipleChoice;
    }

    public sealed class OptionInput
    {
        [Display(Name = "Svarsalternativ")] public string? Text { get; set; }
        [Display(Name = "Be om egen text (\"Annat, vad?\")")] public bool AsksForText { get; set; }
    }

    /// <summary>Swedish names of the question kinds, as the editor shows them.</summary>
    public static string KindName(SurveyQuestionKind kind) => kind switch
    {
        SurveyQuestionKind.SingleChoice => "Ett svar",
        SurveyQuestionKind.MultipleChoice => "Flera svar möjliga",
        SurveyQuestionKind.Scale => "Skala",
        _ => "Fritext",
    };

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.Name).NotEmpty().WithMessage("Ge enkäten ett namn.")
                .MaximumLength(Limits.Name).WithMessage($"Högst {Limits.Name} tecken.");
            RuleFor(x => x.Introduction).MaximumLength(Limits.ShortText).WithMessage($"Högst {Limits.ShortText} tecken.");
            RuleFor(x => x.Closing).MaximumLength(Limits.ShortText).WithMessage($"Högst {Limits.ShortText} tecken.");
            RuleFor(x => x.Questions).NotEmpty().WithMessage("Enkäten behöver minst en fråga.")
                .Must(q => q.Count <= MaxQuestions).WithMessage($"Högst {MaxQuestions} frågor.");
            RuleForEach(x => x.Questions).SetValidator(new QuestionValidator());
        }
    }

    public sealed class QuestionValidator : AbstractValidator<QuestionInput>
    {
        public QuestionValidator()
        {
            RuleFor(x => x.Kind).IsInEnum().WithMessage("Välj typ av fråga.");
            RuleFor(x => x.Text).NotEmpty().WithMessage("Skriv frågan.")
                .MaximumLength(Limits.ShortText).WithMessage($"Högst {Limits.ShortText} tecken.")
                .Must(SafeText.IsSafe).WithMessage(SafeText.Message);
            RuleFor(x => x.EasyText).MaximumLength(Limits.ShortText).WithMessage($"Högst {Limits.ShortText} tecken.")
                .Must(SafeText.IsSafe).WithMessage(SafeText.Message);
            RuleFor(x => x.IsBreakdown).Equal(false).When(x => x.Kind != SurveyQuestionKind.SingleChoice)
                .WithMessage("Bara en fråga med ett svar kan dela upp resultaten.");
            When(x => QuestionInput.HasOptions(x.Kind), () =>
            {
                RuleFor(x => x.Options).Must(o => o.Count >= 2).WithMessage("Ge minst två svarsalternativ.")
                    .Must(o => o.Count <= MaxOptions).WithMessage($"Högst {MaxOptions} svarsalternativ.")
                    .Must(o => o.Count(x => x.AsksForText) <= 1).WithMessage("Bara ett svarsalternativ kan be om egen text.")
                    .Must(o => o.Select(x => x.Text?.Trim()).Distinct(StringComparer.CurrentCultureIgnoreCase).Count() == o.Count)
                    .WithMessage("Två svarsalternativ har samma text.");
                RuleForEach(x => x.Options).ChildRules(o => o.RuleFor(x => x.Text)
                    .NotEmpty().WithMessage("Skriv svarsalternativet.")
                    .MaximumLength(Limits.Name).WithMessage($"Högst {Limits.Name} tecken.")
                    .Must(SafeText.IsSafe).WithMessage(SafeText.Message));
            });
            When(x => x.Kind == SurveyQuestionKind.Scale, () =>
            {
                RuleFor(x => x.ScaleMin).NotNull().WithMessage("Ange skalans lägsta värde.")
                    .InclusiveBetween(0, MaxScale - 1).WithMessage($"Lägsta värdet ska vara 0–{MaxScale - 1}.");
                RuleFor(x => x.ScaleMax).NotNull().WithMessage("Ange skalans högsta värde.")
                    .InclusiveBetween(1, MaxScale).WithMessage($"Högsta värdet ska vara 1–{MaxScale}.")
                    .GreaterThan(x => x.ScaleMin).When(x => x.ScaleMin is not null)
                    .WithMessage("Högsta värdet ska vara större än det lägsta.");
                RuleFor(x => x.ScaleMinLabel).MaximumLength(Limits.Name).WithMessage($"Högst {Limits.Name} tecken.")
                    .Must(SafeText.IsSafe).WithMessage(SafeText.Message);
                RuleFor(x => x.ScaleMaxLabel).MaximumLength(Limits.Name).WithMessage($"Högst {Limits.Name} tecken.")
                    .Must(SafeText.IsSafe).WithMessage(SafeText.Message);
            });
        }
    }

    /// <summary>"Fråga 3: Skriv frågan." for a message about a question, the message alone otherwise.</summary>
    public static string Describe(FluentValidation.Results.ValidationFailure e)
    {
        var m = System.Text.RegularExpressions.Regex.Match(e.PropertyName, @"^Questions\[(\d+)\](?:\.Options\[(\d+)\])?");
        if (!m.Success) return e.ErrorMessage;
        var where = $"Fråga {int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) + 1}";
        if (m.Groups[2].Success) where += $", alternativ {int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture) + 1}";
        return $"{where}: {e.ErrorMessage}";
    }

    public sealed class Handler(IDbContextFactory<OmbudDbContext> dbf, IValidator<Command> validator, ICurrentUser currentUser)
    {
        public async Task HandleAsync(Command cmd, CancellationToken ct = default)
        {
            var me = await currentUser.RequireManagerAsync();
            await validator.ValidateAndThrowAsync(cmd, ct);
            await using var db = await dbf.CreateDbContextAsync(ct);
            var template = await db.SurveyTemplates
                .Include(t => t.Questions).ThenInclude(q => q.Options)
                .AsSplitQuery()
                .FirstOrDefaultAsync(t => t.Id == cmd.Id && (t.UnitId == null || t.UnitId == me.UnitId), ct)
                ?? throw new NotFoundOrForbiddenException();
            if (template.UnitId is null)
                throw new DomainException("Den gemensamma enkäten ändras inte. Kopiera den och ändra kopian.");
            if (await db.SurveyRounds.AnyAsync(r => r.TemplateId == template.Id, ct))
                throw new DomainException("Enkäten används i en undersökning och ändras inte. Kopiera den och ändra kopian.");
            await EditConflicts.CheckAsync(db, template, cmd, null, ct);

            template.Name = cmd.Name!.Trim();
            template.Introduction = Trimmed(cmd.Introduction);
            template.Closing = Trimmed(cmd.Closing);
            db.SurveyOptions.RemoveRange(template.Questions.SelectMany(q => q.Options));
            db.SurveyQuestions.RemoveRange(template.Questions);
            template.Questions.Clear();
            template.Questions.AddRange(cmd.Questions.Select((q, i) => ToQuestion(q, i + 1)));
            Concurrency.Touch(db, template);
            await EditConflicts.SaveAsync(db, template, cmd, null, ct);
        }

        private static SurveyQuestion ToQuestion(QuestionInput q, int number)
        {
            var scale = q.Kind == SurveyQuestionKind.Scale;
            return new SurveyQuestion
            {
                Number = number,
                Kind = q.Kind,
                Text = q.Text!.Trim(),
                EasyText = Trimmed(q.EasyText),
                IsBreakdown = q.IsBreakdown && q.Kind == SurveyQuestionKind.SingleChoice,
                ScaleMin = scale ? q.ScaleMin : null,
                ScaleMax = scale ? q.ScaleMax : null,
                ScaleMinLabel = scale ? Trimmed(q.ScaleMinLabel) : null,
                ScaleMaxLabel = scale ? Trimmed(q.ScaleMaxLabel) : null,
                Options = QuestionInput.HasOptions(q.Kind)
                    ? q.Options.Select((o, j) => new SurveyOption { Number = j + 1, Text = o.Text!.Trim(), AsksForText = o.AsksForText })
                        .ToList()
                    : [],
            };
        }

        private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }
}
