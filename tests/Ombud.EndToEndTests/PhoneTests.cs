using static Microsoft.Playwright.Assertions;

namespace Ombud.EndToEndTests;

/// <summary>
/// On a phone (390×844) the ombud's list pages fit the screen without horizontal scrolling, and pass the axe scan at that
/// size (the mobile sort dropdown has a name).
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class PhoneTests(E2EFixture fx) : E2ETestBase(fx)
{
    [Fact]
    public async Task The_ombuds_list_pages_fit_a_phone_and_pass_the_axe_scan()
    {
        var page = await SignInAsync("ombud");
        await page.SetViewportSizeAsync(390, 844);
        foreach (var (path, name) in new[] { ("/klienter", "Mina klienter"), ("/klienter/ny", "Ny klient"), ("/uppgifter", "Mina uppgifter") })
        {
            await Step($"{name} på mobil", async () =>
            {
                await GotoAsync(page, path);
                await Expect(page.GetByRole(Microsoft.Playwright.AriaRole.Heading, new() { Name = name, Level = 1 })).ToBeVisibleAsync();
                var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
                var (scroll, client) = (widths[0], widths[1]);
                Assert.True(scroll <= client, $"{name}: the page is {scroll} px wide on a {client} px screen");
                await E2EFixture.AssertAccessibleAsync(page, $"{name} (mobil)");
            });
        }
        await GotoAsync(page, "/klienter");
        await Expect(page.GetByText("Sortera efter").First).ToBeVisibleAsync(); // the mobile sort dropdown, named
        AssertNoConsoleErrors();
    }
}
