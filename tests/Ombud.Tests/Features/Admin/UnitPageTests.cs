using Bunit;
using Ombud.Web.Features.Admin;

namespace Ombud.Tests.Features.Admin;

/// <summary>Administration → Enheten with the real validator and handler on an in-memory database.</summary>
public sealed class UnitPageTests : ComponentTestBase
{
    private Unit _unit = null!;

    public override async Task InitializeAsync()
    {
        Db = await TestDb.CreateAsync();
        _unit = await Db.AddUnitAsync("Testenheten", "Testkommun");
        Db.User = TestDb.Admin(_unit.Id);
        AddAppServices(TestClock.At(2026, 11, 23));
    }

    [Theory]
    [InlineData("-5")]
    [InlineData("99")]
    public async Task A_retention_time_outside_the_range_is_refused_with_the_range_not_changed(string typed)
    {
        RenderPopoverProvider();
        var cut = Context.Render<UnitPage>();
        cut.WaitForState(() => cut.FindAll("input[data-testid=unit-retention]").Count == 1);
        cut.Find("input[data-testid=unit-retention]").Change(typed);
        cut.Find("[data-testid=unit-save]").Click();

        cut.WaitForAssertion(
            () => Assert.Contains($"Gallringstiden ska vara mellan 0 och {SaveUnit.MaxRetentionMonths} månader.", cut.Markup));
        Assert.Equal(typed, cut.Find("input[data-testid=unit-retention]").GetAttribute("value")); // not silently changed
        await using var db = Db.CreateContext();
        Assert.Equal(3, (await db.Units.SingleAsync(u => u.Id == _unit.Id)).RetentionMonths);
    }
}
