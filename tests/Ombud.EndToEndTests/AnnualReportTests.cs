using ClosedXML.Excel;
using Microsoft.Playwright;
using Ombud.Web.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Ombud.EndToEndTests;

[Collection(E2ECollection.Name)]
public sealed class AnnualReportTests(E2EFixture fx) : E2ETestBase(fx)
{
    [Fact]
    public async Task Unit_lead_enters_fte_compares_with_last_year_sees_charts_and_downloads_the_xlsx()
    {
        var today = TimeProvider.System.Today();
        var year = today.Month == 1 ? today.Year - 1 : today.Year;
        var page = await SignInAsync("chef");
        await GotoAsync(page, "/arsrapport");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Årsrapport till Länsstyrelsen" })).ToBeVisibleAsync();

        // The comparison is on by default: the year, the previous year and the difference per row.
        var clients = page.GetByTestId("report-clients");
        await Step("Jämförelse och diagram", async () =>
        {
            await Expect(clients.Locator("thead th")).ToHaveTextAsync(["Kön", $"{year}", $"{year - 1}", "Skillnad"]);
            await Expect(clients.GetByRole(AriaRole.Rowheader, new() { Name = "Kvinnor" })).ToBeVisibleAsync();

            // Charts with an accessible name; the table beside holds the numbers.
            var chartName = $"Diagram: åldersgrupper {year} jämfört med {year - 1}. Siffrorna finns i tabellen bredvid.";
            await Expect(page.GetByRole(AriaRole.Img, new() { Name = chartName })).ToBeVisibleAsync();
            await Expect(page.GetByTestId("report-chart-age-groups").Locator("svg").First).ToBeVisibleAsync();
            await Expect(page.GetByTestId("report-chart-clients").Locator("svg").First).ToBeVisibleAsync();
        });

        // Årsarbetare: a bad value is refused in Swedish, a good one saved with feedback and shown in the table.
        await Step("Ange årsarbetare", async () =>
        {
            var fte = page.GetByLabel($"Årsarbetare {year}");
            await E2EFixture.FillAndCommitAsync(fte, "2000");
            await page.GetByTestId("report-fte-save").ClickAsync();
            await Expect(page.GetByText("Årsarbetare ska vara mellan 0 och 1000.").First).ToBeVisibleAsync();
            await E2EFixture.FillAndCommitAsync(fte, "3,5");
            await page.GetByTestId("report-fte-save").ClickAsync();
            await Expect(page.GetByText($"Årsarbetare för {year} är sparade.")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("report-fte").GetByRole(AriaRole.Row, new() { Name = "Årsarbetare" })).ToContainTextAsync("3,5");

            await E2EFixture.AssertAccessibleAsync(page, "Årsrapport med jämförelse och diagram");
            await E2EFixture.ScreenshotAsync(page, "annual-report-comparison.png");
        });

        await Step("Ladda ner xlsx", async () =>
        {
            var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("report-export-xlsx").ClickAsync());
            Assert.Equal($"arsrapport-{year}.xlsx", download.SuggestedFilename);
            Directory.CreateDirectory(E2EFixture.ArtifactsDir);
            var path = Path.Combine(E2EFixture.ArtifactsDir, "arsrapport.xlsx");
            await download.SaveAsAsync(path);
            var womenOnPage = await clients.GetByRole(AriaRole.Row, new() { Name = "Kvinnor" }).Locator("td").First.InnerTextAsync();
            using (var wb = new XLWorkbook(path))
            {
                var cover = wb.Worksheet("Försättsblad");
                Assert.Equal("Årsrapport till Länsstyrelsen", cover.Cell(1, 1).GetString());
                Assert.Equal(year.ToString(), cover.Cell(4, 2).GetString());
                Assert.Equal("Alla kommuner", cover.Cell(6, 2).GetString());
                var ws = wb.Worksheet("Klienter under året");
                Assert.Equal("Kvinnor", ws.Cell(3, 1).GetString());
                Assert.Equal(womenOnPage, ws.Cell(3, 2).GetString());
                Assert.Equal(3.5, wb.Worksheet("Årsarbetare").Cell(2, 2).GetDouble());
            }
        });

        // Publication mode: small counts become "–" with a footnote; switched off, the exact figures are back.
        await Step("Publiceringsläge", async () =>
        {
            var womenExact = await clients.GetByRole(AriaRole.Row, new() { Name = "Kvinnor" }).Locator("td").First.InnerTextAsync();
            await page.GetByLabel("Publiceringsläge").ClickAsync();
            await Expect(page.GetByTestId("report-publication-note")).ToBeVisibleAsync();
            await Expect(page.GetByText("– = dolt för publicering: 1–3").First).ToBeVisibleAsync();
            await Expect(page.GetByTestId("report-export-csv"))
                .ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("publicera=ja"));
            await E2EFixture.AssertAccessibleAsync(page, "Årsrapport i publiceringsläge");
            await E2EFixture.ScreenshotAsync(page, "annual-report-publication.png");
            await page.GetByLabel("Publiceringsläge").ClickAsync();
            await Expect(page.GetByTestId("report-publication-note")).ToHaveCountAsync(0);
            await Expect(clients.GetByRole(AriaRole.Row, new() { Name = "Kvinnor" }).Locator("td").First).ToHaveTextAsync(womenExact);
        });

        // Turned off, the tables show the year only.
        await Step("Utan jämförelse", async () =>
        {
            await page.GetByLabel($"Jämför med {year - 1}").ClickAsync();
            await Expect(clients.Locator("thead th")).ToHaveTextAsync(["Kön", $"{year}"]);
        });

        // The print layout: no menu, every table.
        await Step("Utskriftsversionen", async () =>
        {
            await GotoAsync(page, $"/arsrapport/utskrift?ar={year}");
            await Expect(page.GetByTestId("report-print")).ToContainTextAsync("Kontaktorsaker");
            await Expect(page.Locator("nav")).ToHaveCountAsync(0);
            await E2EFixture.AssertAccessibleAsync(page, "Årsrapport utskrift");
            await E2EFixture.ScreenshotAsync(page, "annual-report-print.png");
        });

        AssertNoConsoleErrors();
    }

    [Fact]
    public async Task Unit_lead_enters_posts_per_municipality_and_marks_last_year_as_submitted()
    {
        var today = TimeProvider.System.Today();
        var year = (today.Month == 1 ? today.Year - 1 : today.Year) - 1;
        var page = await SignInAsync("chef");
        await GotoAsync(page, "/arsrapport");
        await E2EFixture.PickAsync(page, "report-year", year.ToString());
        await Expect(page.GetByTestId("report-clients").Locator("thead th").Nth(1)).ToHaveTextAsync($"{year}");

        await Step("Årsarbetare per kommun", async () =>
        {
            var first = page.Locator("[data-testid=report-posts-input] input, input[data-testid=report-posts-input]").First;
            await E2EFixture.FillAndCommitAsync(first, "1,5");
            await page.GetByTestId("report-posts-save").ClickAsync();
            await Expect(page.GetByText($"Årsarbetare per kommun för {year} är sparade.")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("report-posts")).ToContainTextAsync("1,5");
        });

        await Step("Markera som inlämnad", async () =>
        {
            await page.GetByTestId("report-submit").ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Markera som inlämnad", Exact = true }).ClickAsync();
            await Expect(page.GetByText($"Årsrapporten för {year} är markerad som inlämnad.")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("report-submitted")).ToContainTextAsync("Inlämnad");
            await Expect(page.GetByTestId("report-submitted-download")).ToBeVisibleAsync();
            await E2EFixture.AssertAccessibleAsync(page, "Årsrapport inlämnad");
            await E2EFixture.ScreenshotAsync(page, "annual-report-submitted.png");
        });
        AssertNoConsoleErrors();
    }
}
