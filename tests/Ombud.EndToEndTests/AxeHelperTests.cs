namespace Ombud.EndToEndTests;

[Collection(E2ECollection.Name)]
public sealed class AxeHelperTests(E2EFixture fx)
{
    [Fact]
    public async Task The_accessibility_scan_fails_on_a_page_with_a_critical_violation()
    {
        await using var ctx = await fx.NewContextAsync();
        var page = await ctx.NewPageAsync();
        await page.SetContentAsync("<html lang='sv'><head><title>t</title></head><body><main><h1>t</h1><input type='text'></main></body></html>");
        var ex = await Assert.ThrowsAnyAsync<Xunit.Sdk.XunitException>(() => E2EFixture.AssertAccessibleAsync(page, "broken"));
        Assert.Contains("label", ex.Message);
    }
}
