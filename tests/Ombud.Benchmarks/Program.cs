using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Ombud.Benchmarks;

public static class BenchProgram
{
    /// <summary>
    /// `--circuits N [--db FILE]`: memory per Blazor circuit; `--browser --db FILE ...`: click-to-rendered page times;
    /// `--report-bound`: the report against the SQL bound, first calls included. Anything else goes to BenchmarkDotNet
    /// (e.g. --filter '*').
    /// </summary>
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "--circuits") return await CircuitMemory.RunAsync(args);
        if (args.Length > 0 && args[0] == "--browser") return await BrowserPages.RunAsync(args);
        if (args.Length > 0 && args[0] == "--report-bound") return await ReportVsBound.RunAsync(args);
        if (args.Length > 0 && args[0] == "--review") return await ReviewTimes.RunAsync(args); // Enhetens ärenden's handler alone
        if (args.Length > 0 && args[0] == "--load") return await LoadScenario.RunAsync(args); // issue #13: saves while an import runs

        // In-process (no separate build per benchmark: quicker on a shared 2-core machine); few iterations, medians reported.
        var config = ManualConfig.Create(DefaultConfig.Instance)
            .AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(10))
            .AddColumn(StatisticColumn.Median, StatisticColumn.P95)
            .WithOptions(ConfigOptions.DisableLogFile)
            .WithSummaryStyle(BenchmarkDotNet.Reports.SummaryStyle.Default
                .WithCultureInfo(System.Globalization.CultureInfo.InvariantCulture)
                .WithTimeUnit(Perfolizer.Horology.TimeUnit.Millisecond));
        BenchmarkSwitcher.FromAssembly(typeof(OnBenchDb).Assembly).Run(args, config);
        return 0;
    }
}
