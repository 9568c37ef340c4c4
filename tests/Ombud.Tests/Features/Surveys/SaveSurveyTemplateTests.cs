using Ombud.Web.Features.Surveys;

namespace Ombud.Tests.Features.Surveys;

/// <summary>A unit edits its own copy of a template until a round uses it; the shared default and used templates never change.</summary>
public class SaveSurveyTemplateTests : SurveyTestData
{
    private async Task<int> CopyAsync() =>
        await _t.Get<CopySurveyTemplate.Handler>().HandleAsync(new(_template.Id, "Brukarundersökning 2027"));

    private async Task<SaveSurveyTemplate.Command> LoadAsync(int id) =>
        SaveSurveyTemplate.Command.From(await _t.Get<GetSurveyTemplate.Handler>().HandleAsync(id));

    private static SaveSurveyTemplate.QuestionInput Choice(string text, params string[] options) => new()
    {
        Kind = SurveyQuestionKind.SingleChoice,
        Text = text,
        Options = options.Select(o => new SaveSurveyTemplate.OptionInput { Text = o }).ToList(),
    };

    [Fact]
    public async Task The_units_copy_is_edited_questions_reordered_added_and_removed()
    {
        var id = await CopyAsync();
        var cmd = await LoadAsync(id);
        var firstText = cmd.Questions[0].Text;
        cmd.Name = "  Enkät 2027  ";
        cmd.Questions.RemoveAt(1);
        (cmd.Questions[0], cmd.Questions[1]) = (cmd.Questions[1], cmd.Questions[0]);
        cmd.Questions[0].EasyText = "Vad fick du hjälp med?";
        cmd.Questions.Add(Choice("Skulle du rekommendera ett ombud?", "Ja", "Nej"));
        cmd.Questions.Add(new()
        {
            Kind = SurveyQuestionKind.Scale,
            Text = "Hur nöjd är du?",
            ScaleMin = 1,
            ScaleMax = 5,
            ScaleMinLabel = "Inte alls",
            ScaleMaxLabel = "Mycket"
        });
        await _t.Get<SaveSurveyTemplate.Handler>().HandleAsync(cmd);

        var saved = await _t.Get<GetSurveyTemplate.Handler>().HandleAsync(id);
        Assert.Equal("Enkät 2027", saved.Name);
        Assert.Equal(_template.Questions.Count + 1, saved.Questions.Count);
        Assert.Equal(Enumerable.Range(1, saved.Questions.Count), saved.Questions.Select(q => q.Number));
        Assert.Equal(firstText, saved.Questions[1].Text);
        Assert.Equal("Vad fick du hjälp med?", saved.Questions[0].EasyText);
        Assert.Equal(["Ja", "Nej"], saved.Questions[^2].Options.Select(o => o.Text));
        Assert.Equal((1, 5, "Mycket"),
            (saved.Questions[^1].ScaleMin!.Value, saved.Questions[^1].ScaleMax!.Value, saved.Questions[^1].ScaleMaxLabel));
        Assert.True(saved.CanEdit);
        await using var db = _t.CreateContext();
        // the old questions are gone, not orphaned
        Assert.Equal(saved.Questions.Count, await db.SurveyQuestions.CountAsync(q => q.TemplateId == id));
    }

    [Fact]
    public async Task The_shared_default_and_a_template_a_round_uses_are_refused_and_shown_read_only()
    {
        var shared = await _t.Get<GetSurveyTemplate.Handler>().HandleAsync(_template.Id);
        Assert.False(shared.CanEdit);
        var cmd = SaveSurveyTemplate.Command.From(shared);
        var ex = await Assert.ThrowsAsync<DomainException>(() => _t.Get<SaveSurveyTemplate.Handler>().HandleAsync(cmd));
        Assert.Contains("gemensamma", ex.Message);

        var id = await CopyAsync();
        var round = Round();
        round.TemplateId = id;
        round.Name = "Brukarundersökning 2027";
        await _t.Get<SaveSurveyRound.Handler>().HandleAsync(round);
        var used = await LoadAsync(id);
        Assert.False((await _t.Get<GetSurveyTemplate.Handler>().HandleAsync(id)).CanEdit);
        used.Name = "Ändrad";
        ex = await Assert.ThrowsAsync<DomainException>(() => _t.Get<SaveSurveyTemplate.Handler>().HandleAsync(used));
        Assert.Contains("används i en undersökning", ex.Message);
    }

    [Fact]
    public async Task An_ombud_may_read_but_not_edit_and_another_units_template_is_not_found()
    {
        var id = await CopyAsync();
        var cmd = await LoadAsync(id);
        _t.User = _ombud;
        Assert.False((await _t.Get<GetSurveyTemplate.Handler>().HandleAsync(id)).CanEdit);
        await Assert.ThrowsAsync<DomainException>(() => _t.Get<SaveSurveyTemplate.Handler>().HandleAsync(cmd));

        var other = await _t.AddUnitAsync("PO Syd");
        _t.User = await _t.AddUserAsync(other.Id, Roles.UnitLead);
        await Assert.ThrowsAsync<NotFoundOrForbiddenException>(() => _t.Get<GetSurveyTemplate.Handler>().HandleAsync(id));
        await Assert.ThrowsAsync<NotFoundOrForbiddenException>(() => _t.Get<SaveSurveyTemplate.Handler>().HandleAsync(cmd));
    }

    [Fact]
    public async Task A_save_over_someone_elses_save_is_a_conflict_and_saves_nothing()
    {
        var id = await CopyAsync();
        var mine = await LoadAsync(id);
        var theirs = await LoadAsync(id);
        theirs.Questions.RemoveAt(0);
        await _t.Get<SaveSurveyTemplate.Handler>().HandleAsync(theirs);
        mine.Name = "Min";
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => _t.Get<SaveSurveyTemplate.Handler>().HandleAsync(mine));
        var saved = await _t.Get<GetSurveyTemplate.Handler>().HandleAsync(id);
        Assert.Equal(("Brukarundersökning 2027", _template.Questions.Count - 1), (saved.Name, saved.Questions.Count));
    }

    public class Validator
    {
        private static readonly SaveSurveyTemplate.Validator V = new();

        private static SaveSurveyTemplate.Command Valid() => new()
        {
            Name = "Enkät",
            Questions = [Choice("Kön", "Kvinna", "Man")],
        };

        private static List<string> Errors(SaveSurveyTemplate.Command c) =>
            V.Validate(c).Errors.Select(SaveSurveyTemplate.Describe).ToList();

        [Fact]
        public void A_valid_template_passes() => Assert.Empty(Errors(Valid()));

        [Fact]
        public void A_name_and_at_least_one_question_are_required()
        {
            var c = Valid();
            c.Name = " ";
            c.Questions.Clear();
            Assert.Equal(["Ge enkäten ett namn.", "Enkäten behöver minst en fråga."], Errors(c));
        }

        [Fact]
        public void Each_message_names_the_question_and_option()
        {
            var c = Valid();
            c.Questions.Add(Choice("", "Ja", ""));
            c.Questions.Add(Choice("Bara ett alternativ", "Ja"));
            Assert.Equal(["Fråga 2: Skriv frågan.", "Fråga 2, alternativ 2: Skriv svarsalternativet.",
                "Fråga 3: Ge minst två svarsalternativ."], Errors(c));
        }

        [Fact]
        public void Choices_are_distinct_and_at_most_one_asks_for_text()
        {
            var c = Valid();
            c.Questions[0].Options = [new() { Text = "Annat", AsksForText = true }, new() { Text = "annat ", AsksForText = true }];
            Assert.Equal(["Fråga 1: Bara ett svarsalternativ kan be om egen text.", "Fråga 1: Två svarsalternativ har samma text."],
                Errors(c));
        }

        [Fact]
        public void A_scale_needs_a_low_below_its_high_within_zero_to_ten()
        {
            var c = Valid();
            c.Questions.Add(new() { Kind = SurveyQuestionKind.Scale, Text = "Nöjd?", ScaleMin = 5, ScaleMax = 5 });
            c.Questions.Add(new() { Kind = SurveyQuestionKind.Scale, Text = "Nöjd?", ScaleMin = 1, ScaleMax = 11 });
            Assert.Equal(["Fråga 2: Högsta värdet ska vara större än det lägsta.", "Fråga 3: Högsta värdet ska vara 1–10."], Errors(c));
        }

        [Fact]
        public void Only_a_single_choice_question_splits_results_and_hidden_direction_marks_are_refused()
        {
            var c = Valid();
            c.Questions.Add(new() { Kind = SurveyQuestionKind.FreeText, Text = "Övrigt", IsBreakdown = true });
            c.Questions.Add(Choice("Namn\u202Eevil", "Ja", "Nej"));
            Assert.Equal(["Fråga 2: Bara en fråga med ett svar kan dela upp resultaten.", $"Fråga 3: {SafeText.Message}"], Errors(c));
        }
    }
}
