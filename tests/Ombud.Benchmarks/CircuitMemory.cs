using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Ombud.Web.Domain;

namespace Ombud.Benchmarks;

/// <summary>
/// Issue #13, memory per connected user, measured on the server alone: the built app runs as its own process
/// (<see cref="AppProcess"/>), Chromium (Playwright, in this process) opens N signed-in tabs on one page and keeps them
/// connected, and the server's live managed heap is read from a <c>dotnet-gcdump</c> of it (the dump forces a full,
/// blocking GC and lists every live object) right before the tabs open and again once they are all interactive. The
/// difference over N is the heap one tab costs. Pages, measured one after the other in the same server:
/// <c>floor</c> (/not-found signed in: the layout, the nav and three lines of text — what any page costs),
/// <c>my-clients</c> (Mina klienter), <c>client</c> (the client page, a different open client per tab) and, on request,
/// <c>overview</c> (the lead's Enhetens ärenden). The types whose bytes grew most per tab are printed too.
/// Usage: <c>--circuits N [--db FILE] [--pages floor,my-clients,client] [--keep-dumps DIR] [--html DIR] [-- --AppKey=value ...]</c>
/// (<c>--html</c> saves each page's rendered body and screenshots, to check that a change made for memory renders the same markup)
/// (the database is copied first: page views write audit rows; arguments after <c>--</c> go to the app).
/// </summary>
public static class CircuitMemory
{
    private sealed record PageKind(string Key, string Name, Func<int, string> Path, string Ready, bool Lead = false);

    private static readonly PageKind[] Kinds =
    [
        new("floor", "empty page (layout + nav only)", _ => "/not-found", "document.querySelector('h1')"),
        new("my-clients", "Mina klienter", _ => "/klienter",
            "document.querySelector('[data-testid=client-table] [data-testid=client-link]')"),
        new("client", "client page", i => $"/klienter/{{client{i}}}",
            "document.querySelector('[data-testid=client-heading]')"
            + " && document.querySelector('[data-testid=contacts-table] tbody tr, [data-testid=contacts-empty]')"
            + " && document.querySelector('[data-testid=sip-empty], [data-testid=sip-current], [data-testid=sip-load-error]')"),
        new("overview", "Enhetens ärenden (lead)", _ => "/", "document.querySelector('[data-testid=overview-table] tbody tr')", Lead: true),
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var own = args.TakeWhile(a => a != "--").ToArray();
        var appArgs = args.SkipWhile(a => a != "--").Skip(1).ToArray();
        string? Arg(string name) => own.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var n = int.TryParse(Arg("--circuits"), out var x) && x >= 2 ? x : 40;
        var source = Path.GetFullPath(Arg("--db") ?? BenchDb.SqlitePath);
        var keep = Arg("--keep-dumps");
        var html = Arg("--html");
        var kinds = (Arg("--pages") ?? "floor,my-clients,client").Split(',')
            .Select(k => Kinds.SingleOrDefault(p => p.Key == k) ?? throw new ArgumentException($"--pages: unknown page {k}")).ToArray();
        var copy = Path.Combine(Path.GetTempPath(), $"ombud-circuits-{Environment.ProcessId}.db");
        File.Copy(source, copy, overwrite: true);
        var dumps = keep ?? Path.Combine(Path.GetTempPath(), $"ombud-circuits-{Environment.ProcessId}-dumps");
        Directory.CreateDirectory(dumps);
        try
        {
            // The ombud whose open caseload is closest to 40 clients, and those clients (one per client-page tab).
            var bench = await BenchDb.OpenAsync("Sqlite", copy);
            int[] clientIds;
            await using (var db = await bench.Factory.CreateDbContextAsync())
                clientIds = await db.Mandates.Where(m => m.OmbudId == bench.Ombud.Id && m.Status != MandateStatus.Closed)
                    .OrderBy(m => m.ClientId).Select(m => m.ClientId).ToArrayAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

            await using var app = await AppProcess.StartAsync(copy, sql: false, appArgs);
            using var pw = await Playwright.CreateAsync();
            await using var browser = await pw.Chromium.LaunchAsync(new()
            {
                ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--renderer-process-limit=4", "--disable-background-networking", "--no-first-run"],
            });
            var ombud = await SignInAsync(browser, app.BaseUrl, bench.Ombud.UserName);
            var lead = kinds.Any(k => k.Lead) ? await SignInAsync(browser, app.BaseUrl, "chef-riket") : null;
            string Url(PageKind k, int i) =>
                app.BaseUrl + k.Path(i).Replace($"{{client{i}}}", clientIds[i % clientIds.Length].ToString(CultureInfo.InvariantCulture));

            // Warm up: each page once, then closed, so first-use caches (components, EF model, JIT) are in every baseline.
            foreach (var k in kinds)
                for (var i = 0; i < 2; i++)
                    await (await OpenAsync(k.Lead ? lead! : ombud, Url(k, i), k.Ready)).CloseAsync();
            await Task.Delay(3000);

            Console.WriteLine($"Server pid {app.Pid}; ombud {bench.Ombud.UserName} with {clientIds.Length} open clients; "
                + $"{n} tabs per page; {appArgs.Length} app argument(s) {string.Join(' ', appArgs)}");
            var results = new List<string>();
            foreach (var k in kinds)
            {
                var before = await DumpAsync(app.Pid, Path.Combine(dumps, $"{k.Key}-before.gcdump"));
                var tabs = new List<IPage>();
                var watch = Stopwatch.StartNew();
                for (var i = 0; i < n; i++) tabs.Add(await OpenAsync(k.Lead ? lead! : ombud, Url(k, i), k.Ready));
                await Task.Delay(3000); // let every tab's last render batch be acknowledged
                var after = await DumpAsync(app.Pid, Path.Combine(dumps, $"{k.Key}-after.gcdump"));
                if (html is not null)
                {
                    Directory.CreateDirectory(html);
                    // Blazor's comment markers and MudBlazor's generated ids differ between runs: left out so that runs diff cleanly.
                    var body = await tabs[0].EvaluateAsync<string>("() => document.body.outerHTML");
                    body = Regex.Replace(
                        Regex.Replace(body, "<!--.*?-->", ""), @"(id|for|aria-[a-z]+)=""[^""]*[0-9a-f]{8}[^""]*""", "$1=\"*\"");
                    await File.WriteAllTextAsync(Path.Combine(html, $"{k.Key}.html"), body.Replace("><", ">\n<"));
                    // and how it looks, wide and on a phone (to compare a change's looks before and after)
                    await tabs[0].ScreenshotAsync(new() { Path = Path.Combine(html, $"{k.Key}.png"), FullPage = true });
                    await tabs[0].SetViewportSizeAsync(390, 844);
                    await tabs[0].ScreenshotAsync(new() { Path = Path.Combine(html, $"{k.Key}-phone.png"), FullPage = true });
                }
                var alive = 0;
                foreach (var p in tabs) if (await p.Locator("[data-testid=interactive][data-interactive=yes]").CountAsync() == 1) alive++;
                var heapKb = (after.Heap - before.Heap) / 1024.0 / n;
                var rssKb = (after.Rss - before.Rss) / 1024.0 / n;
                Console.WriteLine();
                Console.WriteLine(
                    Inv($"{k.Name}: {n} tabs opened in {watch.Elapsed.TotalSeconds:0.0} s, {alive} interactive; ")
                    + Inv($"live heap {before.Heap / 1048576.0:0.0} -> {after.Heap / 1048576.0:0.0} MB, ")
                    + Inv($"objects {before.Objects:N0} -> {after.Objects:N0}, ")
                    + Inv($"RSS {before.Rss / 1048576.0:0} -> {after.Rss / 1048576.0:0} MB"));
                PrintTopTypes(before, after, n);
                // Every live component has one RemoteComponentState: the tab's component count.
                const string state = "Microsoft.AspNetCore.Components.Server.Circuits.RemoteComponentState";
                var components = (after.Types.GetValueOrDefault(state).Count - before.Types.GetValueOrDefault(state).Count) / (double)n;
                results.Add(
                    Inv($"CIRCUIT page={k.Key} heap_kb_per_circuit={heapKb:0} components_per_circuit={components:0} ")
                    + Inv($"objects_per_circuit={(after.Objects - before.Objects) / (double)n:0} rss_kb_per_circuit={rssKb:0} ")
                    + Inv($"circuits={n} interactive={alive}"));
                foreach (var p in tabs) await p.CloseAsync();
                await Task.Delay(5000); // a closed tab ends its circuit at once (Blazor's unload beacon)
                if (alive != n) Console.WriteLine($"WARNING: {n - alive} tabs were not interactive at the end");
            }
            Console.WriteLine();
            foreach (var r in results) Console.WriteLine(r);
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var f in new[] { copy, copy + "-wal", copy + "-shm" }) File.Delete(f);
            if (keep is null) Directory.Delete(dumps, recursive: true);
        }
    }

    private sealed record HeapDump(long Heap, long Objects, long Rss, Dictionary<string, (long Bytes, long Count)> Types);

    /// <summary>A gcdump of the server (a full blocking GC first), read back with <c>dotnet-gcdump report</c>.</summary>
    private static async Task<HeapDump> DumpAsync(int pid, string file)
    {
        await GcDumpAsync($"collect -p {pid} -o {file}");
        var report = await GcDumpAsync($"report {file}");
        long heap = 0, objects = 0;
        var types = new Dictionary<string, (long, long)>();
        var row = new Regex(@"^\s*([\d,]+)\s+([\d,]+)\s+(.+?)\s+\[(.+)\]\s*$");
        foreach (var line in report.Split('\n'))
        {
            if (line.Contains("GC Heap bytes")) heap = Number(line.Trim().Split(' ')[0]);
            else if (line.Contains("GC Heap objects")) objects = Number(line.Trim().Split(' ')[0]);
            else if (row.Match(line) is { Success: true } m)
            {
                // "System.Byte[] (Bytes > 10K)": the report splits big arrays by size; one row per type here.
                var type = Regex.Replace(m.Groups[3].Value, @" \(Bytes > [\d.]+[KM]?\)$", "");
                // The report's byte column is the size of one object of the type (exact for classes, one sample for arrays
                // and strings), its count is exact: count × size is the type's bytes, approximate for arrays and strings.
                var (b, c) = types.GetValueOrDefault(type);
                var count = Number(m.Groups[2].Value);
                types[type] = (b + Number(m.Groups[1].Value) * count, c + count);
            }
        }
        if (heap == 0) throw new InvalidOperationException($"dotnet-gcdump report gave no heap size:\n{report}");
        var rss = File.ReadLines($"/proc/{pid}/status").Where(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))
            .Select(l => Number(l.Split(':')[1].Trim().Split(' ')[0]) * 1024).FirstOrDefault();
        return new HeapDump(heap, objects, rss, types);
    }

    private static long Number(string s) => long.Parse(s.Replace(",", ""), CultureInfo.InvariantCulture);

    private static void PrintTopTypes(HeapDump before, HeapDump after, int n)
    {
        var grown = after.Types.Select(t =>
        {
            var (b, c) = before.Types.GetValueOrDefault(t.Key);
            return (Type: t.Key, Bytes: (t.Value.Bytes - b) / (double)n, Count: (t.Value.Count - c) / (double)n);
        }).OrderByDescending(t => t.Bytes).ToList();
        Console.WriteLine("  bytes/tab  objects/tab  type (the 25 that grew most; bytes of arrays and strings are approximate)");
        foreach (var t in grown.Take(25))
            Console.WriteLine(FormattableString.Invariant($"  {t.Bytes,9:N0}  {t.Count,11:N1}  {t.Type}"));
        // By owner: the namespace decides (arrays and generic instances count under their element's / definition's).
        static string Owner(string type) => type switch
        {
            _ when type.Contains("Ombud.") => "Ombud (ours)",
            _ when type.StartsWith("MudBlazor", StringComparison.Ordinal) || type.Contains("<MudBlazor") => "MudBlazor",
            _ when type.Contains("Microsoft.AspNetCore.Components") => "Blazor (Components)",
            _ when type.Contains("SignalR") || type.Contains("Microsoft.AspNetCore.Http.Connections") => "SignalR",
            _ when type.Contains("EntityFrameworkCore") => "EF Core",
            _ when type.Contains("DependencyInjection") => "DI",
            _ => "System / other",
        };
        Console.WriteLine("  by owner (approximate): " + string.Join(", ", grown.GroupBy(t => Owner(t.Type))
            .Select(g => (g.Key, Kb: g.Sum(t => t.Bytes) / 1024)).OrderByDescending(g => g.Kb)
            .Select(g => FormattableString.Invariant($"{g.Key} {g.Kb:0} KB"))));
    }

    private static async Task<string> GcDumpAsync(string arguments)
    {
        // OMBUD_GCDUMP, else the global tool, else the repository's local tool (dotnet tool restore).
        var global = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools", "dotnet-gcdump");
        var (exe, pre) = Environment.GetEnvironmentVariable("OMBUD_GCDUMP") is { Length: > 0 } g ? (g, "")
            : File.Exists(global) ? (global, "") : ("dotnet", "tool run dotnet-gcdump ");
        var start = new ProcessStartInfo(exe, pre + arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../..")),
        };
        using var p = Process.Start(start)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0)
            throw new InvalidOperationException($"dotnet-gcdump {arguments} failed ({p.ExitCode}): {await stderr}{await stdout}");
        return await stdout;
    }

    private static string Inv(FormattableString text) => FormattableString.Invariant(text);

    private static async Task<IBrowserContext> SignInAsync(IBrowser browser, string baseUrl, string user)
    {
        var ctx = await browser.NewContextAsync(new()
        {
            Locale = "sv-SE",
            TimezoneId = "Europe/Stockholm",
            ViewportSize = new() { Width = 1366, Height = 900 },
        });
        ctx.SetDefaultTimeout(120_000);
        ctx.SetDefaultNavigationTimeout(120_000);
        var page = await ctx.NewPageAsync();
        await AppProcess.SignInAsync(page, baseUrl, user);
        await page.CloseAsync();
        return ctx;
    }

    private static async Task<IPage> OpenAsync(IBrowserContext ctx, string url, string ready)
    {
        var page = await ctx.NewPageAsync();
        await page.GotoAsync(url);
        await page.Locator("[data-testid=interactive][data-interactive=yes]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.WaitForFunctionAsync($"() => !!({ready})", null, new() { PollingInterval = 100 });
        return page;
    }
}
