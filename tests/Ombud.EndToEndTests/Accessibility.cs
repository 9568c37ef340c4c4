using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Ombud.EndToEndTests;

/// <summary>
/// The axe-core scan every browser test uses. A scan sees the page at rest: no CSS transition or animation is running (a
/// button fading in from disabled is briefly low-contrast), no snackbar is half faded and the mouse is not on a button
/// (hover and ripple colours). A failure names every violating element with its selector, its html and, for colour
/// contrast, its colours and ratio, and a full-page screenshot is saved first.
/// </summary>
public static partial class Accessibility
{
    /// <summary>
    /// Stops every CSS transition and animation (a test sees each state at once; MudBlazor's fades and ripples included).
    /// </summary>
    public const string NoMotionCss =
        "*, *::before, *::after { transition: none !important; animation: none !important; caret-color: transparent !important; }";

    /// <summary>
    /// Adds <see cref="NoMotionCss"/> to the page if it is not there (Blazor's enhanced navigation can replace the head).
    /// Used as the context's init script and again before each scan.
    /// </summary>
    public static readonly string EnsureNoMotionScript = $$"""
        (() => {
          const add = () => {
            if (document.getElementById('e2e-no-motion')) return;
            const s = document.createElement('style');
            s.id = 'e2e-no-motion';
            s.textContent = {{JsonSerializer.Serialize(NoMotionCss)}};
            (document.head || document.documentElement).appendChild(s);
          };
          if (document.documentElement) add(); else document.addEventListener('DOMContentLoaded', add);
          document.addEventListener('DOMContentLoaded', add);
        })()
        """;

    /// <summary>True when no finite animation or transition is still running and every snackbar is fully shown.</summary>
    private const string AtRestScript = """
        () => document.getAnimations().every(a => a.playState !== 'running'
                  || (a.effect && a.effect.getComputedTiming().iterations === Infinity))
           && [...document.querySelectorAll('.mud-snackbar')].every(e => getComputedStyle(e).opacity === '1')
        """;

    /// <summary>axe-core scan (WCAG 2.1 A/AA rules): fails on any serious or critical violation, naming each element.</summary>
    public static async Task AssertAccessibleAsync(IPage page, string name)
    {
        await WaitUntilAtRestAsync(page);
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        });
        var bad = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        if (bad.Count == 0)
            return;
        var screenshot = await ScreenshotAsync(page, $"axe-{FileSafe(name)}.png");
        Assert.Fail(Describe(name, bad, screenshot));
    }

    /// <summary>
    /// Runs only the named axe rules — also best-practice rules outside the WCAG tags, such as <c>heading-order</c> and
    /// <c>region</c> — on the whole page and fails on a violation of any impact, naming each element.
    /// </summary>
    public static async Task AssertRulesPassAsync(IPage page, string name, params string[] rules)
    {
        await WaitUntilAtRestAsync(page);
        var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "rule", Values = [.. rules] } });
        if (result.Violations.Length == 0)
            return;
        var screenshot = await ScreenshotAsync(page, $"axe-{FileSafe(name)}-rules.png");
        Assert.Fail(Describe(name, result.Violations, screenshot));
    }

    /// <summary>
    /// Moves the mouse off the page's controls, makes sure the no-motion style is in place and waits until nothing moves: no
    /// running transition or (finite) animation, no snackbar fading in or out (a snackbar under the mouse pauses half faded).
    /// </summary>
    public static async Task WaitUntilAtRestAsync(IPage page)
    {
        await page.Mouse.MoveAsync(0, 0);
        await page.EvaluateAsync(EnsureNoMotionScript);
        await page.WaitForFunctionAsync(AtRestScript, null, new() { Timeout = 10_000, PollingInterval = 50 });
        // two frames: the styles of the last change are applied and painted before axe reads the computed colours
        await page.EvaluateAsync("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))");
    }

    /// <summary>The failure text: per violation its rule, and per element selector, html and the rule's own data.</summary>
    public static string Describe(string name, IReadOnlyCollection<AxeResultItem> violations, string? screenshot)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{name}: {violations.Count} accessibility violation(s)");
        if (screenshot is not null)
            text.Append(CultureInfo.InvariantCulture, $" (screenshot: {screenshot})");
        foreach (var v in violations)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n[{v.Impact}] {v.Id}: {v.Help} ({v.HelpUrl}), {v.Nodes.Length} element(s)");
            foreach (var node in v.Nodes)
            {
                text.Append(CultureInfo.InvariantCulture, $"\n  - {node.Target}\n    html: {node.Html}");
                foreach (var check in node.Any.Concat(node.All).Concat(node.None))
                    text.Append(CultureInfo.InvariantCulture, $"\n    {check.Id}: {CheckDetail(check)}");
            }
        }
        return text.ToString();
    }

    /// <summary>For colour contrast the colours and ratio (fgColor, bgColor, contrastRatio); otherwise axe's message.</summary>
    private static string CheckDetail(AxeResultCheck check)
    {
        var data = DataAsJson(check.Data);
        if (data is { ValueKind: JsonValueKind.Object } d && d.TryGetProperty("contrastRatio", out var ratio))
        {
            var fg = d.TryGetProperty("fgColor", out var f) ? f.ToString() : "?";
            var bg = d.TryGetProperty("bgColor", out var b) ? b.ToString() : "?";
            var expected = d.TryGetProperty("expectedContrastRatio", out var e) ? e.ToString() : "?";
            var size = d.TryGetProperty("fontSize", out var fs)
                ? $", font {fs} {(d.TryGetProperty("fontWeight", out var fw) ? fw : "")}"
                : "";
            return $"foreground {fg} on background {bg}, contrast ratio {ratio} (needs {expected}{size})";
        }
        return check.Message;
    }

    private static JsonElement? DataAsJson(object? data)
    {
        switch (data)
        {
            case null:
                return null;
            case JsonElement e:
                return e;
            default:
                try { return JsonDocument.Parse(data.ToString() ?? "").RootElement; }
                catch (JsonException) { return null; }
        }
    }

    /// <summary>A full-page screenshot in <see cref="E2EFixture.ArtifactsDir"/>; returns its path.</summary>
    public static async Task<string> ScreenshotAsync(IPage page, string file)
    {
        Directory.CreateDirectory(E2EFixture.ArtifactsDir);
        var path = Path.Combine(E2EFixture.ArtifactsDir, file);
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        return path;
    }

    public static string FileSafe(string name) => UnsafeInFileName().Replace(name, "-").Trim('-').ToLowerInvariant();

    [GeneratedRegex(@"[^\p{L}\p{N}]+")]
    private static partial Regex UnsafeInFileName();
}
