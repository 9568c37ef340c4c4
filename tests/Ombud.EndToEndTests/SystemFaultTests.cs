using ClosedXML.Excel;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ombud.EndToEndTests;

[Collection(E2ECollection.Name)]
public sealed class SystemFaultTests(E2EFixture fx) : E2ETestBase(fx)
{
    [Fact]
    public async Task Ombud_reports_a_fault_is_refused_a_personnummer_reports_it_to_the_steering_group_and_exports_it()
    {
        var page = await SignInAsync("ombud");
        await Step("Listan över systembrister", async () =>
        {
            await GotoAsync(page, "/systembrister");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Systembrister" })).ToBeVisibleAsync();
            await Expect(page.GetByTestId("fault-link").First).ToBeVisibleAsync(); // the demo unit's reports
            await E2EFixture.AssertAccessibleAsync(page, "Systembrister");
            await E2EFixture.ScreenshotAsync(page, "faults-list.png");
        });

        await Step("Fyll i en ny systembrist med ett personnummer", async () =>
        {
            await page.GetByTestId("fault-new").ClickAsync();
            await Expect(page.GetByRole(AriaRole.Dialog)).ToContainTextAsync("Rapportera systembrist");
            await E2EFixture.PickAsync(page, "fault-category", "Psykiatrin");
            await E2EFixture.PickAsync(page, "fault-level", "Lokal nivå");
            await page.Locator("[data-testid=fault-actors]").First.ClickAsync();
            await page.GetByRole(AriaRole.Option, new() { Name = "Psykiatrin", Exact = true }).ClickAsync();
            await page.Keyboard.PressAsync("Escape");
            const string withPnr = "Klient 19850505-1234 fick vänta sju månader på en läkartid i öppenvården.";
            await E2EFixture.FillAndCommitAsync(page.GetByLabel("Beskrivning av bristen"), withPnr);
            await E2EFixture.FillAndCommitAsync(
                page.GetByLabel("Konsekvens för klienterna"),
                "Behandlingen skjuts upp och klienterna försämras.");
            await E2EFixture.FillAndCommitAsync(page.GetByLabel("Antal berörda klienter"), "3");
            await E2EFixture.AssertAccessibleAsync(page, "Systembristdialog");
            await page.GetByTestId("fault-save").ClickAsync();
        });

        // a personnummer is refused outright before anything is saved: no "Spara ändå"
        var description = await Step("Personnummer nekas, ändra texten och spara", async () =>
        {
            var refusal = page.GetByText("Texten innehåller ett personnummer", new() { Exact = false });
            await Expect(refusal).ToBeVisibleAsync();
            await Expect(refusal).ToContainTextAsync("Beskrivning: Texten innehåller ett personnummer. Ta bort det");
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Spara ändå" })).ToHaveCountAsync(0);
            await Expect(page.GetByTestId("fault-save")).ToBeVisibleAsync(); // still in the form
            await E2EFixture.AssertAccessibleAsync(page, "Personnummer nekas");
            await E2EFixture.ScreenshotAsync(page, "faults-personal-number-refused.png");

            const string description = "Väntetiden till en läkartid i psykiatrins öppenvård är sju månader för nya patienter.";
            await E2EFixture.FillAndCommitAsync(page.GetByLabel("Beskrivning av bristen"), description);
            await page.GetByTestId("fault-save").ClickAsync();

            return description;
        });

        var id = await Step("Den sparade systembristen", async () =>
        {
            await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/systembrister/\d+$"));
            await E2EFixture.WaitInteractiveAsync(page);
            var id = page.Url[(page.Url.LastIndexOf('/') + 1)..];
            await Expect(page.GetByTestId("fault-heading")).ToHaveTextAsync($"Systembrist {id}");
            await Expect(page.GetByTestId("fault-status").First).ToHaveTextAsync("Utkast");
            await Expect(page.GetByTestId("fault-description-value")).ToHaveTextAsync(description);
            await E2EFixture.AssertAccessibleAsync(page, "Systembrist");
            return id;
        });

        await Step("Rapportera till ledningsgruppen", async () =>
        {
            await page.GetByTestId("fault-step-ReportedToSteeringGroup").ClickAsync();
            await Expect(page.GetByTestId("step-meeting").First).ToBeVisibleAsync();
            await E2EFixture.AssertAccessibleAsync(page, "Rapportera till ledningsgruppen");
            await page.GetByTestId("step-save").ClickAsync();
            await Expect(page.GetByTestId("fault-status").First).ToHaveTextAsync("Rapporterad till ledningsgrupp");
            await Expect(page.GetByTestId("fault-edit")).ToHaveCountAsync(0); // the text is fixed once reported
            await E2EFixture.ScreenshotAsync(page, "faults-detail-reported.png");
        });

        await Step("Filtrera och exportera", async () =>
        {
            await GotoAsync(page, "/systembrister");
            await E2EFixture.PickAsync(page, "filter-status", "Rapporterad till ledningsgrupp");
            await E2EFixture.PickAsync(page, "filter-category", "Psykiatrin");
            await Expect(page.GetByTestId("fault-link")).ToHaveTextAsync([id]);
            var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("fault-export").ClickAsync());
            Assert.EndsWith(".xlsx", download.SuggestedFilename);
            var path = Path.Combine(E2EFixture.ArtifactsDir, "systembrister-export.xlsx");
            Directory.CreateDirectory(E2EFixture.ArtifactsDir);
            await download.SaveAsAsync(path);
            using (var wb = new XLWorkbook(path))
            {
                var ws = wb.Worksheet("Systembrister");
                Assert.Equal(2, ws.LastRowUsed().RowNumber()); // heading + the one fault in the filter
                Assert.Equal(id, ws.Cell(2, 1).GetString());
                Assert.Equal(description, ws.Cell(2, 6).GetString());
                Assert.Equal("Rapporterad till ledningsgrupp", ws.Cell(2, 11).GetString());
            }
        });

        AssertNoConsoleErrors();
    }

    [Fact]
    public async Task Ticked_faults_are_exported_on_their_own_without_opening_them()
    {
        var page = await SignInAsync("chef");
        await GotoAsync(page, "/systembrister");
        await Expect(page.GetByTestId("fault-link").Nth(1)).ToBeVisibleAsync();
        var ids = (await page.GetByTestId("fault-link").AllInnerTextsAsync()).Take(2).ToArray();

        foreach (var id in ids)
            await page.GetByRole(AriaRole.Checkbox, new() { Name = $"Välj systembrist nr {id} för export" }).CheckAsync();
        Assert.EndsWith("/systembrister", page.Url); // ticking does not open the fault
        await Expect(page.GetByTestId("fault-export-ticked")).ToHaveTextAsync("Exportera valda (2)");
        await E2EFixture.AssertAccessibleAsync(page, "Systembrister med valda rader");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("fault-export-ticked").ClickAsync());
        var path = Path.Combine(E2EFixture.ArtifactsDir, "systembrister-valda.xlsx");
        Directory.CreateDirectory(E2EFixture.ArtifactsDir);
        await download.SaveAsAsync(path);
        using (var wb = new XLWorkbook(path))
        {
            var exported = wb.Worksheet("Systembrister").RowsUsed().Skip(1).Select(r => r.Cell(1).GetString()).Order().ToArray();
            Assert.Equal(ids.Order().ToArray(), exported);
        }

        await page.GetByTestId("fault-untick").ClickAsync();
        await Expect(page.GetByTestId("fault-export-ticked")).ToHaveCountAsync(0);
        AssertNoConsoleErrors();
    }

    [Fact]
    public async Task The_list_filter_survives_opening_a_fault_and_going_back_and_ombud_find_the_steering_group_in_the_menu()
    {
        var page = await SignInAsync("ombud");
        await GotoAsync(page, "/systembrister");
        await Expect(page.GetByTestId("fault-link").First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("fault-draft-note")).ToBeVisibleAsync(); // others' drafts and the export's drafts are explained
        var unfiltered = await page.GetByTestId("fault-count").InnerTextAsync();

        await E2EFixture.PickAsync(page, "filter-status", "Rapporterad till ledningsgrupp");
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/systembrister\?status=ReportedToSteeringGroup$"));
        await Expect(page.GetByTestId("fault-count")).Not.ToHaveTextAsync(unfiltered);
        var filtered = await page.GetByTestId("fault-count").InnerTextAsync();
        var ids = await page.GetByTestId("fault-link").AllInnerTextsAsync();
        await Expect(page.GetByTestId("fault-export")).ToHaveAttributeAsync("href", "/systembrister/export?status=ReportedToSteeringGroup");

        await page.GetByTestId("fault-link").First.ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/systembrister/\d+$"));
        await Expect(page.GetByTestId("fault-heading")).ToBeVisibleAsync();
        await page.GoBackAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/systembrister\?status=ReportedToSteeringGroup$"));
        await E2EFixture.WaitInteractiveAsync(page);
        await Expect(page.GetByTestId("fault-count")).ToHaveTextAsync(filtered);
        await Expect(page.GetByTestId("fault-link")).ToHaveTextAsync(ids.ToArray());
        await Expect(page.GetByTestId("fault-draft-note")).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Link, new() { Name = "Ledningsgrupp", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Ledningsgrupp", Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("year-meetings")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("year-organisations")).ToContainTextAsync("Försäkringskassan");
        await Expect(page.GetByTestId("meeting-add")).ToHaveCountAsync(0); // ombud view, the lead edits
        await E2EFixture.AssertAccessibleAsync(page, "Ledningsgrupp som ombud");
        await E2EFixture.ScreenshotAsync(page, "steering-group-ombud.png");
        AssertNoConsoleErrors();
    }

    [Fact]
    public async Task Unit_lead_keeps_the_steering_group_and_sees_the_faults()
    {
        var page = await SignInAsync("chef");
        await page.GetByRole(AriaRole.Link, new() { Name = "Ledningsgrupp" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Ledningsgrupp", Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("members-table")).ToContainTextAsync("Försäkringskassan");
        await E2EFixture.AssertAccessibleAsync(page, "Ledningsgrupp");
        await E2EFixture.ScreenshotAsync(page, "steering-group.png");

        await page.GetByTestId("member-add").ClickAsync();
        await E2EFixture.FillAndCommitAsync(page.GetByLabel("Organisation"), "Demostads brukarråd");
        await E2EFixture.FillAndCommitAsync(page.GetByLabel("Namn", new() { Exact = true }), "Rut Rådsdotter");
        await E2EFixture.AssertAccessibleAsync(page, "Ledamotsdialog");
        await page.GetByTestId("member-save").ClickAsync();
        await Expect(page.GetByTestId("members-table")).ToContainTextAsync("Rut Rådsdotter");

        await page.GetByTestId("meeting-add").ClickAsync();
        await E2EFixture.FillAndCommitAsync(page.GetByLabel("Beslut (kort)"), "Väntetiderna i psykiatrin tas upp med regionen.");
        await E2EFixture.AssertAccessibleAsync(page, "Mötesdialog");
        await page.GetByTestId("meeting-save").ClickAsync();
        await Expect(page.GetByTestId("meetings-table")).ToContainTextAsync("Väntetiderna i psykiatrin tas upp med regionen.");

        await page.GetByRole(AriaRole.Link, new() { Name = "Systembrister" }).ClickAsync();
        await Expect(page.GetByTestId("fault-link").First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("fault-new")).ToHaveCountAsync(0); // only ombud report faults
        AssertNoConsoleErrors();
    }

    [Fact]
    public async Task Unit_lead_forwards_answers_and_closes_a_reported_fault()
    {
        var page = await SignInAsync("chef");
        await GotoAsync(page, "/systembrister/2"); // demo: reported to the steering group
        await Expect(page.GetByTestId("fault-status").First).ToHaveTextAsync("Rapporterad till ledningsgrupp");

        await page.GetByTestId("fault-step-Forwarded").ClickAsync();
        await page.GetByTestId("step-actor").ClickAsync();
        await E2EFixture.AssertAccessibleAsync(page, "Vidarerapportera");
        await page.GetByTestId("step-save").ClickAsync();
        await Expect(page.GetByTestId("fault-status").First).ToHaveTextAsync("Vidarerapporterad");
        await Expect(page.GetByTestId("fault-workflow")).ToContainTextAsync("till Länsstyrelsen och berörd aktör");

        await page.GetByTestId("fault-step-Answered").ClickAsync();
        await E2EFixture.FillAndCommitAsync(page.GetByTestId("step-response"), "Ring handläggaren på 08-123 456 78.");
        await E2EFixture.AssertAccessibleAsync(page, "Registrera svar");
        await page.GetByTestId("step-save").ClickAsync();
        await Expect(page.GetByText("Svar: telefonnummer (08-123 456 78)", new() { Exact = false })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Ändra texten" }).ClickAsync();
        await E2EFixture.FillAndCommitAsync(page.GetByTestId("step-response"), "Försäkringskassan ser över hur besluten motiveras.");
        await page.GetByTestId("step-save").ClickAsync();
        await Expect(page.GetByTestId("fault-response")).ToHaveTextAsync("Försäkringskassan ser över hur besluten motiveras.");

        await page.GetByTestId("fault-step-Closed").ClickAsync();
        await E2EFixture.AssertAccessibleAsync(page, "Avsluta systembristen");
        await page.GetByTestId("step-save").ClickAsync();
        await Expect(page.GetByTestId("fault-status").First).ToHaveTextAsync("Avslutad");
        await Expect(page.GetByTestId("fault-step-Closed")).ToHaveCountAsync(0);
        await E2EFixture.ScreenshotAsync(page, "faults-detail-closed.png");
        AssertNoConsoleErrors();
    }

    [Fact]
    public async Task Ombud_edits_the_own_draft_which_shows_linked_needs_only_as_a_count()
    {
        var page = await SignInAsync("ombud");
        await GotoAsync(page, "/systembrister/1"); // demo: the ombud's draft with linked needs
        await Expect(page.GetByTestId("fault-linked-needs")).ToContainTextAsync("kopplade behov");
        await page.GetByTestId("fault-edit").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog)).ToContainTextAsync("Redigera systembrist");
        await Expect(page.GetByLabel("Beskrivning av bristen")).ToHaveValueAsync(
            new System.Text.RegularExpressions.Regex("^Vid utskrivning"));
        await E2EFixture.ScreenshotAsync(page, "faults-edit-dialog.png");
        await E2EFixture.FillAndCommitAsync(page.GetByLabel("Antal berörda klienter"), "5");
        await page.GetByTestId("fault-save").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("fault-clients-value")).ToHaveTextAsync("5");

        await page.GetByTestId("fault-delete").ClickAsync();
        await E2EFixture.AssertAccessibleAsync(page, "Ta bort utkastet");
        await page.GetByRole(AriaRole.Button, new() { Name = "Avbryt" }).ClickAsync();

        // a draft is its author's only: another ombud who knows its number finds nothing
        await using var other = await Fx.NewContextAsync();
        var page2 = await SignInAsync("ombud2", other);
        await GotoAsync(page2, "/systembrister/1");
        await Expect(page2.GetByTestId("fault-not-found")).ToBeVisibleAsync();
        await Expect(page2.GetByTestId("fault-edit")).ToHaveCountAsync(0);
        await Expect(page2.GetByText("Vid utskrivning")).ToHaveCountAsync(0);
        AssertNoConsoleErrors();
    }
}
