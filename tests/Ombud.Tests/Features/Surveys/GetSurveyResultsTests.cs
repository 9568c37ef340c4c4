using Ombud.Web.Features.Surveys;

namespace Ombud.Tests.Features.Surveys;

/// <summary>Counts, percentages, response rate and the breakdown that is not shown when a group is too small.</summary>
public class GetSurveyResultsTests : SurveyTestData
{
    private async Task PaperAsync(int number, params AnswerInput[] answers)
    {
        _t.User = _ombud;
        await _t.Get<EnterPaperForm.Handler>().HandleAsync(new(_roundId, number, answers));
    }

    private async Task<GetSurveyResults.Results> ResultsAsync()
    {
        _t.User = _ombud;
        return await _t.Get<GetSurveyResults.Handler>().HandleAsync(_roundId);
    }

    [Fact]
    public async Task Counts_percentages_and_the_response_rate_of_paper_and_web_answers()
    {
        await PaperAsync(1, Pick(1, "Kvinna"), Pick(6, "Ja"));
        await PaperAsync(2, Pick(1, "Kvinna"), Pick(6, "Nej"));
        await PaperAsync(3, Pick(1, "Man"), Pick(6, "Ja"), Pick(4, "Ekonomi"));
        var code = await OneCodeAsync();
        _t.User = null;
        await _t.Get<SubmitSurveyAnswers.Handler>().HandleAsync(new(code, [Pick(6, "Ja")]));

        var r = await ResultsAsync();
        Assert.Equal((4, 1, 3), (r.Answers, r.WebAnswers, r.PaperAnswers));
        Assert.Equal(16.7m, r.RateOfPossible); // 4 of 24
        Assert.Equal(10.0m, r.RateOfHandedOut); // 4 of 40
        Assert.Equal((1, 1), (r.CodesMade, r.CodesUsed));
        var sip = r.Questions.Single(q => q.Number == 6);
        Assert.Equal(4, sip.Answered);
        Assert.Equal([(3, 75.0m), (1, 25.0m), (0, 0m)], sip.Options.Select(o => (o.Count, o.Percent!.Value)));
        var reasons = r.Questions.Single(q => q.Number == 4);
        Assert.Equal(1, reasons.Answered);
        Assert.Equal(100.0m, reasons.Options.Single(o => o.Text == "Ekonomi").Percent);
    }

    [Fact]
    public async Task The_gender_breakdown_is_not_shown_with_too_few_answers_from_men_as_in_the_2019_survey()
    {
        for (var i = 1; i <= 12; i++) await PaperAsync(i, Pick(1, "Kvinna"), Pick(6, i % 2 == 0 ? "Ja" : "Nej"));
        for (var i = 13; i <= 15; i++) await PaperAsync(i, Pick(1, "Man"), Pick(6, "Ja"));
        var gender = (await ResultsAsync()).Breakdowns.Single(b => b.By == "Jag definierar mig som:");
        Assert.False(gender.Shown);
        Assert.Empty(gender.Rows);
        Assert.Equal("Ingen uppdelning på \"Jag definierar mig som\": för få svar (3 eller färre) från Man.", gender.Note);
    }

    [Fact]
    public async Task A_shown_breakdown_hides_small_cells_and_one_more_in_their_row()
    {
        for (var i = 1; i <= 8; i++) await PaperAsync(i, Pick(1, "Kvinna"), Pick(6, i <= 6 ? "Ja" : "Nej"));
        for (var i = 9; i <= 13; i++) await PaperAsync(i, Pick(1, "Man"), Pick(6, i <= 10 ? "Ja" : "Nej"));
        var gender = (await ResultsAsync()).Breakdowns.Single(b => b.By == "Jag definierar mig som:");
        Assert.True(gender.Shown);
        Assert.Equal(["Kvinna", "Man"], gender.Groups);
        Assert.Equal([8, 5], gender.GroupSizes);
        // Ja: women 6, men 2 → 2 is hidden, and so is 6 (else 8 − 6 gives it away)
        Assert.Equal([null, null], gender.Rows.Single(x => x.QuestionNumber == 6 && x.Option == "Ja").Cells);
        // Nej: women 2, men 3 → both small, both hidden
        Assert.Equal([null, null], gender.Rows.Single(x => x.QuestionNumber == 6 && x.Option == "Nej").Cells);
        Assert.Equal([0, 0], gender.Rows.Single(x => x.QuestionNumber == 6 && x.Option == "Känner inte till vad SIP är").Cells);
    }

    [Fact]
    public async Task A_hidden_cell_cannot_be_worked_out_from_its_group_either()
    {
        // women: Ja 2, Nej 7 (9); men: Ja 5, Nej 4 (9). Hiding the Ja row alone would leave women's 2 as 9 − 7.
        for (var i = 1; i <= 9; i++) await PaperAsync(i, Pick(1, "Kvinna"), Pick(6, i <= 2 ? "Ja" : "Nej"));
        for (var i = 10; i <= 18; i++) await PaperAsync(i, Pick(1, "Man"), Pick(6, i <= 14 ? "Ja" : "Nej"));
        var gender = (await ResultsAsync()).Breakdowns.Single(b => b.By == "Jag definierar mig som:");
        Assert.True(gender.Shown);
        Assert.Equal([null, null], gender.Rows.Single(x => x.QuestionNumber == 6 && x.Option == "Ja").Cells);
        Assert.Equal([null, null], gender.Rows.Single(x => x.QuestionNumber == 6 && x.Option == "Nej").Cells);
    }

    [Fact]
    public async Task Flagged_free_texts_are_not_shown_until_the_lead_keeps_them()
    {
        await PaperAsync(1, Comment("Bra stöd hela vägen"));
        await PaperAsync(2, Comment("Mitt ombud Robin var fantastisk"));
        var texts = (await ResultsAsync()).Questions.Single(q => q.Number == 10).Texts;
        Assert.Equal(["Bra stöd hela vägen"], texts);
        Assert.Equal(1, (await ResultsAsync()).PendingTexts);

        _t.User = _lead;
        var review = _t.Get<ReviewSurveyText.Handler>();
        var pending = Assert.Single(await review.ListAsync(_roundId));
        await review.HandleAsync(new(pending.AnswerId, ReviewSurveyText.Decision.Keep, "Mitt ombud var fantastisk"));
        Assert.Equal(["Bra stöd hela vägen", "Mitt ombud var fantastisk"],
            (await ResultsAsync()).Questions.Single(q => q.Number == 10).Texts);
        _t.User = _lead;
        Assert.Empty(await review.ListAsync(_roundId));
        var again = await Assert.ThrowsAsync<DomainException>(
            () => review.HandleAsync(new(pending.AnswerId, ReviewSurveyText.Decision.Drop)));
        Assert.Equal("Svaret är redan granskat.", again.Message);
    }

    [Fact]
    public async Task Only_the_lead_reviews_and_a_dropped_text_is_gone_from_the_database()
    {
        await PaperAsync(1, Comment("Ring mig på 070-123 45 67"));
        _t.User = _ombud;
        await Assert.ThrowsAsync<DomainException>(() => _t.Get<ReviewSurveyText.Handler>().ListAsync(_roundId));
        _t.User = _lead;
        var id = (await _t.Get<ReviewSurveyText.Handler>().ListAsync(_roundId)).Single().AnswerId;
        await _t.Get<ReviewSurveyText.Handler>().HandleAsync(new(id, ReviewSurveyText.Decision.Drop));
        await using var db = _t.CreateContext();
        var answer = await db.SurveyAnswers.SingleAsync(a => a.Id == id);
        Assert.Equal((SurveyTextReview.Dropped, (string?)null), (answer.TextReview, answer.Text));
    }

    [Fact]
    public async Task Another_units_staff_cannot_read_the_results()
    {
        var other = await _t.AddUnitAsync("PO Syd");
        _t.User = await _t.AddUserAsync(other.Id, Roles.UnitLead);
        await Assert.ThrowsAsync<NotFoundOrForbiddenException>(() => _t.Get<GetSurveyResults.Handler>().HandleAsync(_roundId));
    }
}
