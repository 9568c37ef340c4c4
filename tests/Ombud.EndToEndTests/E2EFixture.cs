using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Ombud.Web.Data.Seed;

namespace Ombud.EndToEndTests;

/// <summary>The real app on Kestrel (127.0.0.1, free port) with a fresh SQLite file and demo data.</summary>
public sealed class KestrelAppFactory : WebApplicationFactory<Program>
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "ombud-e2e-" + Guid.NewGuid().ToString("N"));
    public KestrelAppFactory() => UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, 0));
    public string BaseUrl { get; private set; } = "";

    public void Start()
    {
        StartServer();
        BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(_dir);
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:Ombud", $"Data Source={Path.Combine(_dir, "ombud.db")}");
        builder.UseSetting("Ombud:SeedDemoData", "true");
        builder.UseSetting("Ombud:LogFolder", Path.Combine(_dir, "logs"));
        builder.UseSetting("Ombud:LoginAttemptsPerMinute", "1000");
        builder.UseSetting("Ombud:RetentionSweep", "false");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

public sealed class E2EFixture : IAsyncLifetime
{
    public KestrelAppFactory App { get; } = new();
    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl => App.BaseUrl;
    public static string ArtifactsDir => Environment.GetEnvironmentVariable("E2E_ARTIFACTS") ?? Path.Combine(AppContext.BaseDirectory, "artifacts");

    public async Task InitializeAsync()
    {
        var chromium = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";
        if (!File.Exists(chromium))
            throw new InvalidOperationException($"Chromium not found at {chromium}. Install it (apt-get install -y chromium) or set CHROMIUM_PATH. Browser tests never skip.");
        Assertions.SetDefaultExpectTimeout(15_000);
        App.Start();
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        Playwright.Dispose();
        await App.DisposeAsync();
    }

    public async Task<IBrowserContext> NewContextAsync()
    {
        var ctx = await Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1366, Height = 900 }, Locale = "sv-SE", TimezoneId = "Europe/Stockholm" });
        ctx.SetDefaultNavigationTimeout(60_000); // a loaded 2-core CI machine can take longer than Playwright's 30 s default
        ctx.SetDefaultTimeout(30_000);
        return ctx;
    }

    /// <summary>Signs in through the login form and waits until the landing page is interactive.</summary>
    public async Task<IPage> SignInAsync(IBrowserContext ctx, string user)
    {
        var page = await ctx.NewPageAsync();
        await page.GotoAsync(BaseUrl + "/konto/logga-in");
        await page.GetByLabel("Användarnamn").FillAsync(user);
        await page.GetByLabel("Lösenord").FillAsync(DemoData.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Logga in" }).ClickAsync();
        await page.WaitForURLAsync(u => !u.Contains("/konto/logga-in"));
        return page;
    }

    /// <summary>Navigates and waits for the Blazor circuit (clicks on prerendered HTML are lost).</summary>
    public async Task GotoInteractiveAsync(IPage page, string path)
    {
        await page.GotoAsync(BaseUrl + path);
        await WaitInteractiveAsync(page);
    }

    public static async Task WaitInteractiveAsync(IPage page) =>
        await page.Locator("[data-testid=interactive][data-interactive=yes]").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 30_000 });

    /// <summary>Picks an option in a MudSelect marked with data-testid.</summary>
    public static async Task PickAsync(IPage page, string testId, string option)
    {
        await page.Locator($"[data-testid={testId}]").First.ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = option, Exact = true }).ClickAsync();
    }

    /// <summary>
    /// Fills a field, leaves it (so a non-immediate Mud field commits its value to the server) and waits until the
    /// value is still there after the server's re-render: a render of an earlier keystroke must not wipe it.
    /// </summary>
    public static async Task FillAndCommitAsync(ILocator field, string value)
    {
        await field.FillAsync(value);
        await field.PressAsync("Tab");
        await Assertions.Expect(field).ToHaveValueAsync(value);
    }

    /// <summary>axe-core scan (WCAG 2.1 A/AA rules): fails on any serious or critical violation, naming each.</summary>
    public static async Task AssertAccessibleAsync(IPage page, string name)
    {
        // A snackbar fading in or out is briefly low-contrast: scan when every snackbar is fully shown or gone. A snackbar
        // under the mouse pauses half-faded, so move the mouse out of the way first.
        await page.Mouse.MoveAsync(0, 0);
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('.mud-snackbar')].every(e => getComputedStyle(e).opacity === '1')",
            null, new() { Timeout = 10_000 });
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        });
        var bad = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(bad.Count == 0, $"{name}: " + string.Join("\n", bad.Select(v =>
            $"[{v.Impact}] {v.Id}: {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}")));
    }

    public static async Task ScreenshotAsync(IPage page, string file)
    {
        Directory.CreateDirectory(ArtifactsDir);
        await page.ScreenshotAsync(new() { Path = Path.Combine(ArtifactsDir, file), FullPage = true });
    }
}

[CollectionDefinition(Name)]
public sealed class E2ECollection : ICollectionFixture<E2EFixture> { public const string Name = "e2e"; }
