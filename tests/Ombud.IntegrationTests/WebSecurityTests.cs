using System.Net;
using Microsoft.AspNetCore.Antiforgery;
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
