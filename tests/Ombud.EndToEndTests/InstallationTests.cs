using Microsoft.Playwright;
using Ombud.Web.Data.Seed;
using static Microsoft.Playwright.Assertions;

namespace Ombud.EndToEndTests;

/// <summary>The Systemadministratör sets up a new unit with its first admin, who then runs that unit and only that.</summary>
[Collection(E2ECollection.Name)]
public sealed class InstallationTests(E2EFixture fx) : E2ETestBase(fx)
{
    [Fact]
    public async Task A_system_admin_adds_a_unit_whose_first_admin_runs_it_without_the_installation_pages()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var unitName = $"PO Söderort {suffix}";
        var adminName = $"soderort.{suffix}";
        var page = await SignInAsync("sysadmin");

        await Step("Enheter är systemadministratörens startsida", async () =>
        {
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Enheter", Exact = true })).ToBeVisibleAsync();
            await Expect(page.GetByTestId("units-table")).ToContainTextAsync("Exempelby");
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Enhetens ärenden" })).ToHaveCountAsync(0);
            await E2EFixture.AssertAccessibleAsync(page, "Enheter");
        });

        await Step("Ny enhet med kommuner", async () =>
        {
            await page.GetByTestId("units-add").ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog);
            await Expect(dialog).ToContainTextAsync("Ny enhet");
            await page.GetByTestId("unit-save").ClickAsync();
            await Expect(dialog).ToContainTextAsync("Ange minst en kommun eller stadsdel");
            await E2EFixture.FillAndCommitAsync(dialog.GetByLabel("Enhetens namn"), unitName);
            await E2EFixture.FillAndCommitAsync(dialog.GetByLabel("Kommuner eller stadsdelar"), "Farsta\nEnskede");
            await E2EFixture.AssertAccessibleAsync(page, "Ny enhet");
            await page.GetByTestId("unit-save").ClickAsync();
            await Expect(page.GetByText($"Enheten {unitName} är skapad.")).ToBeVisibleAsync();
        });

        await Step("Enhetens första administratör", async () =>
        {
            var dialog = page.GetByRole(AriaRole.Dialog);
            await Expect(dialog).ToContainTextAsync($"Administratör för {unitName}");
            await E2EFixture.FillAndCommitAsync(dialog.GetByLabel("Användarnamn"), adminName);
            await E2EFixture.FillAndCommitAsync(dialog.GetByLabel("Namn", new() { Exact = true }), "Saga Söderort");
            await E2EFixture.FillAndCommitAsync(dialog.GetByLabel("Lösenord"), DemoData.Password);
            await E2EFixture.AssertAccessibleAsync(page, "Ny administratör");
            await page.GetByTestId("admin-save").ClickAsync();
            await Expect(page.GetByText($"Kontot {adminName} är skapat i {unitName}.")).ToBeVisibleAsync();
            var row = page.Locator("[data-testid=units-table] tbody tr", new() { HasText = unitName });
            await Expect(row).ToContainTextAsync("Farsta, Enskede");
            await Expect(row.GetByTestId("units-users")).ToHaveTextAsync("1");
            await E2EFixture.ScreenshotAsync(page, "installation-units.png");
        });

        await Step("Den nya administratören ser sin enhet och inte installationens sidor", async () =>
        {
            await using var ctx = await Fx.NewContextAsync();
            var admin = await SignInAsync(adminName, ctx);
            await GotoAsync(admin, "/admin/enheten");
            await Expect(admin.GetByText("Farsta").First).ToBeVisibleAsync();
            await Expect(admin.GetByText("Exempelby")).ToHaveCountAsync(0);
            await GotoAsync(admin, "/installation/enheter");
            await Expect(admin.GetByText("Ingen behörighet").First).ToBeVisibleAsync();
        });
    }
}
