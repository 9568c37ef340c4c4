using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ombud.EndToEndTests;

[Collection(E2ECollection.Name)]
public sealed class RolePagesTests(E2EFixture fx) : E2ETestBase(fx)
{
    [Fact]
    public async Task Unit_lead_lands_on_the_overview_with_counts_only()
    {
        var page = await SignInAsync("chef");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Enhetens ärenden" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("overview-table")).ToContainTextAsync("Elin Demoberg");
        await Expect(page.GetByTestId("overview-trend").Locator("tbody tr")).ToHaveCountAsync(12);
        await Expect(page.GetByTestId("overview-needs")).ToContainTextAsync("Totalt");
        await E2EFixture.AssertAccessibleAsync(page, "Enhetens ärenden");
        await E2EFixture.ScreenshotAsync(page, "caseload-overview.png");
        await GotoAsync(page, "/arsrapport");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Årsrapport till Länsstyrelsen" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("report-clients")).ToContainTextAsync("Klienter under året");
        await E2EFixture.AssertAccessibleAsync(page, "Årsrapport");
        await E2EFixture.ScreenshotAsync(page, "annual-report.png");

        await GotoAsync(page, "/klienter/1");
        await Expect(page.GetByText("Ingen behörighet").First).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Unit_lead_puts_a_person_on_the_waiting_list_and_assigns_an_ombud_who_sees_the_client_at_once()
    {
        var page = await SignInAsync("chef");
        var code = await Step("Lägg till på väntelistan", async () =>
        {
            await GotoAsync(page, "/enheten/vantelista");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Väntelista" })).ToBeVisibleAsync();
            await page.GetByTestId("waiting-add").ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog);
            await Expect(dialog).ToContainTextAsync("Lägg till på väntelistan");
            await E2EFixture.PickAsync(page, "waiting-municipality", "Exempelby");
            await E2EFixture.PickAsync(page, "waiting-referral", "Psykiatrin");
            await dialog.GetByText("Stöd i kontakten med myndigheter", new() { Exact = true }).ClickAsync();
            await E2EFixture.AssertAccessibleAsync(page, "Väntelistedialog");
            await page.GetByTestId("waiting-save").ClickAsync();
            var added = page.GetByText("står nu på väntelistan");
            await Expect(added).ToBeVisibleAsync();
            return (await added.TextContentAsync())!.Split(' ')[0];
        });

        await Step("Tilldela ett ombud", async () =>
        {
            await page.GetByTestId("waiting-only-unassigned").ClickAsync();
            var row = page.Locator("[data-testid=waiting-table] tbody tr", new() { HasText = code });
            await Expect(row).ToContainTextAsync("Inget ännu");
            await E2EFixture.AssertAccessibleAsync(page, "Väntelista");
            await E2EFixture.ScreenshotAsync(page, "waiting-list.png");

            await row.GetByTestId("waiting-assign").ClickAsync();
            await page.Locator("[data-testid=assign-ombud]").First.ClickAsync();
            await page.GetByRole(AriaRole.Option, new() { Name = "Elin Demoberg (" }).ClickAsync(); // "Elin Demoberg (n aktiva, m öppna)"
            await page.GetByTestId("assign-save").ClickAsync();
            await Expect(page.GetByText($"{code} är tilldelad Elin Demoberg.")).ToBeVisibleAsync();
            await Expect(page.Locator("[data-testid=waiting-table] tbody tr", new() { HasText = code })).ToHaveCountAsync(0);
        });

        await Step("Ombudet ser klienten", async () =>
        {
            await using var ombudCtx = await Fx.NewContextAsync();
            var ombud = await SignInAsync("ombud", ombudCtx);
            await GotoAsync(ombud, "/klienter");
            await ombud.GetByLabel("Sök på kod eller namn").FillAsync(code);
            await Expect(ombud.GetByText(code)).ToBeVisibleAsync();
        });
    }

    [Fact]
    public async Task Unit_lead_moves_a_client_to_another_ombud()
    {
        var page = await SignInAsync("chef");
        await GotoAsync(page, "/enheten/omfordelning");
        await page.Locator("[data-testid=reassign-from]").First.ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Karim Exempelsson", Exact = true }).ClickAsync();
        await page.Locator("[data-testid=reassign-to]").First.ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Elin Demoberg", Exact = true }).ClickAsync();
        await E2EFixture.FillAndCommitAsync(page.GetByLabel("Skäl (inga personuppgifter)"), "Ombudet slutar");
        var rowsBefore = await page.Locator("[data-testid=reassign-clients] tbody tr").CountAsync();
        await page.Locator("[data-testid=reassign-clients] tbody tr").First.Locator("input[type=checkbox]").CheckAsync();
        await E2EFixture.AssertAccessibleAsync(page, "Omfördelning");
        await page.GetByTestId("reassign-save").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Flytta", Exact = true }).ClickAsync();
        await Expect(page.GetByText("1 klient är flyttad till Elin Demoberg.")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=reassign-clients] tbody tr")).ToHaveCountAsync(rowsBefore - 1);
    }
}

[Collection(E2ECollection.Name)]
public sealed class AdminPagesTests(E2EFixture fx) : E2ETestBase(fx)
{
    [Fact]
    public async Task Admin_adds_a_contact_reason_and_searches_the_actor_register()
    {
        var page = await SignInAsync("admin");
        await GotoAsync(page, "/admin/kategorier");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Kategorilistor" })).ToBeVisibleAsync();
        await Expect(page.GetByText("Stöd i kontakten med myndigheter")).ToBeVisibleAsync();
        await E2EFixture.AssertAccessibleAsync(page, "Kategorilistor");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ny post i kontaktorsaker" }).ClickAsync();
        await E2EFixture.FillAndCommitAsync(page.GetByLabel("Namn"), "Stöd vid överklagan");
        await E2EFixture.AssertAccessibleAsync(page, "Kategoridialog");
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Spara" }).ClickAsync();
        await Expect(page.GetByText("Stöd vid överklagan")).ToBeVisibleAsync();

        await GotoAsync(page, "/admin/aktorer");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Aktörsregister" })).ToBeVisibleAsync();
        await E2EFixture.AssertAccessibleAsync(page, "Aktörsregister");
        await page.GetByLabel("Sök aktör").FillAsync("försäkrings");
        await Expect(page.Locator("td[data-label=Namn]")).ToHaveTextAsync(["Försäkringskassan"]); // one hit, found case-insensitively
        await E2EFixture.ScreenshotAsync(page, "admin-actors.png");

        await page.SetViewportSizeAsync(1366, 768); // a common laptop screen
        await GotoAsync(page, "/admin/granskningslogg");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Granskningslogg" })).ToBeVisibleAsync();
        await Expect(page.Locator("td[data-label=Händelse]").First).ToBeVisibleAsync();
        await E2EFixture.AssertAccessibleAsync(page, "Granskningslogg");
        // Sök and Exportera are whole: inside the screen and inside the search form's panel (not cut off at its edge)
        var panel = (await page.Locator(".mud-paper", new() { Has = page.GetByTestId("audit-export") }).BoundingBoxAsync())!;
        foreach (var id in new[] { "audit-search", "audit-export" })
        {
            var b = (await page.GetByTestId(id).BoundingBoxAsync())!;
            Assert.True(
                b.X >= panel.X && b.X + b.Width <= Math.Min(panel.X + panel.Width, 1366)
                && b.Y >= panel.Y && b.Y + b.Height <= panel.Y + panel.Height,
                $"{id} at x {b.X:0}–{b.X + b.Width:0}, y {b.Y:0}–{b.Y + b.Height:0} is outside its panel "
                + $"x {panel.X:0}–{panel.X + panel.Width:0}, y {panel.Y:0}–{panel.Y + panel.Height:0} on a 1366 px screen");
            // the button's label fits in the button (not clipped by a narrow column)
            Assert.True(await page.GetByTestId(id).EvaluateAsync<bool>("e => e.scrollWidth <= e.clientWidth"),
                $"{id}: its label is cut off");
        }
    }

    [Fact]
    public async Task Admin_adds_a_user_account_and_opens_the_register_request_page()
    {
        var page = await SignInAsync("admin");
        await GotoAsync(page, "/admin/anvandare");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Användare" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("users-username").Filter(new() { HasText = "ombud2" })).ToBeVisibleAsync();
        await E2EFixture.AssertAccessibleAsync(page, "Användare");
        await page.GetByTestId("users-add").ClickAsync();
        await E2EFixture.FillAndCommitAsync(page.GetByTestId("user-username"), "e2e.ombud");
        await E2EFixture.FillAndCommitAsync(page.GetByTestId("user-displayname"), "Örjan Åkesson");
        await E2EFixture.FillAndCommitAsync(page.GetByTestId("user-password"), "Ett-langt-losen-1");
        await E2EFixture.AssertAccessibleAsync(page, "Kontodialog");
        await page.GetByTestId("user-save").ClickAsync();
        await Expect(page.GetByText("Kontot är sparat.")).ToBeVisibleAsync();
        await page.GetByLabel("Sök på namn eller användarnamn").FillAsync("örjan");
        await Expect(page.GetByTestId("users-username")).ToHaveTextAsync(["e2e.ombud"]);
        await E2EFixture.ScreenshotAsync(page, "admin-users.png");

        await GotoAsync(page, "/admin/registerbegaran");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Registerbegäran" })).ToBeVisibleAsync();
        await E2EFixture.AssertAccessibleAsync(page, "Registerbegäran");
        await E2EFixture.FillAndCommitAsync(page.GetByLabel("Klientkod"), "FINNSINTE");
        await E2EFixture.FillAndCommitAsync(page.GetByLabel("Hur begäran kom in (inga personuppgifter)"), "Brev, dnr 1");
        await page.GetByTestId("request-extract").ClickAsync();
        await Expect(page.GetByText("Det finns ingen klient med den koden i enheten.")).ToBeVisibleAsync();
    }
}
