using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ombud.EndToEndTests;

[Collection(E2ECollection.Name)]
public sealed class RolePagesTests(E2EFixture fx)
{
    [Fact]
    public async Task Unit_lead_lands_on_the_overview_with_counts_only()
    {
        await using var ctx = await fx.NewContextAsync();
        var page = await fx.SignInAsync(ctx, "chef");
        await E2EFixture.WaitInteractiveAsync(page);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Översikt" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("overview-table")).ToContainTextAsync("Elin Demoberg");
        await E2EFixture.AssertAccessibleAsync(page, "Översikt");
        await fx.GotoInteractiveAsync(page, "/klienter/1");
        await Expect(page.GetByText("Ingen behörighet").First).ToBeVisibleAsync();
    }
}
