using Ombud.Web.Data.Seed;
using Ombud.Web.Features.Surveys;

namespace Ombud.Tests.Features.Surveys;

/// <summary>
/// A unit with a lead and an ombud, the seeded default questionnaire, and an open round "Brukarundersökning 2026"
/// (today 2026-11-23, open in November, 40 forms handed out, 24 possible respondents, 5 not asked).
/// </summary>
public abstract class SurveyTestData : IAsyncLifetime
{
    protected static readonly FakeTimeProvider Clock = TestClock.At(2026, 11, 23);
    protected TestDb _t = default!;
    protected Unit _unit = default!;
    protected UserInfo _lead = default!, _ombud = default!;
    protected SurveyTemplate _template = default!;
    protected int _roundId;

    public async Task InitializeAsync()
    {
        _t = await TestDb.CreateAsync(clock: Clock);
        _unit = await _t.AddUnitAsync();
        _lead = await _t.AddUserAsync(_unit.Id, Roles.UnitLead);
        _ombud = await _t.AddUserAsync(_unit.Id, Roles.Ombud);
        await using (var db = _t.CreateContext())
        {
            _template = await db.SurveyTemplates
                .Include(t => t.Questions)
                .ThenInclude(q => q.Options)
                .FirstOrDefaultAsync(t => t.UnitId == null)
                ?? db.SurveyTemplates.Add(DefaultSurvey.Create()).Entity;
            await db.SaveChangesAsync();
        }
        _t.User = _lead;
        _roundId = await _t.Get<SaveSurveyRound.Handler>().HandleAsync(Round());
    }

    public async Task DisposeAsync() => await _t.DisposeAsync();

    protected SaveSurveyRound.Command Round() => new()
    {
        Name = "Brukarundersökning 2026",
        TemplateId = _template.Id,
        OpensOn = new DateTime(2026, 11, 1),
        ClosesOn = new DateTime(2026, 11, 30),
        FormsHandedOut = 40,
        PossibleRespondents = 24,
        NotAsked = 5,
        NotAskedReason = "Det psykiska måendet",
    };

    /// <summary>The round as its page loads it, for editing.</summary>
    protected async Task<SaveSurveyRound.Command> LoadRoundAsync()
    {
        var was = _t.User;
        _t.User = _lead;
        var results = await _t.Get<GetSurveyResults.Handler>().HandleAsync(_roundId);
        _t.User = was;
        return SaveSurveyRound.Command.From(results);
    }

    protected SurveyQuestion Question(int number) => _template.Questions.Single(q => q.Number == number);

    protected int OptionId(int question, string text) => Question(question).Options.Single(o => o.Text == text).Id;

    /// <summary>An answer choosing <paramref name="options"/> (by text) of question <paramref name="number"/>.</summary>
    protected AnswerInput Pick(int number, params string[] options) =>
        new() { QuestionId = Question(number).Id, OptionIds = options.Select(o => OptionId(number, o)).ToList() };

    protected AnswerInput Comment(string text) => new() { QuestionId = Question(10).Id, Text = text };

    protected async Task<string> OneCodeAsync()
    {
        var was = _t.User;
        _t.User = _lead;
        var code = (await _t.Get<CreateSurveyCodes.Handler>().HandleAsync(new CreateSurveyCodes.Command(_roundId, 1))).Single();
        _t.User = was;
        return code;
    }
}
