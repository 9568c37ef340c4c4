namespace Ombud.Web.Features;

public static class FeatureRegistration
{
    /// <summary>
    /// Registers every validator of the app (singletons), each wrapped in <see cref="SafeTextValidator{T}"/> so that no
    /// form accepts control or text-direction characters in any text field.
    /// </summary>
    public static IServiceCollection AddFeatureValidators(this IServiceCollection services)
    {
        services.AddValidatorsFromAssembly(typeof(FeatureRegistration).Assembly, ServiceLifetime.Singleton, includeInternalTypes: true);
        for (var i = 0; i < services.Count; i++)
        {
            var d = services[i];
            if (d.ServiceType is not { IsGenericType: true } type || type.GetGenericTypeDefinition() != typeof(IValidator<>)
                || d.ImplementationType is not { } implementation) continue;
            var safe = typeof(SafeTextValidator<>).MakeGenericType(type.GetGenericArguments()[0]);
            services[i] = new ServiceDescriptor(type,
                sp => Activator.CreateInstance(safe, ActivatorUtilities.CreateInstance(sp, implementation))!,
                d.Lifetime);
        }
        return services;
    }

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
