using Microsoft.AspNetCore.Components.Server.Circuits;
using Serilog.Context;

namespace Ombud.Web.Infrastructure;

/// <summary>
/// Tags every log event raised while a Blazor circuit handles an event with a correlation id (the circuit id), the way
/// HTTP requests carry their RequestId: one user's session can be followed through the log without any personal data.
/// </summary>
public sealed class CircuitLogging(ILogger<CircuitLogging> log) : CircuitHandler
{
    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(
        Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            using (LogContext.PushProperty("CorrelationId", context.Circuit.Id))
                await next(context);
        };

    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken ct)
    {
        using (LogContext.PushProperty("CorrelationId", circuit.Id))
            log.LogInformation("Circuit opened");
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken ct)
    {
        using (LogContext.PushProperty("CorrelationId", circuit.Id))
            log.LogInformation("Circuit closed");
        return Task.CompletedTask;
    }
}
