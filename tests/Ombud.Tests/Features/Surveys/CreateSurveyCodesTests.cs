using Ombud.Web.Features.Surveys;

namespace Ombud.Tests.Features.Surveys;

/// <summary>One-time codes for the answer cards.</summary>
public class CreateSurveyCodesTests : SurveyTestData
{
    [Fact]
    public async Task The_lead_makes_distinct_well_formed_codes_and_an_ombud_may_not()
    {
        var codes = await _t.Get<CreateSurveyCodes.Handler>().HandleAsync(new(_roundId, 25));
        Assert.Equal(25, codes.Distinct().Count());
        Assert.All(codes, c => Assert.Equal(c, SurveyCodes.Normalise(SurveyCodes.Format(c))));
        await using (var db = _t.CreateContext())
            Assert.Equal(25, await db.SurveyCodes.CountAsync(c => c.RoundId == _roundId && !c.Used));
        _t.User = _ombud;
        await Assert.ThrowsAsync<DomainException>(() => _t.Get<CreateSurveyCodes.Handler>().HandleAsync(new(_roundId, 1)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(501)]
    public async Task A_count_outside_1_to_500_is_refused(int count)
    {
        var ex = await Assert.ThrowsAsync<DomainException>(() => _t.Get<CreateSurveyCodes.Handler>().HandleAsync(new(_roundId, count)));
        Assert.Equal("Ange ett antal koder från 1 till 500.", ex.Message);
    }

    [Theory]
    [InlineData("abcde-fghjk", "ABCDEFGHJK")]
    [InlineData(" ABCDE FGHJK ", "ABCDEFGHJK")]
    [InlineData("ABCDEFGHJ", null)] // too short
    [InlineData("ABCDEFGHJI", null)] // I is not in the alphabet (looks like 1)
    public void Typed_codes_are_normalised_or_refused(string typed, string? expected) =>
        Assert.Equal(expected, SurveyCodes.Normalise(typed));
}
