using System.Net;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpsPolicy;
using Microsoft.Extensions.Options;
using Ombud.Web.Data.Seed;

namespace Ombud.IntegrationTests;

public class WebSecurityTests(OmbudAppFactory app) : IClassFixture<OmbudAppFactory>
{
    [Theory]
    [InlineData("/konto/logga-in")]
    [InlineData("/health")]
    public async Task Responses_carry_the_security_headers(string path)
    {
        using var client = app.CreateBrowserLikeClient();
        var r = await client.GetAsync(path);
        var csp = string.Join("", r.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Equal("nosniff", Assert.Single(r.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(r.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("no-referrer", Assert.Single(r.Headers.GetValues("Referrer-Policy")));
    }

    [Fact]
    public void Outside_development_the_antiforgery_cookie_is_secure_and_hsts_lasts_a_year_unless_configured()
    {
        using var production = app.WithWebHostBuilder(b => b.UseEnvironment("Production"));
        var antiforgery = production.Services.GetRequiredService<IOptions<AntiforgeryOptions>>().Value;
        Assert.Equal(CookieSecurePolicy.Always, antiforgery.Cookie.SecurePolicy);
        Assert.Equal(TimeSpan.FromDays(365), production.Services.GetRequiredService<IOptions<HstsOptions>>().Value.MaxAge);

        using var shorter = app.WithWebHostBuilder(b => b.UseEnvironment("Production").UseSetting("Ombud:HstsDays", "30"));
        Assert.Equal(TimeSpan.FromDays(30), shorter.Services.GetRequiredService<IOptions<HstsOptions>>().Value.MaxAge);
    }

    [Fact]
    public async Task The_sign_in_cookie_is_http_only_and_same_site_strict()
    {
        using var client = app.CreateBrowserLikeClient();
        var r = await OmbudAppFactory.SignInAsync(client, "ombud", DemoData.Password);
        var cookie = r.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("ombud.auth="));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Sign_in_posts_are_rate_limited_per_address()
    {
        await using var limited = new OmbudAppFactory { LoginAttemptsPerMinute = 3 };
        using var client = limited.CreateBrowserLikeClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++) statuses.Add((await OmbudAppFactory.SignInAsync(client, "ombud", "fel")).StatusCode);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/konto/logga-in")).StatusCode); // reading the page is not limited
    }
}

/// <summary>The public survey page (no sign-in): guessing one-time codes is slowed down and stores nothing.</summary>
public class SurveyPageGuessingTests
{
    [Fact]
    public async Task Code_guesses_are_refused_in_Swedish_and_rate_limited_per_address_and_no_answer_is_stored()
    {
        await using var app = new OmbudAppFactory
        {
            ExtraSettings = new Dictionary<string, string> { ["Ombud:SurveyPostsPerMinute"] = "3" },
        };
        using var client = app.CreateBrowserLikeClient();
        var statuses = new List<HttpStatusCode>();
        string? lastPage = null;
        for (var i = 0; i < 4; i++)
        {
            var page = await Html.ParseAsync(await client.GetStringAsync("/enkat"));
            var fields = page.QuerySelectorAll("form[data-testid=survey-code-form] input[type=hidden][name]")
                .OfType<AngleSharp.Html.Dom.IHtmlInputElement>().ToDictionary(x => x.Name!, x => x.Value);
            fields["kod"] = $"ABCDE-FGHJ{"KMNP"[i]}"; // well-formed, never made
            var response = await client.PostAsync("/enkat", new FormUrlEncodedContent(fields));
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.OK) lastPage = await response.Content.ReadAsStringAsync();
        }
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        var shown = await Html.ParseAsync(lastPage!);
        Assert.Equal(
            Ombud.Web.Features.Surveys.SubmitSurveyAnswers.Unknown,
            shown.QuerySelector("[data-testid=survey-error]")?.TextContent);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/enkat")).StatusCode); // reading the page is not limited
        await using var scope = app.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<OmbudDbContext>>().CreateDbContextAsync();
        Assert.Equal(0, await db.SurveyResponses.CountAsync(r => r.Channel == SurveyChannel.Web));
        Assert.False(await db.SurveyCodes.AnyAsync(c => c.Used));
    }
}

public class DataProtectionTests(OmbudAppFactory app) : IClassFixture<OmbudAppFactory>
{
    [Fact]
    public async Task Data_protection_keys_are_kept_in_the_database()
    {
        using var client = app.CreateBrowserLikeClient();
        await OmbudAppFactory.SignInAsync(client, "ombud", DemoData.Password); // antiforgery + cookie need a key
        await using var s = await HostScope.AsAsync(app, "admin");
        await using var db = await s.DbAsync();
        Assert.NotEmpty(db.DataProtectionKeys);
    }
}

/// <summary>
/// X-Forwarded-For counts only from a configured proxy. Shown on the per-address sign-in limit: a guesser who sends a new
/// X-Forwarded-For with every attempt must still hit it. The test server has no socket, so a startup filter takes the
/// connection's address from <see cref="PeerHeader"/> (the address the request "comes from").
/// </summary>
public class TrustedProxyTests
{
    private const string PeerHeader = "X-Test-Peer";
    private const string Proxy = "10.0.0.5";

    private static OmbudAppFactory App(params (string Key, string Value)[] settings) => new()
    {
        LoginAttemptsPerMinute = 2,
        ExtraSettings = settings.ToDictionary(s => s.Key, s => s.Value),
        // First of all startup filters, before the one ASPNETCORE_FORWARDEDHEADERS_ENABLED adds: the peer is set first.
        ExtraServices = s => s.Insert(0, ServiceDescriptor.Singleton<IStartupFilter>(new PeerFromHeader())),
    };

    /// <summary>Three failed sign-ins from <paramref name="peer"/>, each claiming another client address; the statuses.</summary>
    private static async Task<HttpStatusCode[]> GuessAsync(OmbudAppFactory app, string peer, Func<int, string> forwardedFor)
    {
        using var client = app.CreateBrowserLikeClient();
        client.DefaultRequestHeaders.Add(PeerHeader, peer);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            client.DefaultRequestHeaders.Remove("X-Forwarded-For");
            client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor(i));
            statuses.Add((await OmbudAppFactory.SignInAsync(client, "ombud", "fel")).StatusCode);
        }
        return [.. statuses];
    }

    [Fact]
    public async Task Without_configured_proxies_X_Forwarded_For_is_ignored_even_with_ASPNETCORE_FORWARDEDHEADERS_ENABLED()
    {
        await using var app = App(("FORWARDEDHEADERS_ENABLED", "true"));
        var statuses = await GuessAsync(app, "127.0.0.1", i => $"203.0.113.{i + 1}");
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task X_Forwarded_For_from_an_address_that_is_not_a_configured_proxy_is_ignored()
    {
        await using var app = App(("Ombud:KnownProxies", Proxy), ("Ombud:KnownNetworks", "192.168.10.0/24"));
        var statuses = await GuessAsync(app, "10.0.0.6", i => $"203.0.113.{i + 1}");
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task A_configured_proxy_or_network_names_the_client_and_the_limit_applies_per_client()
    {
        await using var app = App(("Ombud:KnownProxies", Proxy), ("Ombud:KnownNetworks", "192.168.10.0/24"));
        // Three clients behind the proxy: none is limited.
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK], await GuessAsync(app, Proxy, i => $"203.0.113.{i + 1}"));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK],
            await GuessAsync(app, "192.168.10.7", i => $"198.51.100.{i + 1}"));
        // One client behind the proxy guessing three times: limited like a direct one.
        Assert.Equal(
            [HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests],
            await GuessAsync(app, Proxy, _ => "203.0.113.99"));
    }

    [Fact]
    public void A_proxy_that_is_not_an_address_stops_the_start_with_a_message()
    {
        using var app = App(("Ombud:KnownProxies", "proxy.kommun.se"));
        var e = Assert.ThrowsAny<Exception>(() => app.Services);
        Assert.Contains("Ombud:KnownProxies", e.ToString());
    }

    private sealed class PeerFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((ctx, nextMiddleware) =>
            {
                if (IPAddress.TryParse(ctx.Request.Headers[PeerHeader], out var peer)) ctx.Connection.RemoteIpAddress = peer;
                return nextMiddleware(ctx);
            });
            next(app);
        };
    }
}
