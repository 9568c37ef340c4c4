namespace Ombud.EndToEndTests;

[Collection(E2ECollection.Name)]
public sealed class AxeHelperTests(E2EFixture fx) : E2ETestBase(fx)
{
    [Fact]
    public async Task The_accessibility_scan_fails_on_a_page_with_a_critical_violation()
    {
        var page = await Ctx.NewPageAsync();
        await page.SetContentAsync(
            "<html lang='sv'><head><title>t</title></head><body><main><h1>t</h1><input type='text'></main></body></html>");
        var ex = await Assert.ThrowsAnyAsync<Xunit.Sdk.XunitException>(() => E2EFixture.AssertAccessibleAsync(page, "broken"));
        Assert.Contains("label", ex.Message);
    }

    [Fact]
    public async Task A_contrast_failure_names_the_element_its_colours_and_ratio_and_leaves_a_screenshot()
    {
        var page = await Ctx.NewPageAsync();
        await page.SetContentAsync("<html lang='sv'><head><title>t</title></head><body><main><h1>t</h1>" +
            "<button id='pale' style='color:#777777;background:#888888'>Spara</button></main></body></html>");
        var screenshot = Path.Combine(E2EFixture.ArtifactsDir, "axe-blek-knapp.png");
        File.Delete(screenshot);

        var ex = await Assert.ThrowsAnyAsync<Xunit.Sdk.XunitException>(() => E2EFixture.AssertAccessibleAsync(page, "Blek knapp"));

        Assert.StartsWith("Blek knapp: 1 accessibility violation(s)", ex.Message);
        Assert.Contains("[serious] color-contrast", ex.Message);
        Assert.Contains("- #pale", ex.Message); // the selector
        Assert.Contains("html: <button id=\"pale\"", ex.Message);
        Assert.Matches(@"foreground #777777 on background #888888, contrast ratio 1\.\d+ \(needs 4\.5:1", ex.Message);
        Assert.Contains(screenshot, ex.Message);
        Assert.True(File.Exists(screenshot), "the screenshot is taken before the scan fails");
    }

    [Fact]
    public async Task The_scan_waits_until_a_fading_button_has_its_final_colours()
    {
        var page = await Ctx.NewPageAsync();
        // With the context's no-motion style gone, a slow colour transition runs from unreadable to readable.
        await page.SetContentAsync("<html lang='sv'><head><title>t</title><style>" +
            "#b { color: #888888; background: #8a8a8a; transition: color 1.5s linear, background-color 1.5s linear !important; }" +
            "#b.done { color: #ffffff; background: #1a1a1a; }</style></head>" +
            "<body><main><h1>t</h1><button id='b'>Spara</button></main></body></html>");
        await page.EvaluateAsync("() => { document.getElementById('e2e-no-motion')?.remove(); }");
        await page.EvaluateAsync("() => { const s = document.createElement('style'); s.id = 'e2e-no-motion'; document.head.append(s); }");
        await page.EvaluateAsync("() => requestAnimationFrame(() => document.getElementById('b').classList.add('done'))");
        await page.WaitForFunctionAsync("() => document.getAnimations().length > 0");

        await E2EFixture.AssertAccessibleAsync(page, "Knapp som tonar in");

        Assert.Equal(0, await page.EvaluateAsync<int>("() => document.getAnimations().filter(a => a.playState === 'running').length"));
    }

    [Fact]
    public async Task A_failed_step_is_named_in_the_failure_and_leaves_a_screenshot()
    {
        var page = await Ctx.NewPageAsync();
        await page.SetContentAsync("<html lang='sv'><head><title>t</title></head><body><main><h1>Steg</h1></main></body></html>");
        var screenshot = Path.Combine(E2EFixture.ArtifactsDir, $"step-failed-{nameof(AxeHelperTests)}-registrera-klient.png");
        File.Delete(screenshot);

        var ex = await Assert.ThrowsAsync<StepFailedException>(() =>
            Step("Registrera klient", () => throw new TimeoutException("inget svar")));

        Assert.StartsWith("Step \"Registrera klient\" failed: inget svar", ex.Message);
        Assert.IsType<TimeoutException>(ex.InnerException);
        Assert.Contains(screenshot, ex.Message);
        Assert.True(File.Exists(screenshot));
    }
}
