using static Microsoft.Playwright.Assertions;

namespace Ombud.EndToEndTests;

/// <summary>A page of text pasted into a search box is cut to what a search needs, and the live connection stays.</summary>
[Collection(E2ECollection.Name)]
public sealed class SearchInputTests(E2EFixture fx) : E2ETestBase(fx)
{
    [Fact]
    public async Task Pasting_ten_thousand_characters_into_the_client_search_keeps_the_page_working()
    {
        var page = await SignInAsync("ombud");
        await GotoAsync(page, "/klienter");
        var search = page.GetByLabel("Sök på kod eller namn");
        var firstCode = (await page.GetByTestId("client-link").First.TextContentAsync())!.Trim();

        await search.FillAsync(new string('ö', 10_000));
        Assert.Equal(100, (await search.InputValueAsync()).Length);
        await Expect(page.GetByText("Inga klienter matchar")).ToBeVisibleAsync();

        // Still connected: a new search answers.
        await search.FillAsync(firstCode);
        await Expect(page.GetByTestId("client-link")).ToHaveTextAsync([firstCode]);
        await E2EFixture.AssertAccessibleAsync(page, "Mina klienter efter sökning");
        AssertNoConsoleErrors();
    }
}
