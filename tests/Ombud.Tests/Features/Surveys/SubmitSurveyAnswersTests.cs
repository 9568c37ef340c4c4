using Ombud.Web.Features.Surveys;

namespace Ombud.Tests.Features.Surveys;

/// <summary>Answering on the web with a one-time code: once, anonymously, only while the round is open.</summary>
public class SubmitSurveyAnswersTests : SurveyTestData
{
    private SubmitSurveyAnswers.Handler Submit() => _t.Get<SubmitSurveyAnswers.Handler>();

    [Fact]
    public async Task A_code_opens_the_form_once_and_a_second_use_is_refused()
    {
        var code = await OneCodeAsync();
        _t.User = null; // the public page: nobody signed in
        // typed as printed, any case
        var form = await _t.Get<GetSurveyForm.Handler>().ForCodeAsync(SurveyCodes.Format(code).ToLowerInvariant());
        Assert.Equal(GetSurveyForm.CodeState.Open, form.State);
        Assert.Equal(10, form.Form!.Questions.Count);

        await Submit().HandleAsync(new(code, [Pick(1, "Kvinna"), Pick(6, "Ja")]));
        Assert.Equal(GetSurveyForm.CodeState.Used, (await _t.Get<GetSurveyForm.Handler>().ForCodeAsync(code)).State);
        var again = await Assert.ThrowsAsync<DomainException>(() => Submit().HandleAsync(new(code, [Pick(1, "Man")])));
        Assert.Equal(SubmitSurveyAnswers.Used, again.Message);

        await using var db = _t.CreateContext();
        var response = await db.SurveyResponses.Include(r => r.Answers).SingleAsync();
        Assert.Equal(SurveyChannel.Web, response.Channel);
        Assert.Null(response.FormNumber);
        Assert.Equal([OptionId(1, "Kvinna"), OptionId(6, "Ja")], response.Answers.Select(a => a.OptionId!.Value).Order());
    }

    [Theory]
    [InlineData("")]
    [InlineData("ABCDE-FGHJK")] // well-formed, never made
    [InlineData("0000000000")] // not from the alphabet
    [InlineData("'; DROP TABLE SurveyCodes; --")]
    public async Task An_unknown_code_is_refused_and_nothing_is_stored(string code)
    {
        await OneCodeAsync();
        _t.User = null;
        Assert.Equal(GetSurveyForm.CodeState.Unknown, (await _t.Get<GetSurveyForm.Handler>().ForCodeAsync(code)).State);
        var ex = await Assert.ThrowsAsync<DomainException>(() => Submit().HandleAsync(new(code, [Pick(1, "Kvinna")])));
        Assert.Equal(SubmitSurveyAnswers.Unknown, ex.Message);
        await using var db = _t.CreateContext();
        Assert.Equal(0, await db.SurveyResponses.CountAsync());
        Assert.False(await db.SurveyCodes.AnyAsync(c => c.Used));
    }

    [Fact]
    public async Task A_closed_round_takes_no_answers_and_the_code_stays_unused()
    {
        var code = await OneCodeAsync();
        var load = await LoadRoundAsync();
        load.ClosesOn = new DateTime(2026, 11, 20);
        await _t.Get<SaveSurveyRound.Handler>().HandleAsync(load);
        _t.User = null;
        Assert.Equal(GetSurveyForm.CodeState.NotOpen, (await _t.Get<GetSurveyForm.Handler>().ForCodeAsync(code)).State);
        var ex = await Assert.ThrowsAsync<DomainException>(() => Submit().HandleAsync(new(code, [Pick(1, "Kvinna")])));
        Assert.Equal(SubmitSurveyAnswers.NotOpen, ex.Message);
        await using var check = _t.CreateContext();
        Assert.False(await check.SurveyCodes.AnyAsync(c => c.Used));
    }

    [Fact]
    public async Task Invalid_answers_leave_the_code_unused_so_the_respondent_can_try_again()
    {
        var code = await OneCodeAsync();
        _t.User = null;
        // two in a single choice
        await Assert.ThrowsAsync<DomainException>(() => Submit().HandleAsync(new(code, [Pick(1, "Kvinna", "Man")])));
        await Assert.ThrowsAsync<DomainException>(() => Submit().HandleAsync(new(code, []))); // nothing answered
        await using (var db = _t.CreateContext())
            Assert.False(await db.SurveyCodes.AnyAsync(c => c.Used));
        await Submit().HandleAsync(new(code, [Pick(1, "Kvinna")]));
    }

    [Fact]
    public async Task The_database_holds_no_link_from_an_answer_to_a_code_a_client_an_ombud_or_a_time()
    {
        await using var db = _t.CreateContext();
        foreach (var type in new[] { typeof(SurveyResponse), typeof(SurveyAnswer), typeof(SurveyCode) })
        {
            var columns = db.Model.FindEntityType(type)!.GetProperties().Select(p => p.Name).ToList();
            Assert.DoesNotContain(columns, c => c.Contains("Client") || c.Contains("Mandate") || c.Contains("Ombud") || c.Contains("User")
                || c.Contains("At") && c != "AsksForText" || c.Contains("Date") || c.Contains("Ip"));
        }
        Assert.DoesNotContain(db.Model.FindEntityType(typeof(SurveyResponse))!.GetProperties(), p => p.Name.Contains("Code"));
        Assert.DoesNotContain(db.Model.FindEntityType(typeof(SurveyCode))!.GetProperties(), p => p.Name.Contains("Response"));
    }

    [Fact]
    public async Task Only_the_hash_of_a_code_is_stored()
    {
        var code = await OneCodeAsync();
        await using var db = _t.CreateContext();
        var stored = await db.SurveyCodes.SingleAsync();
        Assert.NotEqual(code, stored.CodeHash);
        Assert.DoesNotContain(code, stored.CodeHash, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(SurveyCodes.Hash(code), stored.CodeHash);
    }
}
