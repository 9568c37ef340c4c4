using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ombud.EndToEndTests;

[Collection(E2ECollection.Name)]
public sealed class ClientSliceTests(E2EFixture fx) : E2ETestBase(fx)
{
    [Fact]
    public async Task Ombud_registers_a_client_adds_a_need_and_a_contact_and_sees_them_after_reload()
    {
        var page = await SignInAsync("ombud");
        await Step("Mina klienter", async () =>
        {
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Mina klienter" })).ToBeVisibleAsync();
            await Expect(page.GetByTestId("client-link").First).ToBeVisibleAsync();
            await E2EFixture.AssertAccessibleAsync(page, "Mina klienter");
        });

        await Step("Registrera klient", async () =>
        {
            await GotoAsync(page, "/klienter/ny");
            await E2EFixture.AssertAccessibleAsync(page, "Ny klient");
            await E2EFixture.FillAndCommitAsync(page.GetByLabel("Namn eller alias (valfritt)"), "Testa Ödmjuk");
            await E2EFixture.FillAndCommitAsync(page.GetByLabel("Födelseår (valfritt)"), "1984");
            await E2EFixture.PickAsync(page, "client-municipality", "Exempelby");
            await E2EFixture.PickAsync(page, "mandate-referral", "Egen kontakt");
            await page.GetByLabel("Bryta isolering").CheckAsync();
            await page.GetByLabel("Ekonomi").CheckAsync();
            await page.GetByTestId("register-save").ClickAsync();

            await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/klienter/\d+$"));
            await Expect(page.GetByTestId("client-heading")).ToContainTextAsync("Klient K");
            await Expect(page.GetByTestId("client-summary")).ToContainTextAsync("Testa Ödmjuk");
            await Expect(page.GetByTestId("needs-empty")).ToBeVisibleAsync();
            await E2EFixture.AssertAccessibleAsync(page, "Klientsidan");
        });

        await Step("Lägg till ett behov", async () =>
        {
            await page.GetByTestId("need-add").ClickAsync();
            await E2EFixture.PickAsync(page, "need-lifearea", "Boende");
            await E2EFixture.FillAndCommitAsync(page.GetByLabel("Behovet med klientens egna ord"), "Vill bo kvar i lägenheten");
            await E2EFixture.AssertAccessibleAsync(page, "Behovsdialog");
            await page.GetByTestId("need-save").ClickAsync();
            await Expect(page.GetByTestId("need-words-cell")).ToHaveTextAsync("Vill bo kvar i lägenheten");
        });

        await Step("Lägg till en myndighetskontakt utan samtycke", async () =>
        {
            await page.GetByTestId("contact-add").ClickAsync();
            await E2EFixture.PickAsync(page, "contact-actor", "Försäkringskassan");
            await E2EFixture.FillAndCommitAsync(page.GetByLabel("Utfall (kort)"), "Ansökan om bostadstillägg skickad");
            await page.GetByTestId("contact-save").ClickAsync();
            // no consent for Försäkringskassan yet: the ombud is asked, confirms, and the contact is flagged
            await Expect(page.GetByText("Klienten har inget giltigt samtycke för Försäkringskassan", new() { Exact = false }))
                .ToBeVisibleAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Spara ändå" }).ClickAsync();
            await Expect(page.GetByTestId("contact-outcome-cell")).ToHaveTextAsync("Ansökan om bostadstillägg skickad");
            await Expect(page.GetByTestId("consent-warning")).ToBeVisibleAsync();
        });

        await Step("Allt finns kvar efter omladdning", async () =>
        {
            await page.ReloadAsync();
            await E2EFixture.WaitInteractiveAsync(page);
            await Expect(page.GetByTestId("need-words-cell")).ToHaveTextAsync("Vill bo kvar i lägenheten");
            await Expect(page.GetByTestId("contact-outcome-cell")).ToHaveTextAsync("Ansökan om bostadstillägg skickad");
            await Expect(page.GetByTestId("contact-no-consent")).ToBeVisibleAsync();
            await E2EFixture.ScreenshotAsync(page, "client-page-after-reload.png");
        });

        await Step("Sök klienten i listan", async () =>
        {
            await GotoAsync(page, "/klienter");
            await page.GetByLabel("Sök på kod eller namn").FillAsync("ödmjuk");
            await Expect(page.GetByTestId("client-link")).ToHaveCountAsync(1);
        });

        AssertNoConsoleErrors();
    }

    [Fact]
    public async Task Ombud_pauses_and_resumes_a_mandate()
    {
        var page = await SignInAsync("ombud");
        await page.GetByTestId("status-Active").ClickAsync();
        // filter applied
        await Expect(page.Locator("[data-testid=client-table] tbody tr").Filter(new() { HasNotText = "Aktiv" })).ToHaveCountAsync(0);
        await page.GetByTestId("client-link").First.ClickAsync();
        await E2EFixture.WaitInteractiveAsync(page);
        await page.GetByTestId("mandate-pause").ClickAsync();
        await E2EFixture.AssertAccessibleAsync(page, "Datumdialog");
        await page.GetByTestId("date-dialog-confirm").ClickAsync();
        await Expect(page.GetByTestId("mandate-status").First).ToHaveTextAsync("Vilande");
        await page.GetByTestId("mandate-resume").ClickAsync();
        await page.GetByTestId("date-dialog-confirm").ClickAsync();
        await Expect(page.GetByTestId("mandate-status").First).ToHaveTextAsync("Aktiv");
    }

    [Fact]
    public async Task Ombud_hands_over_the_summary_and_closes_a_mandate_removing_identity()
    {
        var page = await SignInAsync("ombud");
        await page.GetByTestId("status-Active").ClickAsync();
        // filter applied
        await Expect(page.Locator("[data-testid=client-table] tbody tr").Filter(new() { HasNotText = "Aktiv" })).ToHaveCountAsync(0);
        await page.GetByTestId("client-link").Last.ClickAsync();
        await E2EFixture.WaitInteractiveAsync(page);
        var clientUrl = page.Url;

        await GotoAsync(page, new Uri(clientUrl).AbsolutePath + "/sammanfattning");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sammanfattning av arbetet med personligt ombud" }))
            .ToBeVisibleAsync();
        await E2EFixture.AssertAccessibleAsync(page, "Sammanfattning");

        await GotoAsync(page, new Uri(clientUrl).AbsolutePath);
        await page.GetByTestId("mandate-close").ClickAsync();
        await E2EFixture.PickAsync(page, "close-reason", "Uppdraget slutfört");
        await Expect(page.GetByTestId("close-confirm")).ToBeDisabledAsync(); // hand-over first
        await page.GetByLabel("Sammanfattningen är överlämnad till klienten, eller klienten har avböjt den").CheckAsync();
        await E2EFixture.AssertAccessibleAsync(page, "Avsluta uppdrag");
        // the open dialog's headings follow the page's (its title an h2, its sections h3) and its content is in a region
        await Accessibility.AssertRulesPassAsync(page, "Avsluta uppdrag", "heading-order", "region");
        await page.GetByTestId("close-confirm").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Avsluta och ta bort" }).ClickAsync();

        await Expect(page.GetByTestId("anonymised-info")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("mandate-status").First).ToHaveTextAsync("Avslutad");
        await Expect(page.GetByTestId("client-summary")).ToContainTextAsync("Anonym");
        await E2EFixture.ScreenshotAsync(page, "client-closed-anonymised.png");
    }

    [Fact]
    public async Task Login_page_is_accessible_and_rejects_a_wrong_password()
    {
        var page = await Ctx.NewPageAsync();
        await page.GotoAsync(Fx.BaseUrl + "/klienter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Logga in i Ombud" })).ToBeVisibleAsync();
        await E2EFixture.AssertAccessibleAsync(page, "Inloggning");
        await page.GetByLabel("Användarnamn").FillAsync("chef");
        await page.GetByLabel("Lösenord").FillAsync("fel");
        await page.GetByRole(AriaRole.Button, new() { Name = "Logga in" }).ClickAsync();
        await Expect(page.GetByTestId("login-error")).ToHaveTextAsync(Ombud.Web.Features.Account.SignInWithPassword.Refusal);
    }

    [Fact]
    public async Task Another_ombuds_client_is_not_shown()
    {
        var page = await SignInAsync("ombud2");
        var ownIds = await page.GetByTestId("client-link").EvaluateAllAsync<string[]>("els => els.map(e => e.getAttribute('href'))");
        var foreign = Enumerable.Range(1, 40).Select(i => $"/klienter/{i}").First(h => !ownIds.Contains(h));
        await GotoAsync(page, foreign);
        await Expect(page.GetByTestId("client-not-found")).ToBeVisibleAsync();
    }
}
