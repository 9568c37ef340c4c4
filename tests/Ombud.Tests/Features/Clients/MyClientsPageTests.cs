using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;
using Ombud.Web.Features.Clients;

namespace Ombud.Tests.Features.Clients;

/// <summary>
/// Mina klienter with the real handler on an in-memory database: the page keeps its own paging, sorting and filter state
/// (a plain table instead of MudTable, issue #13), so these check that each control asks for the right rows.
/// </summary>
public sealed class MyClientsPageTests : ComponentTestBase
{
    private static readonly FakeTimeProvider Clock = TestClock.At(2026, 11, 23);
    private UserInfo _ombud = null!;

    public override async Task InitializeAsync()
    {
        Db = await TestDb.CreateAsync(clock: Clock);
        var unit = await Db.AddUnitAsync();
        _ombud = Db.User = await Db.AddUserAsync(unit.Id, Roles.Ombud);
        AddAppServices(Clock);
    }

    private async Task<List<string>> AddClientsAsync(int n)
    {
        var codes = new List<string>();
        for (var i = 0; i < n; i++)
        {
            var mandate = await Db.AddMandateAsync(_ombud, new DateOnly(2026, 1, 1).AddDays(i));
            await using var db = Db.CreateContext();
            codes.Add(await db.Clients.Where(c => c.Id == mandate.ClientId).Select(c => c.Code).SingleAsync());
        }
        return codes;
    }

    private IRenderedComponent<MyClientsPage> Render()
    {
        var cut = Context.Render<MyClientsPage>();
        cut.WaitForState(() => cut.FindAll("[data-testid=client-link], [data-testid=empty-state]").Count > 0);
        return cut;
    }

    private static List<string> Codes(IRenderedComponent<MyClientsPage> cut) =>
        cut.FindAll("[data-testid=client-link]").Select(a => a.TextContent.Trim()).ToList();

    private static string? SelectedSort(IRenderedComponent<MyClientsPage> cut) =>
        cut.FindAll("#clients-sort option").SingleOrDefault(o => o.HasAttribute("selected"))?.GetAttribute("value");

    private static string PagerInfo(IRenderedComponent<MyClientsPage> cut) =>
        cut.Find("[data-testid=client-pager-info]").TextContent.Trim();

    private static IElement PagerButton(IRenderedComponent<MyClientsPage> cut, string label) =>
        cut.Find($"button[aria-label='{label}']");

    [Fact]
    public void Without_clients_the_empty_state_invites_to_register_one()
    {
        var cut = Render();
        Assert.Contains("Du har inga klienter ännu", cut.Find("[data-testid=empty-state]").TextContent);
        Assert.Equal("0–0 av 0", PagerInfo(cut));
        Assert.Equal("Alla (0)", cut.Find("[aria-pressed=true]").TextContent.Trim());
    }

    [Fact]
    public async Task Pages_of_ten_with_Swedish_pager_and_a_page_size_choice()
    {
        await AddClientsAsync(12);
        var cut = Render();
        Assert.Equal(10, Codes(cut).Count);
        Assert.Equal("1–10 av 12", PagerInfo(cut));
        Assert.Equal("Rader per sida:", cut.Find("#clients-rows-per-page").TextContent.Trim());
        Assert.True(PagerButton(cut, "Första sidan").HasAttribute("disabled"));
        Assert.True(PagerButton(cut, "Föregående sida").HasAttribute("disabled"));

        await cut.InvokeAsync(() => PagerButton(cut, "Nästa sida").Click());
        cut.WaitForAssertion(() => Assert.Equal("11–12 av 12", PagerInfo(cut)));
        Assert.Equal(2, Codes(cut).Count);
        Assert.True(PagerButton(cut, "Sista sidan").HasAttribute("disabled"));
        Assert.False(PagerButton(cut, "Föregående sida").HasAttribute("disabled"));

        await cut.InvokeAsync(() => cut.Find("#clients-page-size").Change("25"));
        cut.WaitForAssertion(() => Assert.Equal("1–12 av 12", PagerInfo(cut)));
        Assert.Equal(12, Codes(cut).Count);
    }

    [Fact]
    public async Task A_sort_header_sorts_ascending_then_descending_and_says_so_with_aria_sort()
    {
        var codes = await AddClientsAsync(5);
        var cut = Render();
        Assert.Equal("descending", cut.Find("th[aria-sort]").GetAttribute("aria-sort"));
        Assert.Contains("Senaste aktivitet", cut.Find("th[aria-sort]").TextContent);

        IElement Kod() => cut.FindAll("th .sort-button").Single(b => b.TextContent == "Kod");
        await cut.InvokeAsync(() => Kod().Click());
        cut.WaitForAssertion(() => Assert.Equal(codes.Order(StringComparer.Ordinal), Codes(cut)));
        Assert.Equal("ascending", cut.Find("th[aria-sort]").GetAttribute("aria-sort"));
        Assert.Contains("Kod", cut.Find("th[aria-sort]").TextContent);

        await cut.InvokeAsync(() => Kod().Click());
        cut.WaitForAssertion(() => Assert.Equal(codes.OrderDescending(StringComparer.Ordinal), Codes(cut)));
        Assert.Equal("descending", cut.Find("th[aria-sort]").GetAttribute("aria-sort"));

        // the small-screen sort select offers the same columns
        await cut.InvokeAsync(() => cut.Find("#clients-sort").Change("Code"));
        cut.WaitForAssertion(() => Assert.Equal(codes.Order(StringComparer.Ordinal), Codes(cut)));
    }

    /// <summary>
    /// The selects are plain HTML: a tampered circuit can send any value in their change events. Anything not offered is
    /// ignored — the list, its order and the pager stay as they were, and every sort header keeps a valid aria-sort.
    /// </summary>
    [Theory]
    [InlineData("clients-sort", "999")]
    [InlineData("clients-sort", "Code\u0000")]
    [InlineData("clients-sort", "Code,Name")]
    [InlineData("clients-sort", "")]
    [InlineData("clients-page-size", "100000")]
    [InlineData("clients-page-size", "-1")]
    [InlineData("clients-page-size", "1e3")]
    public async Task A_value_the_selects_do_not_offer_is_ignored(string select, string value)
    {
        var codes = await AddClientsAsync(12);
        var cut = Render();
        var before = Codes(cut);

        await cut.InvokeAsync(() => cut.Find($"#{select}").Change(value));

        Assert.Equal(before, Codes(cut));
        Assert.Equal("1–10 av 12", PagerInfo(cut));
        Assert.Equal("descending", cut.Find("th[aria-sort]").GetAttribute("aria-sort"));
        Assert.Contains("Senaste aktivitet", cut.Find("th[aria-sort]").TextContent);
        Assert.Equal(
            ["Code", "Name", "Status", "StartDate", "LastActivity"],
            cut.FindAll("#clients-sort option").Select(o => o.GetAttribute("value")));
        Assert.Equal("LastActivity", cut.Find("#clients-sort").GetAttribute("value") ?? SelectedSort(cut));
        Assert.Equal(12, codes.Count);
    }

    [Fact]
    public async Task A_status_chip_filters_with_counts_and_a_second_click_shows_all_again()
    {
        await AddClientsAsync(3);
        var cut = Render();
        Assert.Equal("Aktiv (3)", cut.Find("[data-testid=status-Active]").TextContent.Trim());
        Assert.Equal("Väntar (0)", cut.Find("[data-testid=status-Waiting]").TextContent.Trim());

        await cut.InvokeAsync(() => cut.Find("[data-testid=status-Waiting]").Click());
        cut.WaitForAssertion(() =>
            Assert.Equal("Inga klienter matchar sökningen.", cut.Find("[data-testid=empty-state]").TextContent.Trim()));
        Assert.Equal("true", cut.Find("[data-testid=status-Waiting]").GetAttribute("aria-pressed"));

        await cut.InvokeAsync(() => cut.Find("[data-testid=status-Waiting]").Click());
        cut.WaitForAssertion(() => Assert.Equal(3, Codes(cut).Count));
        Assert.Equal("Alla (3)", cut.Find("[aria-pressed=true]").TextContent.Trim());
    }

    [Fact]
    public async Task Clicking_a_row_opens_the_client()
    {
        var mandate = await Db.AddMandateAsync(_ombud);
        var cut = Render();
        await cut.InvokeAsync(() => cut.Find("[data-testid=client-table] tbody tr td[data-label=Kommun]").Click());
        Assert.EndsWith($"/klienter/{mandate.ClientId}", Context.Services.GetRequiredService<NavigationManager>().Uri);
    }
}
