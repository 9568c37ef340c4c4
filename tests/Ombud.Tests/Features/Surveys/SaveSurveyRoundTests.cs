using Ombud.Web.Features.Surveys;

namespace Ombud.Tests.Features.Surveys;

/// <summary>Adding and editing a survey round.</summary>
public class SaveSurveyRoundTests : SurveyTestData
{
    [Fact]
    public void The_counts_and_dates_are_checked()
    {
        var v = new SaveSurveyRound.Validator();
        var cmd = Round();
        Assert.True(v.Validate(cmd).IsValid);
        cmd.ClosesOn = new DateTime(2026, 10, 1);
        Assert.Contains("Slutdatumet kan inte vara före startdatumet.", v.ErrorsFor(cmd, nameof(cmd.ClosesOn)));
        cmd = Round();
        cmd.NotAsked = 30;
        Assert.Contains("Fler inte tillfrågade än möjliga svarande.", v.ErrorsFor(cmd, nameof(cmd.NotAsked)));
        cmd = Round();
        cmd.FormsHandedOut = -1;
        Assert.Contains("Ange ett antal från 0 till 10000.", v.ErrorsFor(cmd, nameof(cmd.FormsHandedOut)));
        cmd = Round();
        cmd.Name = " ";
        Assert.NotEmpty(v.ErrorsFor(cmd, nameof(cmd.Name)));
    }

    [Fact]
    public async Task The_round_is_saved_for_the_unit_and_edited_with_a_concurrency_check()
    {
        var first = await LoadRoundAsync();
        var second = await LoadRoundAsync();
        first.FormsHandedOut = 45;
        await _t.Get<SaveSurveyRound.Handler>().HandleAsync(first);
        second.PossibleRespondents = 30;
        var ex = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => _t.Get<SaveSurveyRound.Handler>().HandleAsync(second));
        Assert.Equal(["Utdelade enkäter"], ex.ChangedFields);
        await using var db = _t.CreateContext();
        var round = await db.SurveyRounds.SingleAsync();
        Assert.Equal((_unit.Id, 45, 24), (round.UnitId, round.FormsHandedOut, round.PossibleRespondents));
    }

    [Fact]
    public async Task An_ombud_cannot_add_a_round_and_another_units_template_cannot_be_used()
    {
        _t.User = _ombud;
        await Assert.ThrowsAsync<DomainException>(() => _t.Get<SaveSurveyRound.Handler>().HandleAsync(Round()));
        var other = await _t.AddUnitAsync("PO Syd");
        _t.User = await _t.AddUserAsync(other.Id, Roles.UnitLead);
        var theirs = await _t.Get<CopySurveyTemplate.Handler>().HandleAsync(new(_template.Id, "Syds enkät"));
        _t.User = _lead;
        var cmd = Round();
        cmd.TemplateId = theirs;
        await Assert.ThrowsAsync<NotFoundOrForbiddenException>(() => _t.Get<SaveSurveyRound.Handler>().HandleAsync(cmd));
    }
}
