using ClosedXML.Excel;
using Microsoft.Playwright;
using Ombud.Web.Data.Seed;
using Ombud.Web.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Ombud.EndToEndTests;

/// <summary>
/// The Systemadministratör creates a Regional uppföljare and grants it two units; the regional user signs in, sees both
/// units' published figures side by side with their sum, downloads the workbook, and has nothing else; then the
/// Systemadministratör gives the account a new password (its session ends) and closes it.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class RegionalRollUpTests(E2EFixture fx) : E2ETestBase(fx)
{
    private const string DemoUnit = "Personligt ombud Demostad (påhittad)";

    [Fact]
    public async Task A_system_admin_grants_two_units_and_the_regional_viewer_sees_both_and_their_sum()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var unitName = $"PO Regionby {suffix}";
        var viewer = $"region.{suffix}";
        var viewerName = $"Rakel Region {suffix}";
        var page = await SignInAsync("sysadmin");

        await Step("En andra enhet", async () =>
        {
            await page.GetByTestId("units-add").ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog);
            await E2EFixture.FillAndCommitAsync(dialog.GetByLabel("Enhetens namn"), unitName);
            await E2EFixture.FillAndCommitAsync(dialog.GetByLabel("Kommuner eller stadsdelar"), "Regionby");
            await page.GetByTestId("unit-save").ClickAsync();
            await Expect(page.GetByText($"Enheten {unitName} är skapad.")).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Dialog)).ToContainTextAsync($"Administratör för {unitName}");
            await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Avbryt" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        });

        await Step("Ny regional uppföljare", async () =>
        {
            await page.GetByTestId("region-add-viewer").ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog);
            await Expect(dialog).ToContainTextAsync("regional uppföljare");
            await E2EFixture.FillAndCommitAsync(dialog.GetByLabel("Användarnamn"), viewer);
            await E2EFixture.FillAndCommitAsync(dialog.GetByLabel("Namn", new() { Exact = true }), viewerName);
            await E2EFixture.FillAndCommitAsync(dialog.GetByLabel("Lösenord"), DemoData.Password);
            await page.GetByTestId("admin-save").ClickAsync();
            await Expect(page.GetByText($"Kontot {viewer} är skapat.")).ToBeVisibleAsync();
        });

        await Step("Två enheter kryssas i", async () =>
        {
            var card = page.Locator("[data-testid=region-viewer]", new() { HasText = viewerName });
            await Expect(card).ToBeVisibleAsync();
            foreach (var unit in new[] { DemoUnit, unitName })
            {
                await card.GetByRole(AriaRole.Checkbox, new() { Name = unit }).CheckAsync();
                await Expect(page.GetByText($"{viewerName} ser nu {unit}.")).ToBeVisibleAsync();
            }
            await Expect(card.GetByRole(AriaRole.Checkbox, new() { Name = DemoUnit })).ToBeCheckedAsync();
            await Expect(card.GetByRole(AriaRole.Checkbox, new() { Name = unitName })).ToBeCheckedAsync();
            await E2EFixture.AssertAccessibleAsync(page, "Enheter med regionala uppföljare");
        });

        await using var ctx = await Fx.NewContextAsync();
        var region = await SignInAsync(viewer, ctx);
        var year = TimeProvider.System.Today().Year - 1;

        await Step("Den regionala uppföljaren ser båda enheterna och summan", async () =>
        {
            await Expect(region).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/region$"));
            await Expect(region.GetByRole(AriaRole.Heading, new() { Name = "Regional uppföljning" })).ToBeVisibleAsync();
            var clients = region.GetByTestId("region-clients");
            await Expect(clients.GetByRole(AriaRole.Columnheader, new() { Name = DemoUnit })).ToBeVisibleAsync();
            await Expect(clients.GetByRole(AriaRole.Columnheader, new() { Name = unitName })).ToBeVisibleAsync();
            await Expect(clients.GetByRole(AriaRole.Columnheader, new() { Name = "Summa" })).ToBeVisibleAsync();
            await Expect(region.GetByRole(AriaRole.Link, new() { Name = "Årsrapport" })).ToHaveCountAsync(0);
            await Expect(region.GetByRole(AriaRole.Link, new() { Name = "Mina klienter" })).ToHaveCountAsync(0);
            await E2EFixture.AssertAccessibleAsync(region, "Regional uppföljning");
            await E2EFixture.ScreenshotAsync(region, "regional-rollup.png");
        });

        await Step("Ladda ner xlsx: ett blad per enhet och summan", async () =>
        {
            var download = await region.RunAndWaitForDownloadAsync(() => region.GetByTestId("region-export-xlsx").ClickAsync());
            Assert.Equal($"regional-sammanstallning-{year}.xlsx", download.SuggestedFilename);
            Directory.CreateDirectory(E2EFixture.ArtifactsDir);
            var path = Path.Combine(E2EFixture.ArtifactsDir, "regional-sammanstallning.xlsx");
            await download.SaveAsAsync(path);
            using var wb = new XLWorkbook(path);
            var names = wb.Worksheets.Select(w => w.Name).ToList();
            Assert.Contains(unitName, names);
            Assert.Contains("Summa", names);
            Assert.Contains(names, n => DemoUnit.StartsWith(n)); // sheet names are cut at 31 characters
        });

        await Step("Inget annat", async () =>
        {
            foreach (var path in new[] { "/arsrapport", "/klienter", "/systembrister", "/enkater" })
            {
                await GotoAsync(region, path);
                await Expect(region.GetByText("Ingen behörighet").First).ToBeVisibleAsync();
            }
        });

        var card = page.Locator("[data-testid=region-viewer]", new() { HasText = viewerName });
        await Step("Systemadministratören ger kontot ett nytt lösenord", async () =>
        {
            await card.GetByTestId("region-new-password").ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog);
            await E2EFixture.FillAndCommitAsync(dialog.GetByLabel("Nytt lösenord"), "kort");
            await page.GetByTestId("region-password-save").ClickAsync();
            await Expect(dialog).ToContainTextAsync("minst 10 tecken");
            await E2EFixture.AssertAccessibleAsync(page, "Nytt lösenord för en regional uppföljare");
            await E2EFixture.FillAndCommitAsync(dialog.GetByLabel("Nytt lösenord"), "Nytt-region-2026");
            await page.GetByTestId("region-password-save").ClickAsync();
            await Expect(page.GetByText($"{viewerName} har fått ett nytt lösenord.")).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        });

        await Step("Den regionala uppföljarens gamla inloggning gäller inte längre", async () =>
        {
            await region.GotoAsync(BaseUrl + "/region");
            await Expect(region).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/konto/logga-in"));
        });

        await Step("Systemadministratören stänger kontot, efter en bekräftelse", async () =>
        {
            await card.GetByTestId("region-deactivate").ClickAsync();
            var confirm = page.GetByRole(AriaRole.Dialog);
            await Expect(confirm).ToContainTextAsync("kan inte logga in efter detta");
            await confirm.GetByRole(AriaRole.Button, new() { Name = "Stäng kontot", Exact = true }).ClickAsync();
            await Expect(page.GetByText($"Kontot för {viewerName} är stängt.")).ToBeVisibleAsync();
            await Expect(card).ToContainTextAsync("– stängt");
            await Expect(card.GetByTestId("region-activate")).ToBeVisibleAsync();
            await Expect(card.GetByRole(AriaRole.Checkbox, new() { Name = unitName })).ToBeCheckedAsync(); // the grants stay
            await E2EFixture.AssertAccessibleAsync(page, "Enheter med ett stängt regionalt konto");
        });
    }
}
