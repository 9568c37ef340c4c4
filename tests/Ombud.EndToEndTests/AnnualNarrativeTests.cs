using Microsoft.Playwright;
using Ombud.Web.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Ombud.EndToEndTests;

/// <summary>The lead writes the year's introduction, opens the verksamhetsberättelse and prints it.</summary>
[Collection(E2ECollection.Name)]
public sealed class AnnualNarrativeTests(E2EFixture fx) : E2ETestBase(fx)
{
    [Fact]
    public async Task Lead_writes_the_introduction_opens_the_verksamhetsberattelse_and_it_prints_on_several_pages()
    {
        var today = TimeProvider.System.Today();
        var year = today.Month == 1 ? today.Year - 1 : today.Year;
        var page = await SignInAsync("chef");
        await GotoAsync(page, "/arsrapport");
        var text = $"Året {year} i korthet.\n\nVi arbetade med väntetiderna till psykiatrin.";

        await Step("Skriv inledningen", async () =>
        {
            await page.GetByTestId("narrative-edit").ClickAsync();
            await page.GetByRole(AriaRole.Dialog).GetByLabel("Inledning").FillAsync(text);
            await page.GetByTestId("narrative-save").ClickAsync();
            await Expect(page.GetByText($"Inledningen för {year} är sparad.")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("narrative-introduction-preview")).ToContainTextAsync($"Året {year} i korthet.");
        });

        await Step("Öppna verksamhetsberättelsen", async () =>
        {
            await page.GetByTestId("narrative-open").ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Verksamhetsberättelse {year}", Level = 1 })).ToBeVisibleAsync();
            await Expect(page.GetByTestId("narrative-introduction").Locator("p.intro")).ToHaveTextAsync(
                [$"Året {year} i korthet.", "Vi arbetade med väntetiderna till psykiatrin."]);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Året i siffror" })).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Systembrister till ledningsgruppen" })).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Brukarundersökning", Level = 2 })).ToBeVisibleAsync();
            await E2EFixture.AssertAccessibleAsync(page, "Verksamhetsberättelse");
        });

        await Step("Skriv ut", async () =>
        {
            await page.EmulateMediaAsync(new() { Media = Media.Print });
            await Expect(page.GetByTestId("narrative-print-button")).ToBeHiddenAsync();
            await E2EFixture.ScreenshotAsync(page, "verksamhetsberattelse-print.png");
            var pdf = Path.Combine(Path.GetTempPath(), $"verksamhetsberattelse-{Guid.NewGuid():N}.pdf");
            try
            {
                await page.PdfAsync(new() { Path = pdf, Format = "A4" });
                var printed = await File.ReadAllTextAsync(pdf, System.Text.Encoding.Latin1);
                var pages = System.Text.RegularExpressions.Regex.Matches(printed, @"/Type\s*/Page[^s]").Count;
                Assert.True(pages >= 2, $"The printed document has {pages} page(s)");
            }
            finally
            {
                File.Delete(pdf);
            }
        });
        AssertNoConsoleErrors();
    }
}
