using Ombud.Web.Features.Surveys;

namespace Ombud.Tests.Features.Surveys;

/// <summary>A form's answers checked against its questions (the rule both the web page and paper entry use).</summary>
public class SurveyAnswersTests : SurveyTestData
{
    private List<SurveyAnswer> Build(params AnswerInput[] answers) => SurveyAnswers.Build(_template.Questions, answers);

    [Fact]
    public void Multiple_choices_give_one_row_each_and_Annat_carries_its_text()
    {
        var reasons = Pick(4, "Ekonomi", "Annat, vad?");
        reasons.Text = "  Hjälp med att flytta  ";
        var rows = Build(reasons);
        Assert.Equal(2, rows.Count);
        var other = rows.Single(r => r.OptionId == OptionId(4, "Annat, vad?"));
        Assert.Equal("Hjälp med att flytta", other.Text);
        Assert.Null(rows.Single(r => r.OptionId == OptionId(4, "Ekonomi")).Text);
    }

    [Fact]
    public void Bad_answers_are_refused_in_Swedish()
    {
        Assert.Equal("Fråga 1: välj ett svar.", Assert.Throws<DomainException>(() => Build(Pick(1, "Kvinna", "Man"))).Message);
        var textWithoutAnnat = Pick(4, "Ekonomi");
        textWithoutAnnat.Text = "mer";
        Assert.Equal("Fråga 4: skriv bara text när du har valt \"Annat\".",
            Assert.Throws<DomainException>(() => Build(textWithoutAnnat)).Message);
        Assert.Equal("Svaret hör inte till enkäten.", Assert.Throws<DomainException>(() =>
            Build(new AnswerInput { QuestionId = Question(1).Id, OptionIds = [OptionId(2, "18-29 år")] })).Message);
        Assert.Equal("Svaret hör inte till enkäten.",
            Assert.Throws<DomainException>(() => Build(new AnswerInput { QuestionId = -1 })).Message);
        Assert.Equal("Svara på minst en fråga.", Assert.Throws<DomainException>(() => Build(Comment("   "))).Message);
        Assert.Equal($"Fråga 10: högst {Limits.ShortText} tecken.",
            Assert.Throws<DomainException>(() => Build(Comment(new string('x', 501)))).Message);
        Assert.Equal(SafeText.Message, Assert.Throws<DomainException>(() => Build(Comment("bra\u202Eomdöme"))).Message);
    }

    [Fact]
    public void A_scale_value_must_be_on_the_scale()
    {
        var scale = new SurveyQuestion
        {
            Id = 99,
            Number = 11,
            Kind = SurveyQuestionKind.Scale,
            ScaleMin = 1,
            ScaleMax = 5,
            Text = "Hur nöjd?",
        };
        var rows = SurveyAnswers.Build([scale], [new AnswerInput { QuestionId = 99, Value = 4 }]);
        Assert.Equal(4, rows.Single().Value);
        Assert.Equal("Fråga 11: välj ett värde från 1 till 5.", Assert.Throws<DomainException>(() =>
            SurveyAnswers.Build([scale], [new AnswerInput { QuestionId = 99, Value = 6 }])).Message);
    }

    [Theory]
    [InlineData("Robin har hjälpt mig mycket", false)] // a capital that opens the sentence: not flagged
    [InlineData("Mitt ombud Robin har hjälpt mig", true)]
    [InlineData("Tack Robin!", true)]
    [InlineData("Ring mig på 070-123 45 67", true)]
    [InlineData("Min mejl är a.b@example.se", true)]
    [InlineData("Stödet har betytt mycket. Försäkringskassan lyssnar nu.", false)]
    [InlineData("bättre kontakt med Försäkringskassan och psykiatrin", false)]
    public void A_text_that_may_name_someone_is_held_for_review(string text, bool flagged)
    {
        Assert.Equal(flagged, SurveyAnswers.MayNameSomeone(text));
        Assert.Equal(flagged ? SurveyTextReview.Pending : SurveyTextReview.Clear, Build(Comment(text)).Single().TextReview);
    }
}
