using System.Text;
using System.Text.Json;
using ClosedXML.Excel;
using Ombud.Tests.Features.Surveys;
using Ombud.Web.Features.AnnualReport;
using Ombud.Web.Features.Surveys;

namespace Ombud.Tests.Features.AnnualReport;

/// <summary>
/// The brukarundersökning in the yearly report: the round of the year, entered through the survey use cases, in the
/// report's JSON (new top-level key "surveys"), files and publication mode.
/// </summary>
public class YearSurveysTests : SurveyTestData
{
    private async Task PaperAsync(int number, params AnswerInput[] answers)
    {
        _t.User = _ombud;
        await _t.Get<EnterPaperForm.Handler>().HandleAsync(new(_roundId, number, answers));
    }

    /// <summary>Four answers: three on paper (two women, one man), one on the web; SIP 3 × Ja, 1 × Nej; one held comment.</summary>
    private async Task FourAnswersAsync()
    {
        await PaperAsync(1, Pick(1, "Kvinna"), Pick(6, "Ja"), Comment("Bra stöd hela vägen"));
        await PaperAsync(2, Pick(1, "Kvinna"), Pick(6, "Nej"), Comment("Mitt ombud Robin var fantastisk"));
        await PaperAsync(3, Pick(1, "Man"), Pick(6, "Ja"));
        var code = await OneCodeAsync();
        _t.User = null;
        await _t.Get<SubmitSurveyAnswers.Handler>().HandleAsync(new(code, [Pick(6, "Ja")]));
    }

    private async Task<JsonElement> JsonAsync(bool publish = false)
    {
        _t.User = _lead;
        var report = await _t.Get<YearReport.Handler>().HandleAsync(2026, null, publish);
        return JsonDocument.Parse(ReportJson.Serialize(report)).RootElement.Clone();
    }

    private static JsonElement Question(JsonElement round, int number) =>
        round.GetProperty("questions").EnumerateArray().Single(q => q.GetProperty("number").GetInt32() == number);

    private static JsonElement Option(JsonElement question, string text) =>
        question.GetProperty("options").EnumerateArray().Single(o => o.GetProperty("text").GetString() == text);

    [Fact]
    public async Task The_round_of_the_year_is_in_the_report_json_with_counts_percentages_and_response_rate()
    {
        await FourAnswersAsync();

        var json = await JsonAsync();
        Assert.True(json.TryGetProperty("clients", out _)); // the existing keys stay
        Assert.False(json.TryGetProperty("publication", out _));
        var round = Assert.Single(json.GetProperty("surveys").EnumerateArray());
        Assert.Equal("Brukarundersökning 2026", round.GetProperty("name").GetString());
        Assert.Equal("2026-11-30", round.GetProperty("closesOn").GetString());
        Assert.Equal((4, 1, 3), (
            round.GetProperty("answers").GetInt32(),
            round.GetProperty("webAnswers").GetInt32(),
            round.GetProperty("paperAnswers").GetInt32()));
        Assert.Equal(16.7m, round.GetProperty("responseRate").GetProperty("ofPossibleRespondents").GetDecimal());
        Assert.Equal(10.0m, round.GetProperty("responseRate").GetProperty("ofFormsHandedOut").GetDecimal());
        var sip = Question(round, 6);
        Assert.Equal("singleChoice", sip.GetProperty("kind").GetString());
        Assert.Equal(4, sip.GetProperty("answered").GetInt32());
        Assert.Equal((3, 75.0m),
            (Option(sip, "Ja").GetProperty("count").GetInt32(), Option(sip, "Ja").GetProperty("percent").GetDecimal()));
        Assert.Equal(1, Option(sip, "Nej").GetProperty("count").GetInt32());
        // the comment held for review (it names someone) is never in the report; the clear one is
        var texts = Question(round, 10).GetProperty("texts").EnumerateArray().Select(t => t.GetString()).ToList();
        Assert.Equal(["Bra stöd hela vägen"], texts);
        // the gender breakdown is not shown: one man (as on the survey's own results page)
        var gender = round.GetProperty("breakdowns").EnumerateArray()
            .Single(b => b.GetProperty("by").GetString() == "Jag definierar mig som:");
        Assert.False(gender.GetProperty("shown").GetBoolean());
    }

    [Fact]
    public async Task A_round_that_closes_in_another_year_belongs_to_that_year_and_no_round_gives_an_empty_list()
    {
        await FourAnswersAsync();
        _t.User = _lead;
        var r2025 = await _t.Get<YearReport.Handler>().HandleAsync(2025, null);
        Assert.NotNull(r2025.Surveys);
        Assert.Empty(r2025.Surveys);
        Assert.Equal(0, JsonDocument.Parse(ReportJson.Serialize(r2025)).RootElement.GetProperty("surveys").GetArrayLength());

        var cmd = await LoadRoundAsync();
        cmd.ClosesOn = new DateTime(2027, 1, 15);
        _t.User = _lead;
        await _t.Get<SaveSurveyRound.Handler>().HandleAsync(cmd);
        Assert.Equal(0, (await JsonAsync()).GetProperty("surveys").GetArrayLength());
        Assert.Single((await _t.Get<YearReport.Handler>().HandleAsync(2027, null)).Surveys!);
    }

    [Fact]
    public async Task Publication_mode_suppresses_small_survey_counts_and_what_gives_them_away()
    {
        await FourAnswersAsync();

        var json = await JsonAsync(publish: true);
        Assert.Equal(3, json.GetProperty("publication").GetProperty("threshold").GetInt32());
        var round = Assert.Single(json.GetProperty("surveys").EnumerateArray());
        Assert.Equal(4, round.GetProperty("answers").GetInt32());
        // web 1 and paper 3 are both small
        Assert.Equal(JsonValueKind.Null, round.GetProperty("webAnswers").ValueKind);
        Assert.Equal(JsonValueKind.Null, round.GetProperty("paperAnswers").ValueKind);
        Assert.Equal(40, round.GetProperty("formsHandedOut").GetInt32());
        Assert.Equal(16.7m, round.GetProperty("responseRate").GetProperty("ofPossibleRespondents").GetDecimal());
        var sip = Question(round, 6);
        Assert.Equal(4, sip.GetProperty("answered").GetInt32());
        foreach (var option in new[] { "Ja", "Nej" })
        {
            Assert.Equal(JsonValueKind.Null, Option(sip, option).GetProperty("count").ValueKind);
            Assert.Equal(JsonValueKind.Null, Option(sip, option).GetProperty("percent").ValueKind);
        }
        Assert.Equal(0, Option(sip, "Känner inte till vad SIP är").GetProperty("count").GetInt32()); // 0 stays 0
        // a question one respondent answered: the count, its percentages and its mean are hidden
        var gender = Question(round, 1);
        Assert.Equal(JsonValueKind.Null, Option(gender, "Man").GetProperty("count").ValueKind);

        // the unit's own view stays exact
        var exact = Assert.Single((await JsonAsync()).GetProperty("surveys").EnumerateArray());
        Assert.Equal(1, exact.GetProperty("webAnswers").GetInt32());
    }

    [Fact]
    public void Publication_hides_a_single_small_option_together_with_one_more_so_the_answered_total_does_not_give_it_away()
    {
        var round = new YearSurveys.Round("R", new(2026, 1, 1), new(2026, 1, 31), 11, 11, 0, 20, 15, 0, null, 73.3m, 55m,
            [
                new YearSurveys.Question(1, "Kön", "singleChoice", 11,
                    [new("Kvinna", 10, 90.9m), new("Man", 1, 9.1m), new("Annat", 0, 0m)], null, []),
            ],
            []);

        var published = YearSurveys.Publish(round, 3);

        var q = Assert.Single(published.Questions);
        Assert.Equal(11, q.Answered);
        Assert.Equal([null, null, 0], q.Options.Select(o => o.Count));
        Assert.Equal([null, null, 0m], q.Options.Select(o => o.Percent));
        Assert.True(published.AnySuppressed);
        Assert.Equal((11, 11, 0), (published.Answers, published.WebAnswers, published.PaperAnswers));
    }

    [Fact]
    public void Publication_hides_the_mean_and_the_percentages_of_a_question_too_few_answered()
    {
        var round = new YearSurveys.Round("R", new(2026, 1, 1), new(2026, 1, 31), 9, 9, 0, 9, 9, 0, null, 100m, 100m,
            [new YearSurveys.Question(2, "Nöjd", "scale", 2, [new("1", 0, 0m), new("5", 2, 100m)], 5.0, [])], []);

        var q = Assert.Single(YearSurveys.Publish(round, 3).Questions);
        Assert.Null(q.Answered);
        Assert.Null(q.Mean);
        Assert.Equal([0, null], q.Options.Select(o => o.Count));
        Assert.All(q.Options, o => Assert.Null(o.Percent));
    }

    [Fact]
    public async Task The_xlsx_has_a_survey_sheet_and_the_csv_a_survey_section()
    {
        await FourAnswersAsync();
        _t.User = _lead;
        var xlsx = await _t.Get<ExportYearReport.Handler>().HandleAsync(2026, null, ExportYearReport.Format.Xlsx, publish: true);
        using var wb = new XLWorkbook(new MemoryStream(xlsx.Content));
        var sheet = wb.Worksheet(ReportFiles.SurveySheetName);
        var cells = sheet.CellsUsed().Select(c => c.GetString()).ToList();
        Assert.Contains("Brukarundersökning 2026", cells);
        Assert.Contains(YearSurveys.Footnote(3), cells);
        Assert.DoesNotContain(cells, c => c.Contains("Robin"));
        Assert.Contains(ReportFiles.SurveySheetName, wb.Worksheet(ReportFiles.CoverSheetName).CellsUsed().Select(c => c.GetString()));

        var export = await _t.Get<ExportYearReport.Handler>().HandleAsync(2026, null, ExportYearReport.Format.Csv);
        var csv = Encoding.UTF8.GetString(export.Content);
        Assert.Contains("\r\nBrukarundersökning\r\n", csv);
        Assert.Contains("Svarsfrekvens av möjliga svarande, %;16,7\r\n", csv);
        Assert.Contains("6. ", csv);
        Assert.Contains("\r\nJa;3;75\r\n", csv);
    }
}
