using System.Diagnostics;
using System.Globalization;
using Ombud.Web.Features.AnnualReport;
using Ombud.Web.Infrastructure;

namespace Ombud.Benchmarks;

/// <summary>
/// Issue #13: the yearly report against the hand-written SQL bound (<see cref="ReportSqlBound"/>) in one fresh process,
/// first calls included. Order: EF's start-up (model, first connection: paid once by whichever query runs first, so
/// timed on its own), then the first call of each (the app's query compilation, SQLite's statement preparation), then
/// warm medians, interleaved. Three comparisons: one year's every figure (<see cref="AnnualStatistics.Handler"/> against
/// <see cref="ReportSqlBound.ComputeAllAsync"/>: like for like), the Årsrapport page's handler (<see cref="YearReport.Handler"/>:
/// the year and the year before) against the bound run for both years, and the client figures alone
/// (the app's read, a row per mandate grouped by <see cref="AnnualStatistics.Compute"/>, against
/// <see cref="ReportSqlBound.ComputeAsync"/>).
/// Usage: <c>--report-bound [--db FILE] [--reps N] [--year Y] [--warm-up] [--bound-first]</c>.
/// </summary>
public static class ReportVsBound
{
    public static async Task<int> RunAsync(string[] args)
    {
        string? Arg(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        if (Arg("--db") is { } file) Environment.SetEnvironmentVariable("OMBUD_BENCH_DB", Path.GetFullPath(file));
        var reps = int.TryParse(Arg("--reps"), out var r) && r >= 1 ? r : 7;

        var w = Stopwatch.StartNew();
        var b = await BenchDb.OpenAsync("Sqlite"); // builds the app's services and EF's model, opens the file (the picks' queries)
        var startup = w.Elapsed.TotalMilliseconds;
        var year = int.TryParse(Arg("--year"), out var y) ? y : b.ReportYear;
        // --warm-up: as the app does at start-up (ReportWarmUp), before the first calls; timed on its own
        var warmUp = 0.0;
        if (args.Contains("--warm-up"))
        {
            var ws = Stopwatch.StartNew();
            await ReportWarmUp.RunAsync(b.Factory, TimeProvider.System.Today(), default);
            warmUp = ws.Elapsed.TotalMilliseconds;
        }
        var figures = b.Handler<AnnualStatistics.Handler>(b.Lead);
        var today = TimeProvider.System.Today();
        var page = b.Handler<YearReport.Handler>(b.Lead);

        async Task<double> Time(Func<Task> f)
        {
            var s = Stopwatch.StartNew();
            await f();
            return s.Elapsed.TotalMilliseconds;
        }
        async Task Bound(int yr)
        {
            await using var db = await b.Factory.CreateDbContextAsync();
            await ReportSqlBound.ComputeAllAsync(db, b.UnitId, yr, null, today);
        }
        async Task ClientsApp() => // what the app does for them: a row per mandate, grouped in memory
            AnnualStatistics.Compute(year, await AnnualStatistics.Handler.LoadFactsAsync(b.Factory, b.UnitId, year, null, default));
        async Task ClientsBound()
        {
            await using var db = await b.Factory.CreateDbContextAsync();
            await ReportSqlBound.ComputeAsync(db, b.UnitId, year, null);
        }
        Task App() => figures.HandleAsync(year, null);
        Task Page() => page.HandleAsync(year, null);
        async Task BoundBoth() { await Bound(year); await Bound(year - 1); }

        // First calls: the app's one-year figures first (it pays its query compilation), then the bound, then the page
        // (new query shapes for the unit parts), then the bound for the year before; the client figures alone last.
        // --bound-first swaps the first two: whichever reads the unit's rows first also pays SQLite's cold pages.
        var boundFirst = args.Contains("--bound-first");
        var firstBound = boundFirst ? await Time(() => Bound(year)) : 0;
        var firstApp = await Time(App);
        if (!boundFirst) firstBound = await Time(() => Bound(year));
        var firstPage = await Time(Page);
        var firstBoundBoth = firstBound + await Time(() => Bound(year - 1));
        var firstClients = await Time(ClientsApp);
        var firstClientsBound = await Time(ClientsBound);

        var app = new List<double>();
        var bound = new List<double>();
        var pageT = new List<double>();
        var both = new List<double>();
        var clients = new List<double>();
        var clientsBound = new List<double>();
        for (var i = 0; i < reps; i++)
        {
            app.Add(await Time(App));
            bound.Add(await Time(() => Bound(year)));
            pageT.Add(await Time(Page));
            both.Add(await Time(BoundBoth));
            clients.Add(await Time(ClientsApp));
            clientsBound.Add(await Time(ClientsBound));
        }
        static double Median(List<double> v)
        {
            var s = v.Order().ToArray();
            return s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
        }
        var load = File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Report {year}, unit {b.UnitId}, all municipalities ({BenchDb.SqlitePath}); EF start-up and picks {startup:0} ms; "
            + $"{(args.Contains("--warm-up") ? $"start-up warm-up (ReportWarmUp) {warmUp:0} ms; " : "")}"
            + $"{(boundFirst ? "first calls: the bound first; " : "")}{reps} warm repetitions; load average {load}"));
        static void Row(string measure, double appMs, double boundMs) =>
            Console.WriteLine(FormattableString.Invariant($"| {measure} | {appMs:0} | {boundMs:0} | {appMs / boundMs:0.00} |"));
        Console.WriteLine("| measure | app (ms) | SQL bound (ms) | ratio |");
        Console.WriteLine("| --- | --- | --- | --- |");
        Row("one year, every figure, first call", firstApp, firstBound);
        Row("one year, every figure, warm median", Median(app), Median(bound));
        Row("Årsrapport page's handler (2 years) vs bound × 2 years, first call", firstPage, firstBoundBoth);
        Row("same, warm median", Median(pageT), Median(both));
        Row("one year, client figures only, first call", firstClients, firstClientsBound);
        Row("one year, client figures only, warm median", Median(clients), Median(clientsBound));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RATIO report/sql-bound first call {firstApp / firstBound:0.00}, warm {Median(app) / Median(bound):0.00}; "
            + $"page handler/bound both years first {firstPage / firstBoundBoth:0.00}, "
            + $"warm {Median(pageT) / Median(both):0.00} (target <= 1.5)"));
        return 0;
    }
}
