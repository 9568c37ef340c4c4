using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ombud.EndToEndTests;

/// <summary>The client page's other dialogs and the error pages: each scanned with axe, and a contact with a valid consent.</summary>
[Collection(E2ECollection.Name)]
public sealed class ClientDialogsTests(E2EFixture fx) : E2ETestBase(fx)
{
    [Fact]
    public async Task Ombud_records_a_consent_then_logs_a_contact_that_is_not_flagged_and_edits_the_client()
    {
        var page = await SignInAsync("ombud");
        await GotoAsync(page, "/klienter/ny");
        await E2EFixture.PickAsync(page, "client-municipality", "Demostad");
        await E2EFixture.PickAsync(page, "mandate-referral", "Egen kontakt");
        await page.GetByLabel("Ekonomi").CheckAsync();
        // the form has taken every choice before saving (a click during a re-render could otherwise save an older state)
        await Expect(page.GetByLabel("Ekonomi")).ToBeCheckedAsync();
        await Expect(page.GetByLabel("Kontaktväg")).ToContainTextAsync("Egen kontakt");
        await page.GetByTestId("register-save").ClickAsync();
        try
        {
            await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/klienter/\d+$"));
        }
        catch (TimeoutException)
        {
            await E2EFixture.ScreenshotAsync(page, "client-dialogs-register-not-saved.png");
            throw new TimeoutException(
                "Registreringen ledde inte till klientsidan. Sidan visade: " + await page.Locator("main").InnerTextAsync());
        }
        await E2EFixture.WaitInteractiveAsync(page);
        await Expect(page.GetByTestId("consents-empty")).ToBeVisibleAsync();

        await page.GetByTestId("consent-add").ClickAsync();
        await E2EFixture.PickAsync(page, "consent-actor", "Arbetsförmedlingen");
        await E2EFixture.AssertAccessibleAsync(page, "Samtyckesdialog");
        await page.GetByTestId("consent-save").ClickAsync();
        await Expect(page.GetByTestId("consents-table")).ToContainTextAsync("Arbetsförmedlingen");
        await Expect(page.GetByTestId("consents-table")).ToContainTextAsync("Giltigt");

        await page.GetByTestId("contact-add").ClickAsync();
        await E2EFixture.PickAsync(page, "contact-actor", "Arbetsförmedlingen");
        await E2EFixture.FillAndCommitAsync(page.GetByLabel("Utfall (kort)"), "Möte bokat om praktikplats");
        await E2EFixture.AssertAccessibleAsync(page, "Kontaktdialog");
        await page.GetByTestId("contact-save").ClickAsync();
        // a valid consent: saved without the confirmation question, and not flagged
        await Expect(page.GetByTestId("contact-outcome-cell")).ToHaveTextAsync("Möte bokat om praktikplats");
        await Expect(page.GetByTestId("contact-no-consent")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("consent-warning")).ToHaveCountAsync(0);

        // the client later gives the consent in writing: the ombud corrects it
        await page.GetByTestId("consent-edit").ClickAsync();
        await page.GetByText("Skriftligt", new() { Exact = true }).ClickAsync();
        await page.GetByTestId("consent-save").ClickAsync();
        await Expect(page.GetByTestId("consents-table")).ToContainTextAsync("Skriftligt");

        await page.GetByTestId("client-edit").ClickAsync();
        await Expect(page.GetByTestId("client-edit-save")).ToBeVisibleAsync();
        await E2EFixture.AssertAccessibleAsync(page, "Ändra klientuppgifter");
        await E2EFixture.FillAndCommitAsync(page.GetByLabel("Namn eller alias (valfritt)"), "Örjan Ängel");
        await page.GetByTestId("client-edit-save").ClickAsync();
        await Expect(page.GetByTestId("client-summary")).ToContainTextAsync("Örjan Ängel");
    }

    [Fact]
    public async Task The_not_found_no_access_and_missing_client_pages_are_accessible()
    {
        var page = await SignInAsync("ombud");
        await GotoAsync(page, "/klienter/999999");
        await Expect(page.GetByTestId("client-not-found")).ToBeVisibleAsync();
        await E2EFixture.AssertAccessibleAsync(page, "Klienten finns inte");

        await page.GotoAsync(Fx.BaseUrl + "/sidan-finns-inte");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sidan finns inte" })).ToBeVisibleAsync();
        await E2EFixture.AssertAccessibleAsync(page, "Sidan finns inte");

        await page.GotoAsync(Fx.BaseUrl + "/admin/anvandare"); // an ombud is not Admin
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Ingen behörighet" })).ToBeVisibleAsync();
        await E2EFixture.AssertAccessibleAsync(page, "Ingen behörighet");
    }
}
