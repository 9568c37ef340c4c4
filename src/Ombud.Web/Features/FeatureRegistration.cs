namespace Ombud.Web.Features;

public static class FeatureRegistration
{
    /// <summary>
    /// Registers every use-case handler: a nested class named "Handler" inside a use-case class under Features/
    /// (e.g. <c>RegisterClient.Handler</c>). One file per use case, no mediator.
    /// </summary>
    public static IServiceCollection AddFeatureHandlers(this IServiceCollection services)
    {
        var handlers = typeof(FeatureRegistration).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false, Name: "Handler", IsNested: true }
                        && t.Namespace?.StartsWith(typeof(FeatureRegistration).Namespace!, StringComparison.Ordinal) == true);
        foreach (var h in handlers) services.AddScoped(h);
        return services;
    }
}
