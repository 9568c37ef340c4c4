using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ombud.EndToEndTests;

/// <summary>
/// Brukarundersökning end to end: the lead starts a round and hands out 5 one-time codes; 3 are answered on a phone,
/// one paper form is typed in; the results show 4 answers and the response rate. Axe scans of the public page and the
/// results page.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class SurveyTests(E2EFixture fx) : E2ETestBase(fx)
{
    [Fact]
    public async Task Lead_hands_out_codes_three_answer_on_a_phone_one_on_paper_and_the_results_show_four_answers()
    {
        var page = await SignInAsync("chef");
        var name = $"E2E-undersökning {Guid.NewGuid().ToString("N")[..6]}";

        await Step("Ny undersökning", async () =>
        {
            await GotoAsync(page, "/enkater");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Brukarundersökning", Exact = true })).ToBeVisibleAsync();
            await E2EFixture.AssertAccessibleAsync(page, "Brukarundersökning");
            await page.GetByTestId("round-add").ClickAsync();
            await E2EFixture.FillAndCommitAsync(page.GetByLabel("Namn", new() { Exact = true }), name);
            await E2EFixture.FillAndCommitAsync(page.GetByLabel("Utdelade enkäter"), "5");
            await E2EFixture.FillAndCommitAsync(page.GetByLabel("Möjliga svarande"), "5");
            await E2EFixture.AssertAccessibleAsync(page, "Ny undersökning");
            await page.GetByTestId("round-save").ClickAsync();
            await Expect(page.GetByText("Undersökningen är sparad.")).ToBeVisibleAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = name }).ClickAsync();
            await page.WaitForURLAsync(new Regex(@"/enkater/\d+$"));
            await E2EFixture.WaitInteractiveAsync(page);
            await Expect(page.GetByTestId("round-heading")).ToHaveTextAsync(name);
            await Expect(page.GetByTestId("results-empty")).ToBeVisibleAsync();
        });

        var codes = await Step("Fem svarskoder", async () =>
        {
            await page.GetByRole(AriaRole.Tab, new() { Name = "Svarskoder" }).ClickAsync();
            await E2EFixture.FillAndCommitAsync(page.GetByLabel("Antal koder"), "5");
            await page.GetByTestId("codes-make").ClickAsync();
            await Expect(page.GetByTestId("code-card")).ToHaveCountAsync(5);
            await E2EFixture.ScreenshotAsync(page, "survey-codes.png");
            return await page.GetByTestId("code-text").AllInnerTextsAsync();
        });

        var phone = await Fx.NewPhoneContextAsync();
        await Step("Tre svar på mobilen", async () =>
        {
            var p = await phone.NewPageAsync();
            // The first by the card's QR link, the others typed in as printed.
            await p.GotoAsync($"{BaseUrl}/enkat?kod={codes[0]}");
            await Expect(p.GetByTestId("survey-form")).ToBeVisibleAsync();
            await E2EFixture.AssertAccessibleAsync(p, "Enkäten på mobilen");
            Assert.True(await p.EvaluateAsync<bool>("document.documentElement.scrollWidth <= document.documentElement.clientWidth"),
                "the public form scrolls sideways at 390 px");
            await E2EFixture.ScreenshotAsync(p, "survey-phone-form.png");
            await p.GetByLabel("Kvinna", new() { Exact = true }).CheckAsync();
            await p.GetByLabel("Ja", new() { Exact = true }).CheckAsync();
            await p.GetByTestId("survey-submit").ClickAsync();
            await Expect(p.GetByTestId("survey-thanks")).ToBeVisibleAsync();
            await E2EFixture.AssertAccessibleAsync(p, "Tack-sidan");

            foreach (var code in codes.Skip(1).Take(2))
            {
                await p.GotoAsync($"{BaseUrl}/enkat");
                await E2EFixture.AssertAccessibleAsync(p, "Enkätens kodsida");
                await p.GetByLabel("Kod").FillAsync(code.ToLowerInvariant());
                await p.GetByRole(AriaRole.Button, new() { Name = "Öppna enkäten" }).ClickAsync();
                await Expect(p.GetByTestId("survey-form")).ToBeVisibleAsync();
                await p.GetByLabel("Man", new() { Exact = true }).CheckAsync();
                await p.GetByTestId("survey-submit").ClickAsync();
                await Expect(p.GetByTestId("survey-thanks")).ToBeVisibleAsync();
            }

            // A used code is refused in plain Swedish.
            await p.GotoAsync($"{BaseUrl}/enkat?kod={codes[0]}");
            await Expect(p.GetByTestId("survey-error")).ToHaveTextAsync("Koden är redan använd. Varje kod kan bara användas en gång.");
            await E2EFixture.ScreenshotAsync(p, "survey-phone-used-code.png");
        });
        await phone.DisposeAsync();

        await Step("En pappersenkät", async () =>
        {
            await page.GetByRole(AriaRole.Tab, new() { Name = "Lägg in pappersenkät" }).ClickAsync();
            await E2EFixture.FillAndCommitAsync(page.GetByLabel("Blankettens nummer"), "1");
            await page.GetByLabel("Kvinna", new() { Exact = true }).CheckAsync();
            await page.GetByTestId("paper-save").ClickAsync();
            await Expect(page.GetByText("Blankett nr 1 är sparad.")).ToBeVisibleAsync();
        });

        await Step("Resultatet: fyra svar, svarsfrekvens 80 %", async () =>
        {
            await page.GetByRole(AriaRole.Tab, new() { Name = "Resultat" }).ClickAsync();
            await Expect(page.GetByTestId("round-answers")).ToHaveTextAsync("4 (1 på papper, 3 på webben)");
            await Expect(page.GetByTestId("round-rate-possible")).ToHaveTextAsync("80 %");
            await Expect(page.GetByTestId("round-rate-handed-out")).ToHaveTextAsync("80 %");
            // 2 women and 2 men: too few for a breakdown by gender
            await Expect(page.GetByTestId("breakdown-note").First).ToContainTextAsync("för få svar");
            await E2EFixture.AssertAccessibleAsync(page, "Undersökningens resultat");
            await E2EFixture.ScreenshotAsync(page, "survey-results.png");
        });
        AssertNoConsoleErrors();
    }
}
