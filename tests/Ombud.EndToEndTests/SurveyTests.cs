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
            var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("round-export").ClickAsync());
            Assert.Matches(@"^brukarundersokning-\d+\.xlsx$", download.SuggestedFilename);
        });
        AssertNoConsoleErrors();
    }

    [Fact]
    public async Task Lead_copies_the_default_template_edits_its_questions_and_the_easy_wording_shows_on_the_phone()
    {
        var page = await SignInAsync("chef");
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var template = $"E2E-enkät {suffix}";
        var round = $"E2E-omgång {suffix}";

        await Step("Kopiera standardenkäten", async () =>
        {
            await GotoAsync(page, "/enkater");
            await page.GetByRole(AriaRole.Button, new() { Name = "Kopiera Enkät om personligt ombud (Södermalm 2019)" }).ClickAsync();
            await page.WaitForURLAsync(new Regex(@"/enkater/mallar/\d+$"));
            await E2EFixture.WaitInteractiveAsync(page);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Ändra enkät" })).ToBeVisibleAsync();
            await Expect(page.GetByTestId("template-question")).ToHaveCountAsync(10);
        });

        await Step("Ändra frågorna", async () =>
        {
            await E2EFixture.FillAndCommitAsync(page.GetByLabel("Namn", new() { Exact = true }), template);
            await E2EFixture.FillAndCommitAsync(page.GetByLabel("Lättläst formulering (valfri)").First, "Hur fick du veta om ombudet?");
            await page.GetByRole(AriaRole.Button, new() { Name = "Ta bort fråga 10" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Ta bort", Exact = true }).ClickAsync();
            await Expect(page.GetByTestId("template-question")).ToHaveCountAsync(9);
            await page.GetByTestId("question-add").ClickAsync();
            await Expect(page.GetByTestId("template-question")).ToHaveCountAsync(10);
            var added = page.GetByTestId("template-question").Last;
            // Saving with the new question still empty names what is missing.
            await page.GetByTestId("template-save").ClickAsync();
            await Expect(page.GetByTestId("template-errors")).ToContainTextAsync("Fråga 10: Skriv frågan.");
            await E2EFixture.FillAndCommitAsync(added.GetByLabel("Frågan", new() { Exact = true }),
                "Skulle du rekommendera ett ombud till en vän?");
            await E2EFixture.FillAndCommitAsync(added.GetByLabel("Alternativ 1", new() { Exact = true }), "Ja");
            await E2EFixture.FillAndCommitAsync(added.GetByLabel("Alternativ 2", new() { Exact = true }), "Nej");
            await E2EFixture.AssertAccessibleAsync(page, "Ändra enkät");
            await page.GetByTestId("template-save").ClickAsync();
            await Expect(page.GetByText("Enkäten är sparad.")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("template-errors")).ToHaveCountAsync(0);
            await E2EFixture.ScreenshotAsync(page, "survey-template-editor.png");
            // Saved as typed: the page loads it again.
            await page.ReloadAsync();
            await E2EFixture.WaitInteractiveAsync(page);
            await Expect(page.GetByLabel("Namn", new() { Exact = true })).ToHaveValueAsync(template);
            await Expect(page.GetByTestId("template-question").Last.GetByLabel("Frågan", new() { Exact = true }))
                .ToHaveValueAsync("Skulle du rekommendera ett ombud till en vän?");
        });

        await Step("En undersökning med den ändrade enkäten", async () =>
        {
            await GotoAsync(page, "/enkater");
            await page.GetByTestId("round-add").ClickAsync();
            await E2EFixture.FillAndCommitAsync(page.GetByLabel("Namn", new() { Exact = true }), round);
            await E2EFixture.PickAsync(page, "round-template", template);
            await page.GetByTestId("round-save").ClickAsync();
            await Expect(page.GetByText("Undersökningen är sparad.")).ToBeVisibleAsync();
            // Used now: the template page shows it read-only.
            await page.GetByRole(AriaRole.Link, new() { Name = template }).ClickAsync();
            await E2EFixture.WaitInteractiveAsync(page);
            await Expect(page.GetByTestId("template-readonly")).ToContainTextAsync("används i en undersökning");
            await E2EFixture.AssertAccessibleAsync(page, "Använd enkät");
        });

        var code = await Step("En svarskod", async () =>
        {
            await GotoAsync(page, "/enkater");
            await page.GetByRole(AriaRole.Link, new() { Name = round }).ClickAsync();
            await page.WaitForURLAsync(new Regex(@"/enkater/\d+$"));
            await E2EFixture.WaitInteractiveAsync(page);
            await page.GetByRole(AriaRole.Tab, new() { Name = "Svarskoder" }).ClickAsync();
            await E2EFixture.FillAndCommitAsync(page.GetByLabel("Antal koder"), "1");
            await page.GetByTestId("codes-make").ClickAsync();
            await Expect(page.GetByTestId("code-card")).ToHaveCountAsync(1);
            return (await page.GetByTestId("code-text").AllInnerTextsAsync()).Single();
        });

        var phone = await Fx.NewPhoneContextAsync();
        await Step("Lättläst på mobilen", async () =>
        {
            var p = await phone.NewPageAsync();
            await p.GotoAsync($"{BaseUrl}/enkat?kod={code}");
            await Expect(p.GetByTestId("survey-question")).ToHaveCountAsync(10);
            var easy = p.GetByTestId("survey-easy");
            await Expect(easy).ToHaveCountAsync(1);
            await Expect(easy.GetByText("Hur fick du veta om ombudet?")).ToBeHiddenAsync();
            await easy.GetByText("Lättläst").ClickAsync();
            await Expect(easy.GetByText("Hur fick du veta om ombudet?")).ToBeVisibleAsync();
            await Expect(p.GetByText("Skulle du rekommendera ett ombud till en vän?")).ToBeVisibleAsync();
            await E2EFixture.AssertAccessibleAsync(p, "Enkäten med lättläst text");
            await E2EFixture.ScreenshotAsync(p, "survey-phone-easy.png");
        });
        await phone.DisposeAsync();
        AssertNoConsoleErrors();
    }
}
