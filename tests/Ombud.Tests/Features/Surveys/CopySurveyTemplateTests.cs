using Ombud.Web.Features.Surveys;

namespace Ombud.Tests.Features.Surveys;

/// <summary>A unit copies a template to adapt it; the shared one stays as it is.</summary>
public class CopySurveyTemplateTests : SurveyTestData
{
    [Fact]
    public async Task The_copy_belongs_to_the_unit_with_every_question_and_option()
    {
        var id = await _t.Get<CopySurveyTemplate.Handler>().HandleAsync(new(_template.Id, "Brukarundersökning 2027"));
        await using var db = _t.CreateContext();
        var copy = await db.SurveyTemplates.Include(t => t.Questions).ThenInclude(q => q.Options).SingleAsync(t => t.Id == id);
        Assert.Equal((_unit.Id, _template.Id), (copy.UnitId!.Value, copy.CopiedFromId!.Value));
        Assert.Equal(_template.Questions.OrderBy(q => q.Number).Select(q => (q.Text, q.Options.Count)),
            copy.Questions.OrderBy(q => q.Number).Select(q => (q.Text, q.Options.Count)));
        var list = await _t.Get<ListSurveys.Handler>().HandleAsync();
        Assert.Contains(list.Templates, t => t.Id == id && !t.Shared && !t.Used);
        Assert.Contains(list.Templates, t => t.Id == _template.Id && t.Shared && t.Used); // the round uses the default
    }

    [Fact]
    public async Task A_name_is_required_and_an_ombud_may_not_copy()
    {
        Assert.Equal("Ge kopian ett namn.", (await Assert.ThrowsAsync<DomainException>(() =>
            _t.Get<CopySurveyTemplate.Handler>().HandleAsync(new(_template.Id, " ")))).Message);
        _t.User = _ombud;
        await Assert.ThrowsAsync<DomainException>(() => _t.Get<CopySurveyTemplate.Handler>().HandleAsync(new(_template.Id, "Min")));
    }
}
