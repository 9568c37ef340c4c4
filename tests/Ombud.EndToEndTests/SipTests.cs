using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Ombud.Web.Features.Shared;
using Ombud.Web.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Ombud.EndToEndTests;

[Collection(E2ECollection.Name)]
public sealed class SipTests(E2EFixture fx) : E2ETestBase(fx)
{
    private static async Task TypeDateAsync(IPage page, string label, DateOnly date)
    {
        var input = page.GetByLabel(label, new() { Exact = true });
        await input.FillAsync(date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await input.PressAsync("Enter");
        await page.Keyboard.PressAsync("Escape"); // close the picker if it opened
    }

    [Fact]
    public async Task Ombud_records_a_SIP_sees_the_overdue_measure_in_Mina_uppgifter_prints_it_follows_it_up_and_marks_the_measure_done()
    {
        var today = TimeProvider.System.Today();
        var page = await SignInAsync("ombud");

        // A new client, so the SIP panel starts empty.
        var (clientPath, code) = await Step("Registrera en ny klient", async () =>
        {
            await GotoAsync(page, "/klienter/ny");
            await E2EFixture.PickAsync(page, "client-municipality", "Demostad");
            await E2EFixture.PickAsync(page, "mandate-referral", "Psykiatrin");
            await page.GetByLabel("Struktur i vardagen").CheckAsync();
            await page.GetByTestId("register-save").ClickAsync();
            await page.WaitForURLAsync(new Regex(@"/klienter/\d+$"));
            var clientPath = new Uri(page.Url).AbsolutePath;
            var code = (await page.GetByTestId("client-heading").InnerTextAsync()).Replace("Klient ", "").Trim();
            await Expect(page.GetByTestId("sip-empty")).ToBeVisibleAsync();
            return (clientPath, code);
        });

        // New SIP meeting with a participant without consent and two measures, one of them already late.
        await Step("Nytt SIP-möte: fel vid tomma åtgärder", async () =>
        {
            await page.GetByTestId("sip-add").ClickAsync();
            await page.WaitForURLAsync(new Regex(@"/sip/ny$"));
            await E2EFixture.WaitInteractiveAsync(page);
            await Expect(page.GetByTestId("sip-heading")).ToHaveTextAsync("Nytt SIP-möte");
            await E2EFixture.PickAsync(page, "sip-status-select", "Genomfört"); // held today: it can be followed up
            await E2EFixture.PickAsync(page, "sip-lead", "Socialtjänsten – socialpsykiatri");
            // Committed and checked: a render the server started for the picks above can empty a field filled at once.
            await E2EFixture.FillAndCommitAsync(page.GetByLabel("Klientens egna mål (kort)"), "Komma igång med en sysselsättning");
            await page.GetByTestId("sip-participant-add").ClickAsync();
            await E2EFixture.PickAsync(page, "sip-participant-actor-0", "Försäkringskassan");
            await Expect(page.GetByTestId("participant-no-consent")).ToBeVisibleAsync();

            await page.GetByTestId("sip-measure-add").ClickAsync();
            await page.GetByTestId("sip-measure-add").ClickAsync();
            await page.GetByTestId("sip-save").ClickAsync();
            // a measure needs its actor
            await Expect(page.GetByText("Välj vilken aktör som ansvarar för åtgärden.").First).ToBeVisibleAsync();
            await Expect(page.GetByText("Ange senast när åtgärden ska vara klar.").First).ToBeVisibleAsync(); // and its date, at the field
            await E2EFixture.AssertAccessibleAsync(page, "SIP-möte");
        });

        await Step("Nytt SIP-möte: fyll i och spara", async () =>
        {
            await E2EFixture.PickAsync(page, "sip-measure-actor-0", "Försäkringskassan");
            await E2EFixture.FillAndCommitAsync(page.GetByLabel("Vad, åtgärd 1"), "Begära ut utredningen om arbetsförmåga");
            await TypeDateAsync(page, "Senast, åtgärd 1", today.AddDays(-3));
            await E2EFixture.PickAsync(page, "sip-measure-actor-1", "Arbetsförmedlingen");
            await E2EFixture.FillAndCommitAsync(page.GetByLabel("Vad, åtgärd 2"), "Boka ett första samtal om praktik");
            await TypeDateAsync(page, "Senast, åtgärd 2", today.AddDays(20));
            await TypeDateAsync(page, "Uppföljningsdatum", today.AddDays(30));
            // What is saved is what the form shows: every text still there after the last render.
            await Expect(page.GetByLabel("Klientens egna mål (kort)")).ToHaveValueAsync("Komma igång med en sysselsättning");
            await Expect(page.GetByLabel("Vad, åtgärd 1")).ToHaveValueAsync("Begära ut utredningen om arbetsförmåga");
            await Expect(page.GetByLabel("Vad, åtgärd 2")).ToHaveValueAsync("Boka ett första samtal om praktik");
            await E2EFixture.ScreenshotAsync(page, "sip-meeting-form.png");
            await page.GetByTestId("sip-save").ClickAsync();
        });

        // Back on the client page: the current SIP with the late measure flagged.
        await Step("Klientsidan visar försenad åtgärd", async () =>
        {
            await page.WaitForURLAsync(u => u.EndsWith(clientPath));
            await E2EFixture.WaitInteractiveAsync(page);
            var late = page.Locator("[data-testid=sip-measure-row][data-overdue=yes]");
            await Expect(late).ToHaveCountAsync(1);
            await Expect(late).ToContainTextAsync("Begära ut utredningen om arbetsförmåga");
            await Expect(late.GetByTestId("sip-measure-overdue")).ToHaveTextAsync("Försenad");
            await Expect(
                page.Locator("[data-testid=sip-measure-row][data-overdue=no]")).ToContainTextAsync("Boka ett första samtal om praktik");
            await Expect(page.GetByTestId("sip-no-consent")).ToContainTextAsync("Försäkringskassan");
            await E2EFixture.AssertAccessibleAsync(page, "Klientsidan med SIP");
            await E2EFixture.ScreenshotAsync(page, "sip-client-panel.png");
        });

        // Mina uppgifter: the late measure, with the client's code and a link to the client.
        await Step("Mina uppgifter visar försenad åtgärd", async () =>
        {
            await page.GetByRole(AriaRole.Link, new() { Name = "Mina uppgifter" }).ClickAsync();
            await page.WaitForURLAsync(u => u.EndsWith("/uppgifter"));
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Mina uppgifter" })).ToBeVisibleAsync();
            var row = page.Locator("tr", new() { HasText = "Begära ut utredningen om arbetsförmåga" });
            await Expect(row).ToHaveCountAsync(1);
            await Expect(row.GetByTestId("due-client-link")).ToHaveTextAsync(code);
            await Expect(row.GetByTestId("due-overdue")).ToHaveTextAsync("Försenad");
            // 20 days ahead: not yet
            await Expect(page.Locator("tr", new() { HasText = "Boka ett första samtal om praktik" })).ToHaveCountAsync(0);
            await E2EFixture.AssertAccessibleAsync(page, "Mina uppgifter");
            await E2EFixture.ScreenshotAsync(page, "mina-uppgifter.png");
            await row.GetByTestId("due-client-link").ClickAsync();
            await page.WaitForURLAsync(u => u.EndsWith(clientPath));
        });

        // The printable summary: plain page, the print button hidden when printing.
        var firstPath = await Step("Utskrift av SIP", async () =>
        {
            await E2EFixture.WaitInteractiveAsync(page);
            await page.GetByTestId("sip-print").ClickAsync();
            await page.WaitForURLAsync(new Regex(@"/sip/\d+/utskrift$"));
            await E2EFixture.WaitInteractiveAsync(page);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Din SIP – sammanfattning" })).ToBeVisibleAsync();
            await Expect(page.GetByTestId("sip-print-measures")).ToContainTextAsync("Begära ut utredningen om arbetsförmåga");
            await Expect(page.GetByTestId("sip-print-goals")).ToHaveTextAsync("Komma igång med en sysselsättning");
            await Expect(page.GetByRole(AriaRole.Navigation)).ToHaveCountAsync(0); // no menu
            await Expect(page.GetByTestId("sip-print-button")).ToBeVisibleAsync();
            await E2EFixture.AssertAccessibleAsync(page, "SIP-utskrift");
            await page.EmulateMediaAsync(new() { Media = Media.Print });
            await Expect(page.GetByTestId("sip-print-button")).ToBeHiddenAsync();
            await E2EFixture.ScreenshotAsync(page, "sip-print.png");
            await page.EmulateMediaAsync(new() { Media = Media.Screen });
            return new Uri(page.Url).AbsolutePath.Replace("/utskrift", "");
        });

        // Follow-up: created from the client page, prefilled with the goals and both open measures.
        await Step("Uppföljande SIP-möte, förifyllt", async () =>
        {
            await GotoAsync(page, clientPath);
            await page.GetByTestId("sip-followup").ClickAsync();
            await page.WaitForURLAsync(new Regex(@"/sip/ny\?fran=\d+$"));
            await E2EFixture.WaitInteractiveAsync(page);
            await Expect(page.GetByTestId("sip-heading")).ToHaveTextAsync("Uppföljande SIP-möte");
            await Expect(page.GetByTestId("sip-followup-info")).ToBeVisibleAsync();
            await Expect(page.GetByLabel("Klientens egna mål (kort)")).ToHaveValueAsync("Komma igång med en sysselsättning");
            await Expect(page.GetByTestId("sip-measure-edit-row")).ToHaveCountAsync(2);
            await Expect(page.GetByLabel("Vad, åtgärd 1")).ToHaveValueAsync("Begära ut utredningen om arbetsförmåga");
            await Expect(page.GetByLabel("Vad, åtgärd 2")).ToHaveValueAsync("Boka ett första samtal om praktik");
            await Expect(page.GetByLabel("Datum", new() { Exact = true }))
                .ToHaveValueAsync(today.AddDays(30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            await E2EFixture.AssertAccessibleAsync(page, "Uppföljande SIP-möte");
            await page.GetByTestId("sip-save").ClickAsync();
        });

        // The planned follow-up is the current SIP: its date shows, the carried-over measures once each.
        await Step("Klientsidan visar planerad uppföljning", async () =>
        {
            await page.WaitForURLAsync(u => u.EndsWith(clientPath));
            await E2EFixture.WaitInteractiveAsync(page);
            await Expect(page.GetByTestId("sip-next-meeting")).ToContainTextAsync(Dates.Format(today.AddDays(30)));
            await Expect(page.GetByTestId("sip-measure-row")).ToHaveCountAsync(2);
            await Expect(page.GetByTestId("sip-followup")).ToHaveCountAsync(0);
            await Expect(page.GetByTestId("sip-meetings")).ToContainTextAsync("2 överförda till uppföljning");
            await E2EFixture.AssertAccessibleAsync(page, "Klientsidan med planerad uppföljning");
            await E2EFixture.ScreenshotAsync(page, "sip-client-panel-followup.png");
        });

        // The earlier meeting: its open measures are handed on, and it offers its follow-up instead of a second one.
        var followUpPath = await Step("Det tidigare mötet hänvisar till uppföljningen", async () =>
        {
            await GotoAsync(page, firstPath);
            await Expect(page.GetByTestId("sip-measures-handed-on")).ToBeVisibleAsync();
            await Expect(page.GetByText("Överförd till uppföljning").First).ToBeVisibleAsync();
            await Expect(page.GetByTestId("sip-create-followup")).ToHaveCountAsync(0);
            await Expect(page.GetByTestId("sip-open-followup")).ToBeVisibleAsync();
            await E2EFixture.AssertAccessibleAsync(page, "Uppföljt SIP-möte");
            await GotoAsync(page, firstPath.Replace("/sip/", "/sip/ny?fran="));
            await Expect(page.GetByTestId("sip-already-followed-up")).ToBeVisibleAsync();
            await E2EFixture.AssertAccessibleAsync(page, "Uppföljning finns redan");
            await page.GetByTestId("sip-open-existing-followup").ClickAsync();
            await page.WaitForURLAsync(new Regex(@"/sip/\d+$"));
            await E2EFixture.WaitInteractiveAsync(page);
            await Expect(page.GetByTestId("sip-heading")).ToHaveTextAsync($"SIP-möte {Dates.Format(today.AddDays(30))}");
            return new Uri(page.Url).AbsolutePath;
        });

        // Still due once in Mina uppgifter (the copy in the follow-up, not the handed-on original as well).
        await Step("Åtgärden finns en gång i Mina uppgifter", async () =>
        {
            await GotoAsync(page, "/uppgifter");
            await Expect(page.Locator("tr", new() { HasText = "Begära ut utredningen om arbetsförmåga" })).ToHaveCountAsync(1);
        });

        // Marked klar in the follow-up, the measure leaves Mina uppgifter.
        await Step("Klar åtgärd försvinner från Mina uppgifter", async () =>
        {
            await GotoAsync(page, followUpPath);
            await Expect(page.GetByLabel("Vad, åtgärd 1")).ToHaveValueAsync("Begära ut utredningen om arbetsförmåga");
            await E2EFixture.PickAsync(page, "sip-measure-status-0", "Klar");
            await page.GetByTestId("sip-save").ClickAsync();
            await page.WaitForURLAsync(u => u.EndsWith(clientPath));
            await E2EFixture.WaitInteractiveAsync(page);
            await Expect(page.GetByTestId("sip-measure-row")).ToHaveCountAsync(1);
            await page.GetByRole(AriaRole.Link, new() { Name = "Mina uppgifter" }).ClickAsync();
            await page.WaitForURLAsync(u => u.EndsWith("/uppgifter"));
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Mina uppgifter" })).ToBeVisibleAsync();
            await E2EFixture.WaitInteractiveAsync(page);
            await Expect(page.GetByTestId("due-table").Or(page.GetByTestId("due-empty"))).ToBeVisibleAsync();
            await Expect(page.Locator("tr", new() { HasText = "Begära ut utredningen om arbetsförmåga" })).ToHaveCountAsync(0);
            await E2EFixture.AssertAccessibleAsync(page, "Mina uppgifter efter klar åtgärd");
        });

        AssertNoConsoleErrors();
    }
}
