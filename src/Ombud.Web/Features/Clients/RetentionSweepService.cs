namespace Ombud.Web.Features.Clients;

/// <summary>Runs the retention sweep shortly after start-up and then once a day.</summary>
public sealed class RetentionSweepService(IServiceScopeFactory scopes, ILogger<RetentionSweepService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Delay(TimeSpan.FromMinutes(1), stoppingToken);
        using var timer = new PeriodicTimer(TimeSpan.FromHours(24));
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<PurgeExpired.Handler>().HandleAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogError(ex, "Retention sweep failed; it runs again tomorrow");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
