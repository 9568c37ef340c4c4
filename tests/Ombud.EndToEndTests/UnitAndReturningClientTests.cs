using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ombud.EndToEndTests;

/// <summary>Administration → Enheten, and a returning client's new mandate on the client page.</summary>
[Collection(E2ECollection.Name)]
public sealed class UnitAndReturningClientTests(E2EFixture fx) : E2ETestBase(fx)
{
    [Fact]
    public async Task Admin_adds_renames_and_removes_a_municipality_of_the_unit()
    {
        var page = await SignInAsync("admin");
        await Step("Sidan Enheten", async () =>
        {
            await page.GetByRole(AriaRole.Link, new() { Name = "Enheten", Exact = true }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Enheten", Exact = true })).ToBeVisibleAsync();
            await Expect(page.GetByLabel("Enhetens namn")).Not.ToHaveValueAsync("");
            await Expect(page.GetByLabel("Gallringstid (månader)")).ToHaveValueAsync("3");
            await Expect(page.GetByTestId("municipalities-table")).ToContainTextAsync("Exempelby");
            await E2EFixture.AssertAccessibleAsync(page, "Enheten");
            await E2EFixture.ScreenshotAsync(page, "admin-unit.png");
        });

        await Step("Lägg till och byt namn på en kommun", async () =>
        {
            await page.GetByTestId("municipality-add").ClickAsync();
            await E2EFixture.FillAndCommitAsync(page.GetByLabel("Namn", new() { Exact = true }), "Nyby");
            await E2EFixture.AssertAccessibleAsync(page, "Ny kommun eller stadsdel");
            await page.GetByTestId("municipality-save").ClickAsync();
            var row = page.GetByTestId("municipalities-table").Locator("tbody tr").Filter(new() { HasText = "Nyby" });
            await Expect(row).ToHaveCountAsync(1);

            await page.GetByRole(AriaRole.Button, new() { Name = "Byt namn på Nyby" }).ClickAsync();
            await E2EFixture.FillAndCommitAsync(page.GetByLabel("Namn", new() { Exact = true }), "Nyby norra");
            await page.GetByTestId("municipality-save").ClickAsync();
            await Expect(page.GetByTestId("municipalities-table")).ToContainTextAsync("Nyby norra");
        });

        // A municipality with clients cannot be removed, only set as no longer served (and back); the new, unused one can be
        // removed, after a confirmation.
        await Step("Sluta använda, börja använda igen och ta bort", async () =>
        {
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Ta bort Exempelby", Exact = true })).ToHaveCountAsync(0);
            var exempelby = page.GetByTestId("municipalities-table").Locator("tbody tr").Filter(new() { HasText = "Exempelby" });
            await page.GetByRole(AriaRole.Button, new() { Name = "Sluta använda Exempelby" }).ClickAsync();
            await E2EFixture.AssertAccessibleAsync(page, "Sluta använda kommun");
            await page.GetByRole(AriaRole.Button, new() { Name = "Sluta använda", Exact = true }).ClickAsync();
            await Expect(exempelby.GetByTestId("municipality-status")).ToHaveTextAsync("Betjänas inte längre");
            await page.GetByRole(AriaRole.Button, new() { Name = "Börja använda Exempelby igen" }).ClickAsync();
            await Expect(exempelby.GetByTestId("municipality-status")).ToHaveTextAsync("Betjänas");
            await page.GetByRole(AriaRole.Button, new() { Name = "Ta bort Nyby norra", Exact = true }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Ta bort", Exact = true }).ClickAsync();
            await Expect(page.GetByTestId("municipalities-table").Locator("tbody tr").Filter(new() { HasText = "Nyby" }))
                .ToHaveCountAsync(0);
        });
        AssertNoConsoleErrors();
    }

    [Fact]
    public async Task Ombud_closes_a_mandate_keeping_the_identity_and_opens_a_new_one_for_the_returning_client()
    {
        var page = await SignInAsync("ombud");
        await Step("Registrera klient", async () =>
        {
            await GotoAsync(page, "/klienter/ny");
            await E2EFixture.FillAndCommitAsync(page.GetByLabel("Namn eller alias (valfritt)"), "Återkommande Åsa");
            await E2EFixture.PickAsync(page, "client-municipality", "Demostad");
            await E2EFixture.PickAsync(page, "mandate-referral", "Egen kontakt");
            await page.GetByLabel("Ekonomi").CheckAsync();
            await page.GetByTestId("register-save").ClickAsync();
            await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/klienter/\d+$"));
            await E2EFixture.WaitInteractiveAsync(page);
        });

        await Step("Avsluta uppdraget och behåll uppgifterna", async () =>
        {
            await page.GetByTestId("mandate-close").ClickAsync();
            await E2EFixture.PickAsync(page, "close-reason", "Klienten avslutar");
            await page.GetByLabel("Sammanfattningen är överlämnad till klienten, eller klienten har avböjt den").CheckAsync();
            await page.GetByText("Behåll till gallringstiden", new() { Exact = false }).ClickAsync();
            await page.GetByTestId("close-confirm").ClickAsync();
            await Expect(page.GetByTestId("mandate-status").First).ToHaveTextAsync("Avslutad");
            await Expect(page.GetByTestId("client-summary")).ToContainTextAsync("Återkommande Åsa");
        });

        var code = await Step("Öppna ett nytt uppdrag", async () =>
        {
            await page.GetByTestId("mandate-open-new").ClickAsync();
            await E2EFixture.PickAsync(page, "open-mandate-referral", "Psykiatrin");
            await page.GetByLabel("Frågor om bostad").CheckAsync();
            await E2EFixture.AssertAccessibleAsync(page, "Nytt uppdrag");
            await page.GetByTestId("open-mandate-save").ClickAsync();

            await Expect(page.GetByTestId("mandate-status").First).ToHaveTextAsync("Aktiv");
            await Expect(page.GetByText("Psykiatrin", new() { Exact = true })).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Tidigare uppdrag" })).ToBeVisibleAsync();
            await Expect(page.GetByTestId("mandate-open-new")).ToHaveCountAsync(0);
            await E2EFixture.AssertAccessibleAsync(page, "Klientsidan med nytt uppdrag");
            return (await page.GetByTestId("client-heading").TextContentAsync())!.Replace("Klient", "").Trim();
        });

        await Step("Det nya uppdraget efter omladdning och i listan", async () =>
        {

            await page.ReloadAsync();
            await E2EFixture.WaitInteractiveAsync(page);
            await Expect(page.GetByTestId("mandate-status").First).ToHaveTextAsync("Aktiv");
            await E2EFixture.ScreenshotAsync(page, "client-returning-new-mandate.png");

            await GotoAsync(page, "/klienter");
            await page.GetByLabel("Sök på kod eller namn").FillAsync(code);
            await Expect(page.GetByTestId("client-link")).ToHaveCountAsync(1);
            await Expect(page.GetByTestId("client-table").Locator("tbody tr").First).ToContainTextAsync("Aktiv");
        });
        AssertNoConsoleErrors();
    }
}
