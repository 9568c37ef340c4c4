using System.Text;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ombud.EndToEndTests;

/// <summary>
/// The unit lead imports a tally sheet: a bad file shows every error and writes nothing; a good one is previewed, confirmed and imported.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class ImportTests(E2EFixture fx) : E2ETestBase(fx)
{
    private static FilePayload Csv(string name, string text) =>
        new() { Name = name, MimeType = "text/csv", Buffer = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text)).ToArray() };

    /// <summary>MudFileUpload keeps used inputs hidden (d-none) beside the active one.</summary>
    private static ILocator FileInput(IPage page) => page.Locator("input[type=file]:not(.d-none)");

    [Fact]
    public async Task Chef_uploads_a_csv_sees_the_errors_then_previews_confirms_and_sees_the_success()
    {
        var code = "E2E" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        const string header = "Klientkod;Kön;Födelseår;Kommun;Hemmavarande " +
                              "barn;Kontaktväg;Kontaktorsaker;Startdatum;Slutdatum;Avslutsorsak;Ombud";
        var page = await SignInAsync("chef");
        await Step("Importsidan utan fil", async () =>
        {
            await GotoAsync(page, "/");
            await page.GetByRole(AriaRole.Link, new() { Name = "Importera uppdrag" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Importera uppdrag" })).ToBeVisibleAsync();
            await E2EFixture.WaitInteractiveAsync(page);
            await Expect(page.GetByTestId("import-empty")).ToBeVisibleAsync();
            await E2EFixture.AssertAccessibleAsync(page, "Import, ingen fil");
        });

        // A bad file: every error by row and column, nothing to confirm.
        await Step("En fil med fel", async () =>
        {
            await FileInput(page).SetInputFilesAsync(Csv("fel.csv",
                $"{header}\n{code};Kvinna;1975;Demostad;Nej;Egen kontakt;Ekonomi;2024-02-30;;;ombud\n" +
                $"{code}B;Robot;;Demostad;;Grannen;Ekonomi;2024-01-01;;;ombud\n"));
            await Expect(page.GetByTestId("import-invalid")).ToContainTextAsync("Filen har 3 fel");
            var errors = page.GetByTestId("import-errors");
            await Expect(errors).ToContainTextAsync("Datumet 2024-02-30 finns inte.");
            await Expect(errors.Locator("tbody tr")).ToHaveCountAsync(3);
            await Expect(errors.Locator("tbody tr").Nth(1)).ToContainTextAsync("Kön");
            await Expect(page.GetByTestId("import-confirm")).ToHaveCountAsync(0);
            await E2EFixture.AssertAccessibleAsync(page, "Import, fel i filen");
            await E2EFixture.ScreenshotAsync(page, "import-errors.png");
        });

        // A good file: preview with counts, then confirm.
        await Step("Förhandsgranskning av en korrekt fil", async () =>
        {
            await FileInput(page).SetInputFilesAsync(Csv("lista.csv",
                $"{header}\n{code};Kvinna;1975;Demostad;Nej;Egen kontakt;Ekonomi|Bryta isolering;2024-02-01;2024-12-20;Flyttat;\n" +
                $"{code};Kvinna;1975;Demostad;Nej;Psykiatrin;Annat;2025-01-10;;;ombud\n"));
            await Expect(page.GetByTestId("import-summary")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("import-new-clients")).ToHaveTextAsync("1");
            await Expect(page.GetByTestId("import-new-mandates")).ToHaveTextAsync("2");
            await Expect(page.GetByTestId("import-present")).ToHaveTextAsync("0");
            await E2EFixture.AssertAccessibleAsync(page, "Import, förhandsgranskning");
            await E2EFixture.ScreenshotAsync(page, "import-preview.png");
        });

        await Step("Bekräfta importen", async () =>
        {
            await page.GetByTestId("import-confirm").ClickAsync();
            await Expect(page.GetByTestId("import-done")).ToContainTextAsync("Importen är klar: 2 uppdrag för 1 klient.");
            await Expect(page.GetByText("Importen är klar: 2 uppdrag importerades.")).ToBeVisibleAsync();
            await E2EFixture.AssertAccessibleAsync(page, "Import klar");
            await E2EFixture.ScreenshotAsync(page, "import-done.png");
        });

        // The same file again: recognised, nothing new.
        await Step("Samma fil igen", async () =>
        {
            await FileInput(page).SetInputFilesAsync(Csv("lista-igen.csv",
                $"{header}\n{code};Kvinna;1975;Demostad;Nej;Egen kontakt;Ekonomi|Bryta isolering;2024-02-01;2024-12-20;Flyttat;\n" +
                $"{code};Kvinna;1975;Demostad;Nej;Psykiatrin;Annat;2025-01-10;;;ombud\n"));
            await Expect(page.GetByTestId("import-nothing-new")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("import-present")).ToHaveTextAsync("2");
        });
    }
}
