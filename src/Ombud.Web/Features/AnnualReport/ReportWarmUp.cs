namespace Ombud.Web.Features.AnnualReport;

/// <summary>
/// Compiles the yearly report's queries once when the app starts (issue #13). EF translates each query shape the first
/// time it runs in a process; for the report's ≈ 15 shapes that cost about a second on a loaded 2-core machine, paid by
/// the first lead to open Årsrapport after a restart (3.9 × the hand-written SQL for a 6-ombud unit). The warm-up runs the
/// whole report once, in the background, for a unit that does not exist: every query runs and finds no rows. Off with
/// <c>Ombud:ReportWarmUp=false</c>; never for the command line.
/// </summary>
public sealed class ReportWarmUp(IServiceScopeFactory scopes, TimeProvider clock, ILogger<ReportWarmUp> log) : BackgroundService
{
    public const string Setting = "Ombud:ReportWarmUp";

    /// <summary>Runs the report (all municipalities, exact) for unit 0, which never exists: compiles its queries, reads nothing.</summary>
    public static Task RunAsync(IDbContextFactory<OmbudDbContext> dbf, DateOnly today, CancellationToken ct) =>
        YearReport.LoadAsync(dbf, 0, today.Year - 1, null, today, ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope(); // the context factory is scoped
            await RunAsync(scope.ServiceProvider.GetRequiredService<IDbContextFactory<OmbudDbContext>>(), clock.Today(), stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogWarning(ex, "The yearly report's warm-up failed; the first report after start-up compiles its queries instead");
        }
    }
}
