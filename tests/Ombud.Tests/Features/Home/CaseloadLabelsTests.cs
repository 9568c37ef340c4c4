using Bunit;
using Microsoft.AspNetCore.Identity;

namespace Ombud.Tests.Features.Home;

/// <summary>
/// Enhetens ärenden counts open mandates two ways: the ombud table's Öppna includes the ombud's waiting mandates, the
/// monthly table counts active and paused ones with the waiting beside them. Each says which it is, and the figures add up.
/// </summary>
public sealed class CaseloadLabelsTests : ComponentTestBase
{
    private static readonly FakeTimeProvider Clock = TestClock.At(2026, 11, 23);

    public override async Task InitializeAsync()
    {
        Db = await TestDb.CreateAsync(clock: Clock);
        var unit = await Db.AddUnitAsync();
        var ombud = await Db.AddUserAsync(unit.Id, Roles.Ombud);
        await Db.AddMandateAsync(ombud, new DateOnly(2026, 3, 1));
        await Db.AddMandateAsync(ombud, new DateOnly(2026, 4, 1));
        var waiting = await Db.AddMandateAsync(ombud, new DateOnly(2026, 5, 1));
        await using (var db = Db.CreateContext())
        {
            var role = await db.Roles.FirstOrDefaultAsync(r => r.Name == Roles.Ombud);
            if (role is null)
            {
                role = new IdentityRole(Roles.Ombud) { NormalizedName = Roles.Ombud.ToUpperInvariant() };
                db.Roles.Add(role);
            }
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = ombud.Id, RoleId = role.Id });
            var m = await db.Mandates.SingleAsync(x => x.Id == waiting.Id);
            m.Status = MandateStatus.Waiting; // on the ombud's list, not started
            m.StartDate = null;
            await db.SaveChangesAsync();
        }
        Db.User = await Db.AddUserAsync(unit.Id, Roles.UnitLead);
        Context.AddAuthorization().SetAuthorized("chef").SetRoles(Roles.UnitLead);
        AddAppServices(Clock);
    }

    [Fact]
    public void The_two_open_figures_say_what_they_count_and_differ_by_the_waiting()
    {
        RenderPopoverProvider();
        var cut = Context.Render<Ombud.Web.Features.Home.Home>();
        cut.WaitForState(() => cut.FindAll("[data-testid=overview-trend]").Count == 1, TimeSpan.FromSeconds(10));

        var headers = cut.FindAll("[data-testid=overview-table] th").Select(h => h.TextContent.Trim()).ToList();
        Assert.Contains("Öppna (inkl. väntande)", headers);
        Assert.DoesNotContain("Öppna", headers);
        Assert.Equal("3", cut.Find("[data-testid=overview-open-total]").TextContent.Trim());

        var trend = cut.Find("[data-testid=overview-trend]");
        var trendHeaders = trend.QuerySelectorAll("thead th").Select(h => h.TextContent.Trim()).ToList();
        Assert.Equal(
            ["Månad", "Startade", "Avslutade", "Aktiva och vilande vid månadens slut", "Väntande vid månadens slut (även utan ombud)"],
            trendHeaders);
        var thisMonth = trend.QuerySelectorAll("tbody tr").Last().QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal("2", thisMonth[2]); // active and paused
        Assert.Equal("1", thisMonth[3]); // waiting: 2 + 1 = the 3 above
        Assert.Contains(
            "Kolumnen Öppna (inkl. väntande) ovan räknar också ombudens väntande",
            cut.Find("[data-testid=overview-trend-note]").TextContent);
    }
}
