using System.Diagnostics;
using Ombud.Web.Features.Caseload;

namespace Ombud.Benchmarks;

/// <summary>
/// Issue #13: Enhetens ärenden's handler (<see cref="ReviewCaseload.Handler.ReviewAsync"/>) for the first unit's lead in one
/// fresh process: the first call (query compilation included), then the warm median. With <c>OMBUD_BENCH_SQL=1</c> every
/// statement is logged with its time (for query-plan work). Usage: <c>--review [--db FILE] [--reps N]</c>.
/// </summary>
public static class ReviewTimes
{
    public static async Task<int> RunAsync(string[] args)
    {
        string? Arg(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        if (Arg("--db") is { } file) Environment.SetEnvironmentVariable("OMBUD_BENCH_DB", Path.GetFullPath(file));
        var reps = int.TryParse(Arg("--reps"), out var r) && r >= 1 ? r : 7;
        var b = await BenchDb.OpenAsync("Sqlite");
        var review = b.Handler<ReviewCaseload.Handler>(b.Lead);
        async Task<double> Time()
        {
            var s = Stopwatch.StartNew();
            await review.ReviewAsync(new ReviewCaseload.Query());
            return s.Elapsed.TotalMilliseconds;
        }
        var first = await Time();
        var warm = new List<double>();
        for (var i = 0; i < reps; i++) warm.Add(await Time());
        var sorted = warm.Order().ToArray();
        var median = sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
        var load = File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
        Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"REVIEW unit {b.UnitId} ({BenchDb.SqlitePath}): first {first:0} ms, warm median {median:0} ms, "
            + $"max {sorted[^1]:0} ms ({reps} reps; load {load})"));
        return 0;
    }
}
