namespace Ombud.Web.Features.Clients;

/// <summary>
/// Runs the retention sweep once a day across all app instances on the database: shortly after start-up and then every
/// hour each instance asks for the sweep's lease (<see cref="JobLeasing"/>); the one that gets it runs the sweep and
/// records the day, the others (and later checks the same day) do nothing. A failed sweep frees the lease without
/// recording the day, so the next check (on any instance) tries again; an instance that dies mid-sweep holds the lease
/// for <see cref="LeaseFor"/> at most.
/// </summary>
public sealed class RetentionSweepService(IServiceScopeFactory scopes, TimeProvider clock, ILogger<RetentionSweepService> log)
    : BackgroundService
{
    public const string JobName = "RetentionSweep";
    public static readonly TimeSpan CheckEvery = TimeSpan.FromHours(1);
    public static readonly TimeSpan LeaseFor = TimeSpan.FromHours(2);

    /// <summary>
    /// This instance, as named in the lease: machine, process and a random part (several hosts share a process in tests).
    /// </summary>
    public string Holder { get; } = InstanceName();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Delay(TimeSpan.FromMinutes(1), clock, stoppingToken);
        using var timer = new PeriodicTimer(CheckEvery, clock);
        do
        {
            try
            {
                await RunIfDueAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogError(ex, "Retention sweep check failed; tried again within the hour");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>
    /// Runs the sweep if it has not run today on any instance and no other instance is running it. True when this
    /// instance ran it (successfully or not).
    /// </summary>
    public async Task<bool> RunIfDueAsync(CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var dbf = scope.ServiceProvider.GetRequiredService<IDbContextFactory<OmbudDbContext>>();
        var today = clock.Today();
        await using (var db = await dbf.CreateDbContextAsync(ct))
            if (!await JobLeasing.TryTakeAsync(db, JobName, Holder, today, clock.GetUtcNow().UtcDateTime, LeaseFor, ct)) return false;
        try
        {
            var count = await scope.ServiceProvider.GetRequiredService<PurgeExpired.Handler>().HandleAsync(ct);
            await using var db = await dbf.CreateDbContextAsync(CancellationToken.None);
            await JobLeasing.FinishAsync(db, JobName, Holder, today, CancellationToken.None);
            log.LogInformation("Retention sweep for {Day} ran on this instance ({Holder}): {Count} clients anonymised",
                today, Holder, count);
        }
        catch (Exception ex)
        {
            if (ex is not OperationCanceledException) log.LogError(ex, "Retention sweep failed; tried again within the hour");
            await using var db = await dbf.CreateDbContextAsync(CancellationToken.None);
            await JobLeasing.ReleaseAsync(db, JobName, Holder, CancellationToken.None);
            if (ex is OperationCanceledException) throw;
        }
        return true;
    }

    private static string InstanceName()
    {
        var name = $"{Guid.NewGuid():N}/{Environment.ProcessId}/{Environment.MachineName}";
        return name.Length > JobLeasing.HolderLength ? name[..JobLeasing.HolderLength] : name;
    }
}
