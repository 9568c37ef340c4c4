using Ombud.Web.Features.Surveys;

namespace Ombud.Tests.Features.Surveys;

/// <summary>Typing in returned paper forms: each printed form number once.</summary>
public class EnterPaperFormTests : SurveyTestData
{
    private EnterPaperForm.Handler Enter() => _t.Get<EnterPaperForm.Handler>();

    [Fact]
    public async Task An_ombud_enters_a_form_and_the_same_form_number_is_refused_the_second_time()
    {
        _t.User = _ombud;
        await Enter().HandleAsync(new(_roundId, 7, [Pick(1, "Man"), Pick(4, "Ekonomi", "Bryta isolering")]));
        var ex = await Assert.ThrowsAsync<DomainException>(() => Enter().HandleAsync(new(_roundId, 7, [Pick(1, "Kvinna")])));
        Assert.Equal("Blankett nr 7 är redan inlagd.", ex.Message);
        await using var db = _t.CreateContext();
        var response = await db.SurveyResponses.Include(r => r.Answers).SingleAsync();
        Assert.Equal((SurveyChannel.Paper, 7), (response.Channel, response.FormNumber!.Value));
        Assert.Equal(3, response.Answers.Count);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(41)] // 40 forms were handed out
    [InlineData(-3)]
    public async Task A_form_number_outside_the_printed_ones_is_refused(int number)
    {
        _t.User = _ombud;
        var ex = await Assert.ThrowsAsync<DomainException>(() => Enter().HandleAsync(new(_roundId, number, [Pick(1, "Man")])));
        Assert.Equal("Ange blankettens nummer, från 1 till 40.", ex.Message);
    }

    [Fact]
    public async Task Another_units_round_is_not_found_and_an_admin_without_a_unit_role_may_enter_too()
    {
        var other = await _t.AddUnitAsync("PO Syd");
        _t.User = await _t.AddUserAsync(other.Id, Roles.Ombud);
        await Assert.ThrowsAsync<NotFoundOrForbiddenException>(() => Enter().HandleAsync(new(_roundId, 1, [Pick(1, "Man")])));
        _t.User = TestDb.Admin(_unit.Id);
        await Enter().HandleAsync(new(_roundId, 1, [Pick(1, "Man")]));
        _t.User = TestDb.SystemAdmin(_unit.Id) with { Roles = new HashSet<string> { Roles.SystemAdmin } };
        await Assert.ThrowsAsync<DomainException>(() => Enter().HandleAsync(new(_roundId, 2, [Pick(1, "Man")])));
    }
}
