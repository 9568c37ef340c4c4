using Bunit;
using Ombud.Web.Features.Followups;

namespace Ombud.Tests.Features.Followups;

/// <summary>Mina uppgifter with the real handler on an in-memory database.</summary>
public sealed class MyDueItemsPageTests : ComponentTestBase
{
    private static readonly FakeTimeProvider Clock = TestClock.At(2026, 11, 23);
    private UserInfo _ombud = null!;
    private Actor _actor = null!;

    public override async Task InitializeAsync()
    {
        Db = await TestDb.CreateAsync(clock: Clock);
        var unit = await Db.AddUnitAsync();
        _ombud = Db.User = await Db.AddUserAsync(unit.Id, Roles.Ombud);
        _actor = await Db.AddActorAsync(unit.Id, "Försäkringskassan");
        AddAppServices(Clock);
    }

    private IRenderedComponent<MyDueItemsPage> Render(string waitFor)
    {
        RenderPopoverProvider();
        var cut = Context.Render<MyDueItemsPage>();
        cut.WaitForState(() => cut.FindAll($"[data-testid={waitFor}]").Count > 0);
        return cut;
    }

    private async Task<Mandate> ClientWithMeasureAsync(string what, DateOnly due)
    {
        var mandate = await Db.AddMandateAsync(_ombud, new DateOnly(2026, 3, 1));
        await using var db = Db.CreateContext();
        db.SipMeetings.Add(new SipMeeting
        {
            MandateId = mandate.Id,
            Date = new DateOnly(2026, 10, 1),
            Status = SipStatus.Held,
            Measures = [new SipMeasure { ActorId = _actor.Id, What = what, DueOn = due }],
        });
        await db.SaveChangesAsync();
        return mandate;
    }

    [Fact]
    public void Nothing_due_shows_the_empty_state()
    {
        var cut = Render("due-empty");
        Assert.Equal(
            "Inget är försenat och inget ska göras de närmaste 14 dagarna.",
            cut.Find("[data-testid=due-empty]").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid=due-table]"));
    }

    [Fact]
    public async Task Each_item_links_to_its_own_client()
    {
        var late = await ClientWithMeasureAsync("Begära ut utredningen", new DateOnly(2026, 11, 20));
        var coming = await ClientWithMeasureAsync("Boka samtal", new DateOnly(2026, 11, 30));

        var cut = Render("due-table");

        var rows = cut.FindAll("tbody tr");
        Assert.Equal(2, rows.Count);
        Assert.Contains("Begära ut utredningen", rows[0].TextContent);
        Assert.Equal($"/klienter/{late.ClientId}", rows[0].QuerySelector("[data-testid=due-client-link]")!.GetAttribute("href"));
        Assert.NotNull(rows[0].QuerySelector("[data-testid=due-overdue]"));
        Assert.Contains("Boka samtal", rows[1].TextContent);
        Assert.Equal($"/klienter/{coming.ClientId}", rows[1].QuerySelector("[data-testid=due-client-link]")!.GetAttribute("href"));
        Assert.Null(rows[1].QuerySelector("[data-testid=due-overdue]"));
        Assert.Empty(cut.FindAll("[data-testid=due-empty]"));
    }

    [Fact]
    public async Task A_failed_load_shows_a_Swedish_error_and_trying_again_loads_the_list()
    {
        await ClientWithMeasureAsync("Begära ut utredningen", new DateOnly(2026, 11, 20));
        Db.User = null; // the handler cannot tell who is asking: the load fails

        var cut = Render("due-load-error");
        Assert.Contains("Uppgifterna kunde inte hämtas.", cut.Find("[data-testid=due-load-error]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=due-empty]")); // not "nothing due"

        Db.User = _ombud;
        cut.Find("[data-testid=due-retry]").Click();
        cut.WaitForState(() => cut.FindAll("[data-testid=due-table]").Count == 1);
        Assert.Empty(cut.FindAll("[data-testid=due-load-error]"));
    }

    [Fact]
    public async Task A_consent_that_ends_soon_links_to_its_client_to_renew_it()
    {
        var mandate = await Db.AddMandateAsync(_ombud, new DateOnly(2026, 3, 1));
        await using (var db = Db.CreateContext())
        {
            db.Consents.Add(
                new Consent
                {
                    MandateId = mandate.Id,
                    ActorId = _actor.Id,
                    GivenOn = new DateOnly(2026, 3, 1),
                    ValidUntil = new DateOnly(2026, 12, 10)
                });
            await db.SaveChangesAsync();
        }

        var cut = Render("due-table");

        var row = Assert.Single(cut.FindAll("tbody tr"));
        Assert.Equal(
            "Samtycket för Försäkringskassan gäller till 2026-12-10 – förnya det med klienten",
            row.QuerySelector("[data-testid=due-what]")!.TextContent.Trim());
        Assert.Contains("Samtycke", row.TextContent);
        var renew = row.QuerySelector("[data-testid=due-renew-link]")!;
        Assert.Equal($"/klienter/{mandate.ClientId}", renew.GetAttribute("href"));
        Assert.Equal("Förnya", renew.TextContent.Trim());
        Assert.Contains("Ett samtycke visas 30 dagar innan det slutar gälla", cut.Markup);
    }
}
