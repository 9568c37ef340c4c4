using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Ombud.Web.Data;

/// <summary>
/// The health check behind <c>GET /health</c> (ASP.NET Core health checks): the database answers. A context comes from
/// the factory, as everywhere in the app. The response is <c>ok</c> (200) when healthy, otherwise a problem
/// response (503) — what the container's and the load balancer's probes expect.
/// </summary>
public sealed class DatabaseHealthCheck(IDbContextFactory<OmbudDbContext> dbf) : IHealthCheck
{
    public const string Unreachable = "Databasen svarar inte";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var db = await dbf.CreateDbContextAsync(cancellationToken);
        return await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy()
            : new HealthCheckResult(context.Registration.FailureStatus, Unreachable);
    }

    /// <summary>Maps <c>/health</c>: anonymous, "ok" or a 503 problem response without details of the failure.</summary>
    public static IEndpointConventionBuilder MapHealth(IEndpointRouteBuilder app) =>
        app.MapHealthChecks("/health", new HealthCheckOptions
        {
            ResponseWriter = (http, report) => report.Status == HealthStatus.Healthy
                ? Results.Text("ok").ExecuteAsync(http)
                : Results.Problem(Unreachable, statusCode: StatusCodes.Status503ServiceUnavailable).ExecuteAsync(http),
        }).AllowAnonymous();
}
