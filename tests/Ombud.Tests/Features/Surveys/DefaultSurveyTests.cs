using Ombud.Web.Data.Seed;

namespace Ombud.Tests.Features.Surveys;

/// <summary>The seeded questionnaire is the 2019 form as written.</summary>
public class DefaultSurveyTests
{
    [Fact]
    public void The_default_template_has_the_forms_questions_in_order_with_their_kinds()
    {
        var t = DefaultSurvey.Create();
        Assert.Equal(10, t.Questions.Count);
        Assert.Equal(Enumerable.Range(1, 10), t.Questions.Select(q => q.Number));
        Assert.Equal(["Kvinna", "Man", "Annat"], t.Questions[0].Options.Select(o => o.Text));
        Assert.True(t.Questions[0].IsBreakdown);
        Assert.Equal(SurveyQuestionKind.MultipleChoice, t.Questions[3].Kind);
        Assert.StartsWith("Anledningen till att jag tog kontakt", t.Questions[3].Text);
        Assert.Equal(13, t.Questions[3].Options.Count);
        Assert.Equal(["Ja", "Nej", "Känner inte till vad SIP är"], t.Questions[5].Options.Select(o => o.Text));
        Assert.Equal(SurveyQuestionKind.FreeText, t.Questions[9].Kind);
        // every "Annat, vad?" asks for the respondent's own words, and only those
        Assert.All(t.Questions.SelectMany(q => q.Options), o => Assert.Equal(o.Text.StartsWith("Annat,"), o.AsksForText));
        Assert.Equal(6, t.Questions.SelectMany(q => q.Options).Count(o => o.AsksForText));
    }
}
