using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.HttpOverrides;

namespace Ombud.Web.Infrastructure;

/// <summary>Security headers, login rate limiting and HTTPS for the web app.</summary>
public static class WebSecurity
{
    public const string LoginPath = "/konto/logga-in";
    /// <summary>The public survey answer page (one-time codes).</summary>
    public const string SurveyPath = "/enkat";

    /// <summary>
    /// CSP that Blazor Server and MudBlazor work with: scripts only from this site (no inline script, no eval), styles from
    /// this site plus inline style attributes (MudBlazor sets positions and sizes inline), the SignalR connection to this
    /// site, no framing, no plugins.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

    public static IServiceCollection AddWebSecurity(this IServiceCollection services, IConfiguration config)
    {
        var perMinute = config.GetValue("Ombud:LoginAttemptsPerMinute", 10);
        var surveyPerMinute = config.GetValue("Ombud:SurveyPostsPerMinute", 20);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (ctx, ct) =>
            {
                ctx.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                await ctx.HttpContext.Response.WriteAsync(ctx.HttpContext.Request.Path.StartsWithSegments(SurveyPath)
                    ? "För många försök. Vänta en minut och försök igen."
                    : "För många inloggningsförsök. Vänta en minut och försök igen.", ct);
            };
            // Only sign-in posts and the public survey page's posts (code guessing) are limited, per client address, in
            // memory only (no address is stored): slows down guessing without touching normal use.
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(ctx =>
                !HttpMethods.IsPost(ctx.Request.Method) ? RateLimitPartition.GetNoLimiter("övrigt")
                : ctx.Request.Path.StartsWithSegments(LoginPath)
                    ? RateLimitPartition.GetFixedWindowLimiter("login:" + (ctx.Connection.RemoteIpAddress?.ToString() ?? "okänd"),
                        _ => new FixedWindowRateLimiterOptions
                        {
                            PermitLimit = perMinute,
                            Window = TimeSpan.FromMinutes(1),
                            QueueLimit = 0
                        })
                : ctx.Request.Path.StartsWithSegments(SurveyPath)
                    ? RateLimitPartition.GetFixedWindowLimiter("enkat:" + (ctx.Connection.RemoteIpAddress?.ToString() ?? "okänd"),
                        _ => new FixedWindowRateLimiterOptions
                        {
                            PermitLimit = surveyPerMinute,
                            Window = TimeSpan.FromMinutes(1),
                            QueueLimit = 0
                        })
                    : RateLimitPartition.GetNoLimiter("övrigt"));
        });
        return services;
    }

    /// <summary>
    /// Which reverse proxies may say who the client is (<c>X-Forwarded-For</c>) and that the request came over HTTPS
    /// (<c>X-Forwarded-Proto</c>): the addresses in <c>Ombud:KnownProxies</c> and the networks (CIDR) in
    /// <c>Ombud:KnownNetworks</c> — a list, or one value separated by commas or semicolons. When neither is configured the
    /// headers are honoured from nobody (not even loopback), and <c>ASPNETCORE_FORWARDEDHEADERS_ENABLED</c>, which would
    /// trust them from anyone, is made harmless: otherwise a guesser sends a new <c>X-Forwarded-For</c> with every
    /// sign-in attempt and the per-address limits never apply.
    /// </summary>
    public static IServiceCollection AddTrustedProxies(this IServiceCollection services, IConfiguration config)
    {
        var proxies = Values(config, "Ombud:KnownProxies").Select(v => IPAddress.TryParse(v, out var a) ? a
            : throw new InvalidOperationException($"Ombud:KnownProxies: '{v}' är ingen IP-adress.")).ToList();
        var networks = Values(config, "Ombud:KnownNetworks").Select(v => System.Net.IPNetwork.TryParse(v, out var n) ? n
            : throw new InvalidOperationException($"Ombud:KnownNetworks: '{v}' är inget nät i CIDR-form (t.ex. 10.0.0.0/24).")).ToList();
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            if (proxies.Count == 0 && networks.Count == 0)
            {
                o.ForwardedHeaders = ForwardedHeaders.None; // an empty list would mean "trust everyone"
                return;
            }
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            proxies.ForEach(o.KnownProxies.Add);
            networks.ForEach(o.KnownIPNetworks.Add);
        });
        return services;
    }

    /// <summary>
    /// Applies the forwarded headers from the configured proxies; first in the pipeline. See <see cref="AddTrustedProxies"/>.
    /// </summary>
    public static IApplicationBuilder UseTrustedProxies(this IApplicationBuilder app) => app.UseForwardedHeaders();

    private static IEnumerable<string> Values(IConfiguration config, string key)
    {
        var section = config.GetSection(key);
        var all = section.Value is { } one ? [one] : section.GetChildren().Select(c => c.Value ?? "");
        return all.SelectMany(v => v.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (ctx, next) =>
    {
        ctx.Response.OnStarting(() =>
        {
            var h = ctx.Response.Headers;
            h.ContentSecurityPolicy = ContentSecurityPolicy;
            h.XContentTypeOptions = "nosniff";
            h.XFrameOptions = "DENY";
            h["Referrer-Policy"] = "no-referrer";
            h["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
            h["Cross-Origin-Opener-Policy"] = "same-origin";
            return Task.CompletedTask;
        });
        await next();
    });
}
