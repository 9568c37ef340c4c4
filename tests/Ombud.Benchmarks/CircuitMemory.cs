using System.Diagnostics;
using System.Runtime;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Ombud.Web.Data.Seed;
using Ombud.Web.Domain;

namespace Ombud.Benchmarks;

/// <summary>
/// 4. Memory per connected user: the app on Kestrel in this process, Chromium (Playwright) opens N tabs — half on the
/// ombud's client page (/klienter/{id}, a different open client each), half on the lead's caseload overview (/) — and
/// keeps them connected. After a forced, compacting full GC the managed heap and the process working set are compared
/// with the same measure before the tabs opened. The Playwright .NET client lives in this process too, so its few
/// objects per tab are counted: the figure is an upper bound for the server alone.
/// Usage: <c>--circuits N [--db FILE] [--pages client|overview|both]</c> (the database is copied first: page views write audit rows).
/// </summary>
public static class CircuitMemory
{
    public static async Task<int> RunAsync(string[] args)
    {
        var n = args.Length > 1 && int.TryParse(args[1], out var x) && x >= 2 ? x : 50;
        var source = args.SkipWhile(a => a != "--db").Skip(1).FirstOrDefault() ?? BenchDb.SqlitePath;
        // --pages client|overview|both (default both): which page the tabs show, to tell the pages' shares apart
        var pagesArg = args.SkipWhile(a => a != "--pages").Skip(1).FirstOrDefault() ?? "both";
        var copy = Path.Combine(Path.GetTempPath(), $"ombud-circuits-{Environment.ProcessId}.db");
        File.Copy(Path.GetFullPath(source), copy, overwrite: true);
        Environment.CurrentDirectory = AppContext.BaseDirectory; // WebApplicationFactory finds the app's content root from a manifest here
        try
        {
            await using var app = new App(copy);
            app.Start();
            int[] clientIds;
            await using (var scope = app.Services.CreateAsyncScope())
            await using (var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<Ombud.Web.Data.OmbudDbContext>>()
                             .CreateDbContextAsync())
            {
                var open = await db.Mandates
                    .Where(m => m.Status != MandateStatus.Closed)
                    .GroupBy(m => m.OmbudId)
                    .Select(g => new { g.Key, Count = g.Count() })
                    .ToListAsync();
                var ombudId = open.OrderBy(o => Math.Abs(o.Count - 40)).ThenBy(o => o.Key).First().Key;
                clientIds = await db.Mandates
                    .Where(m => m.OmbudId == ombudId && m.Status != MandateStatus.Closed)
                    .OrderBy(m => m.ClientId)
                    .Select(m => m.ClientId)
                    .ToArrayAsync();
                app.OmbudUser = await db.Users.Where(u => u.Id == ombudId).Select(u => u.UserName!).SingleAsync();
            }

            using var pw = await Playwright.CreateAsync();
            await using var browser = await pw.Chromium.LaunchAsync(new()
            {
                ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--renderer-process-limit=4", "--disable-background-networking", "--no-first-run"],
            });
            var ombudCtx = await SignInAsync(browser, app.BaseUrl, app.OmbudUser);
            var leadCtx = await SignInAsync(browser, app.BaseUrl, "chef-riket");

            // Warm up: one of each page, then closed, so first-use caches (components, EF model, JIT) are in the baseline.
            foreach (var (ctx, path) in new[] { (ombudCtx, $"/klienter/{clientIds[0]}"), (leadCtx, "/") })
            {
                var p = await OpenAsync(ctx, app.BaseUrl + path);
                await p.CloseAsync();
            }
            await Task.Delay(3000);
            var before = Measure();

            var pages = new List<IPage>();
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < n; i++)
                pages.Add(pagesArg == "client" || (pagesArg == "both" && i % 2 == 0)
                    ? await OpenAsync(ombudCtx, $"{app.BaseUrl}/klienter/{clientIds[i / 2 % clientIds.Length]}")
                    : await OpenAsync(leadCtx, app.BaseUrl + "/"));
            await Task.Delay(3000);
            var after = Measure();
            var alive = 0;
            foreach (var p in pages) if (await p.Locator("[data-testid=interactive][data-interactive=yes]").CountAsync() == 1) alive++;

            var heapKb = (after.Heap - before.Heap) / 1024.0 / n;
            var wsKb = (after.WorkingSet - before.WorkingSet) / 1024.0 / n;
            var clientTabs = pagesArg switch { "client" => n, "overview" => 0, _ => n - n / 2 };
            Console.WriteLine($"Circuits: {n} ({clientTabs} client page as {app.OmbudUser} with {clientIds.Length} open clients, "
                + $"{n - clientTabs} caseload overview as chef-riket), {alive} interactive at the end, "
                + $"opened in {watch.Elapsed.TotalSeconds:0.0} s");
            Console.WriteLine($"Managed heap after full GC: {before.Heap / 1048576.0:0.0} MB -> {after.Heap / 1048576.0:0.0} MB; "
                + $"working set: {before.WorkingSet / 1048576.0:0.0} MB -> {after.WorkingSet / 1048576.0:0.0} MB");
            Console.WriteLine(FormattableString.Invariant(
                $"CIRCUIT heap_kb_per_circuit={heapKb:0} working_set_kb_per_circuit={wsKb:0} circuits={n} pages={pagesArg}"));
            foreach (var p in pages) await p.CloseAsync();
            return alive == n ? 0 : 1;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var f in new[] { copy, copy + "-wal", copy + "-shm" }) File.Delete(f);
        }
    }

    private static (long Heap, long WorkingSet) Measure()
    {
        for (var i = 0; i < 3; i++)
        {
            GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        return (GC.GetTotalMemory(forceFullCollection: true), self.WorkingSet64);
    }

    private static async Task<IBrowserContext> SignInAsync(IBrowser browser, string baseUrl, string user)
    {
        var ctx = await browser.NewContextAsync(new() { Locale = "sv-SE", TimezoneId = "Europe/Stockholm" });
        ctx.SetDefaultTimeout(120_000);
        ctx.SetDefaultNavigationTimeout(120_000);
        var page = await ctx.NewPageAsync();
        await page.GotoAsync(baseUrl + "/konto/logga-in");
        await page.GetByLabel("Användarnamn").FillAsync(user);
        await page.GetByLabel("Lösenord").FillAsync(DemoData.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Logga in" }).ClickAsync();
        await page.WaitForURLAsync(u => !u.Contains("/konto/logga-in"));
        await page.CloseAsync();
        return ctx;
    }

    private static async Task<IPage> OpenAsync(IBrowserContext ctx, string url)
    {
        var page = await ctx.NewPageAsync();
        await page.GotoAsync(url);
        await page.Locator("[data-testid=interactive][data-interactive=yes]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        return page;
    }

    private sealed class App(string dbFile) : WebApplicationFactory<Program>
    {
        public string BaseUrl { get; private set; } = "";
        public string OmbudUser { get; set; } = "";

        public void Start()
        {
            UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, 0));
            StartServer();
            BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            // Development: static web assets (MudBlazor's files) are served from the build output, as in the E2E tests.
            builder.UseEnvironment("Development");
            builder.UseSetting("Database:Provider", "Sqlite");
            builder.UseSetting("ConnectionStrings:Ombud", $"Data Source={dbFile}");
            builder.UseSetting("Ombud:SeedDemoData", "false");
            builder.UseSetting("Ombud:LogFolder", Path.Combine(Path.GetTempPath(), "ombud-circuits-logs"));
            builder.UseSetting("Ombud:LoginAttemptsPerMinute", "1000");
            builder.UseSetting("Ombud:RetentionSweep", "false");
            builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        }
    }
}
