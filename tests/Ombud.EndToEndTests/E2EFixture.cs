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
        UseTestSettings(builder, _dir);
    }

    /// <summary>The settings every test app uses: Development, a SQLite file in <paramref name="dir"/>, demo data, no sweep.</summary>
    public static void UseTestSettings(IWebHostBuilder builder, string dir)
    {
        Directory.CreateDirectory(dir);
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:Ombud", $"Data Source={Path.Combine(dir, "ombud.db")}");
        builder.UseSetting("Ombud:SeedDemoData", "true");
        builder.UseSetting("Ombud:LogFolder", Path.Combine(dir, "logs"));
        builder.UseSetting("Ombud:LoginAttemptsPerMinute", "1000");
        builder.UseSetting("Ombud:RetentionSweep", "false");
    }

    /// <summary>Frees the SQLite file and removes the app's folder (best effort).</summary>
    public static void DeleteFolder(string dir)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        DeleteFolder(_dir);
    }
}

public sealed class E2EFixture : IAsyncLifetime
{
    public KestrelAppFactory App { get; } = new();
    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl => App.BaseUrl;
    public static string ArtifactsDir =>
        Environment.GetEnvironmentVariable("E2E_ARTIFACTS") ?? Path.Combine(AppContext.BaseDirectory, "artifacts");

    public async Task InitializeAsync()
    {
        var chromium = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";
        if (!File.Exists(chromium))
            throw new InvalidOperationException($"Chromium not found at {chromium}. "
                + "Install it (apt-get install -y chromium) or set CHROMIUM_PATH. Browser tests never skip.");
        Assertions.SetDefaultExpectTimeout(15_000);
        App.Start();
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run",
            ],
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
        var ctx = await Browser.NewContextAsync(new()
        {
            ViewportSize = new() { Width = 1366, Height = 900 },
            Locale = "sv-SE",
            TimezoneId = "Europe/Stockholm",
            ReducedMotion = ReducedMotion.Reduce,
        });
        ctx.SetDefaultNavigationTimeout(60_000); // a loaded 2-core CI machine can take longer than Playwright's 30 s default
        ctx.SetDefaultTimeout(30_000);
        await ctx.AddInitScriptAsync(Accessibility.EnsureNoMotionScript); // no transition or animation: each state at once
        return ctx;
    }

    /// <summary>A phone-sized context (390 × 844, touch), otherwise as <see cref="NewContextAsync"/>.</summary>
    public async Task<IBrowserContext> NewPhoneContextAsync()
    {
        var ctx = await Browser.NewContextAsync(new()
        {
            ViewportSize = new() { Width = 390, Height = 844 },
            IsMobile = true,
            HasTouch = true,
            Locale = "sv-SE",
            TimezoneId = "Europe/Stockholm",
            ReducedMotion = ReducedMotion.Reduce,
        });
        ctx.SetDefaultNavigationTimeout(60_000);
        ctx.SetDefaultTimeout(30_000);
        await ctx.AddInitScriptAsync(Accessibility.EnsureNoMotionScript);
        return ctx;
    }

    /// <summary>Signs in through the login form and waits until the landing page is interactive.</summary>
    public Task<IPage> SignInAsync(IBrowserContext ctx, string user) => SignInAsync(ctx, BaseUrl, user);

    /// <inheritdoc cref="SignInAsync(IBrowserContext, string)"/>
    public static async Task<IPage> SignInAsync(IBrowserContext ctx, string baseUrl, string user)
    {
        var page = await ctx.NewPageAsync();
        await page.GotoAsync(baseUrl + "/konto/logga-in");
        await page.GetByLabel("Användarnamn").FillAsync(user);
        await page.GetByLabel("Lösenord").FillAsync(DemoData.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Logga in" }).ClickAsync();
        await page.WaitForURLAsync(u => !u.Contains("/konto/logga-in"));
        await WaitInteractiveAsync(page);
        return page;
    }

    /// <summary>Navigates and waits for the Blazor circuit (clicks on prerendered HTML are lost).</summary>
    public Task GotoInteractiveAsync(IPage page, string path) => OpenInteractiveAsync(page, BaseUrl + path);

    /// <inheritdoc cref="GotoInteractiveAsync"/>
    public static async Task OpenInteractiveAsync(IPage page, string url)
    {
        await page.GotoAsync(url);
        await WaitInteractiveAsync(page);
    }

    public static async Task WaitInteractiveAsync(IPage page) =>
        await page.Locator("[data-testid=interactive][data-interactive=yes]")
            .WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 30_000 });

    /// <summary>Picks an option in a MudSelect marked with data-testid.</summary>
    public static async Task PickAsync(IPage page, string testId, string option)
    {
        await page.Locator($"[data-testid={testId}]").First.ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = option, Exact = true }).ClickAsync();
    }

    /// <summary>
    /// Fills a field, leaves it (so a non-immediate Mud field commits its value to the server) and waits until the
    /// value is still there after the server's re-render. A render the server started for an earlier field can still
    /// empty this one (seen on a loaded machine, as no person types): then it is filled again, at most three times.
    /// </summary>
    public static async Task FillAndCommitAsync(ILocator field, string value)
    {
        for (var attempt = 1; ; attempt++)
        {
            await field.FillAsync(value);
            await field.PressAsync("Tab");
            try
            {
                await Assertions.Expect(field).ToHaveValueAsync(value, new() { Timeout = attempt < 3 ? 5_000 : 15_000 });
                return;
            }
            catch (PlaywrightException) when (attempt < 3)
            {
            }
        }
    }

    /// <summary>axe-core scan once the page is at rest; see <see cref="Accessibility.AssertAccessibleAsync"/>.</summary>
    public static Task AssertAccessibleAsync(IPage page, string name) => Accessibility.AssertAccessibleAsync(page, name);

    public static Task ScreenshotAsync(IPage page, string file) => Accessibility.ScreenshotAsync(page, file);
}

[CollectionDefinition(Name)]
public sealed class E2ECollection : ICollectionFixture<E2EFixture> { public const string Name = "e2e"; }
