using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ombud.EndToEndTests;

/// <summary>
/// On a phone (390×844, touch) every main page fits the screen without horizontal scrolling (a long word wraps) and passes
/// the axe scan at that size: the ombud's list pages and the client page, the unit lead's pages and the admin's pages.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class PhoneTests(E2EFixture fx) : E2ETestBase(fx)
{
    /// <summary>100 characters without a space: the longest name a client can have.</summary>
    private static readonly string LongName = string.Concat(Enumerable.Repeat("Långtnamnutan", 7)) + "mellanrum";

    /// <summary>The page's width against the screen's, and the elements that reach past the screen's right edge.</summary>
    private const string OverflowScript = """
        () => {
          const d = document.documentElement, w = d.clientWidth;
          const wide = [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > w + 1 && e.getClientRects().length > 0)
            .slice(0, 8)
            .map(e => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} right=${Math.round(e.getBoundingClientRect().right)}`);
          return { scroll: d.scrollWidth, client: w, wide };
        }
        """;

    protected override Task<IBrowserContext> CreateContextAsync() => Fx.NewPhoneContextAsync();

    [Fact]
    public async Task The_ombuds_list_pages_fit_a_phone_and_pass_the_axe_scan()
    {
        var page = await SignInAsync("ombud");
        var pages = new[] { ("/klienter", "Mina klienter"), ("/klienter/ny", "Ny klient"), ("/uppgifter", "Mina uppgifter") };
        foreach (var (path, name) in pages)
        {
            await Step($"{name} på mobil", async () =>
            {
                await GotoAsync(page, path);
                await Expect(page.GetByRole(AriaRole.Heading, new() { Name = name, Level = 1 })).ToBeVisibleAsync();
                await AssertFitsAndAccessibleAsync(page, name);
            });
        }
        await GotoAsync(page, "/klienter");
        await Expect(page.GetByText("Sortera efter").First).ToBeVisibleAsync(); // the mobile sort dropdown, named
        AssertNoConsoleErrors();
    }

    [Fact]
    public async Task A_client_with_a_100_character_name_without_spaces_fits_a_phone_and_the_cards_show_their_content()
    {
        var page = await SignInAsync("ombud");
        await Step("Registrera klienten på mobilen", async () =>
        {
            await GotoAsync(page, "/klienter/ny");
            await E2EFixture.FillAndCommitAsync(page.GetByLabel("Namn eller alias (valfritt)"), LongName);
            await E2EFixture.PickAsync(page, "client-municipality", "Demostad");
            await E2EFixture.PickAsync(page, "mandate-referral", "Egen kontakt");
            await page.GetByLabel("Ekonomi").CheckAsync();
            await Expect(page.GetByLabel("Ekonomi")).ToBeCheckedAsync();
            await AssertFitsAsync(page, "Ny klient med långt namn");
            await page.GetByTestId("register-save").ClickAsync();
            await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/klienter/\d+$"));
            await E2EFixture.WaitInteractiveAsync(page);
            await Expect(page.GetByTestId("client-summary")).ToContainTextAsync(LongName);
        });

        await Step("Ett behov och en kontakt med långa ord", async () =>
        {
            await page.GetByTestId("need-add").ClickAsync();
            await E2EFixture.PickAsync(page, "need-lifearea", "Boende");
            await E2EFixture.FillAndCommitAsync(page.GetByLabel("Behovet med klientens egna ord"), LongName);
            await page.GetByTestId("need-save").ClickAsync();
            await Expect(page.GetByTestId("need-words-cell")).ToHaveTextAsync(LongName);

            await page.GetByTestId("contact-add").ClickAsync();
            await E2EFixture.PickAsync(page, "contact-actor", "Försäkringskassan");
            await E2EFixture.FillAndCommitAsync(page.GetByLabel("Utfall (kort)"), LongName);
            await page.GetByTestId("contact-save").ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Spara ändå" }).ClickAsync(); // no consent yet
            await Expect(page.GetByTestId("contact-outcome-cell")).ToHaveTextAsync(LongName);
        });

        await Step("Klientsidan på mobilen", async () =>
        {
            await page.ReloadAsync();
            await E2EFixture.WaitInteractiveAsync(page);
            await Expect(page.GetByTestId("client-summary")).ToContainTextAsync(LongName);
            await AssertFitsAndAccessibleAsync(page, "Klientsidan med långt namn");
            // the cards show each field's label and value, all of it on the screen
            var cells = new[]
            {
                page.GetByTestId("client-summary"), page.GetByTestId("need-words-cell"), page.GetByTestId("contact-outcome-cell"),
            };
            foreach (var cell in cells)
                await AssertOnScreenAsync(page, cell);
            await Expect(page.GetByTestId("need-words-cell")).ToHaveAttributeAsync("data-label", "Klientens ord");
            foreach (var label in new[] { "Logga ut", "Sammanfattning", "Avsluta uppdrag" })
                await AssertOnScreenAsync(page, page.GetByRole(AriaRole.Button, new() { Name = label })
                    .Or(page.GetByRole(AriaRole.Link, new() { Name = label }))
                    .First);
            await E2EFixture.ScreenshotAsync(page, "phone-client-long-name.png");
        });

        await Step("Mina klienter med det långa namnet", async () =>
        {
            await GotoAsync(page, "/klienter");
            await page.GetByLabel("Sök på kod eller namn").FillAsync(LongName[..20]);
            await Expect(page.GetByTestId("client-link")).ToHaveCountAsync(1);
            var card = page.Locator("[data-testid=client-table] tbody tr").First;
            await Expect(card).ToContainTextAsync(LongName);
            await AssertFitsAsync(page, "Mina klienter med långt namn");
            await AssertOnScreenAsync(page, card);
        });
        AssertNoConsoleErrors();
    }

    [Fact]
    public async Task The_unit_leads_pages_fit_a_phone_and_pass_the_axe_scan() =>
        await VisitAllAsync("chef", [
            ("/", "Enhetens ärenden"),
            ("/enheten/vantelista", "Väntelista"),
            ("/ledningsgrupp", "Ledningsgrupp"),
            ("/arsrapport", "Årsrapport till Länsstyrelsen"),
            ("/systembrister", "Systembrister"),
            ("/enkater", "Brukarundersökning"),
        ]);

    [Fact]
    public async Task The_admins_pages_fit_a_phone_and_pass_the_axe_scan() =>
        await VisitAllAsync("admin", [
            ("/admin/anvandare", "Användare"),
            ("/admin/kategorier", "Kategorilistor"),
            ("/admin/granskningslogg", "Granskningslogg"),
            ("/admin/enheten", "Enheten"),
            ("/admin/aktorer", "Aktörsregister"),
            ("/admin/registerbegaran", "Registerbegäran"),
        ]);

    /// <summary>
    /// Signs in and, one step per page, checks that the page fits the phone and passes the axe scan. Every page is visited:
    /// the failure lists each page that failed (by its step's name), not just the first.
    /// </summary>
    private async Task VisitAllAsync(string user, (string Path, string Heading)[] pages)
    {
        var page = await SignInAsync(user);
        var failed = new List<string>();
        foreach (var (path, heading) in pages)
        {
            try
            {
                await Step($"{heading} på mobil", async () =>
                {
                    await GotoAsync(page, path);
                    await Expect(page.GetByRole(AriaRole.Heading, new() { Name = heading, Level = 1 })).ToBeVisibleAsync();
                    await Expect(page.Locator("main .mud-progress-linear")).ToHaveCountAsync(0); // the page's data is shown
                    await AssertFitsAndAccessibleAsync(page, heading);
                });
            }
            catch (StepFailedException e)
            {
                failed.Add(e.Message);
            }
        }
        Assert.True(failed.Count == 0, string.Join("\n\n", failed));
        AssertNoConsoleErrors();
    }

    /// <summary>The page is no wider than the screen; the failure names the elements that reach past it.</summary>
    private static async Task AssertFitsAsync(IPage page, string name)
    {
        var r = await page.EvaluateAsync<Overflow>(OverflowScript);
        Assert.True(r.Scroll <= r.Client,
            $"{name}: the page is {r.Scroll} px wide on a {r.Client} px screen; past the edge: {string.Join(", ", r.Wide)}");
    }

    private static async Task AssertFitsAndAccessibleAsync(IPage page, string name)
    {
        await AssertFitsAsync(page, name);
        await E2EFixture.AssertAccessibleAsync(page, $"{name} (mobil)");
    }

    /// <summary>The element is shown, has a size and lies within the screen's width.</summary>
    private static async Task AssertOnScreenAsync(IPage page, ILocator element)
    {
        await Expect(element).ToBeVisibleAsync();
        var box = await element.BoundingBoxAsync();
        var width = await page.EvaluateAsync<int>("() => document.documentElement.clientWidth");
        Assert.True(box is { Width: > 0, Height: > 0 } && box.X >= 0 && box.X + box.Width <= width + 1,
            $"{await element.EvaluateAsync<string>("e => e.outerHTML.slice(0, 200)")} "
            + $"lies at x={box?.X:0}, width {box?.Width:0} on a {width} px screen");
    }

    private sealed class Overflow
    {
        public int Scroll { get; set; }
        public int Client { get; set; }
        public string[] Wide { get; set; } = [];
    }
}
