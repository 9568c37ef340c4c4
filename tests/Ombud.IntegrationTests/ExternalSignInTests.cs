using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Ombud.Web.Features.Account;

namespace Ombud.IntegrationTests;

/// <summary>The optional sign-in through the municipality's identity provider (no real provider: its metadata is given).</summary>
public class ExternalSignInTests
{
    private static OmbudAppFactory WithProvider() => new()
    {
        ExtraSettings = new Dictionary<string, string>
        {
            ["Ombud:Oidc:Authority"] = "https://idp.example/tenant",
            ["Ombud:Oidc:ClientId"] = "ombud-test",
            ["Ombud:Oidc:Groups:Ombud"] = "grp-ombud",
            ["Ombud:Oidc:Groups:Enhetschef"] = "grp-chef",
        },
        // The provider's discovery document, as if fetched: nothing leaves the machine.
        ExtraServices = s => s.PostConfigure<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme, o =>
        {
            var metadata = new OpenIdConnectConfiguration
            {
                AuthorizationEndpoint = "https://idp.example/tenant/authorize",
                Issuer = "https://idp.example/tenant"
            };
            o.Configuration = metadata;
            o.ConfigurationManager = new FixedMetadata(metadata);
        }),
    };

    private static string LastError(OmbudAppFactory app) =>
        Directory.Exists(app.LogFolder)
            ? string.Join(
                "\n",
                Directory.GetFiles(app.LogFolder)
                    .SelectMany(File.ReadAllLines)
                    .Where(l => l.Contains("\"@l\":\"Error\"") || l.Contains("Exception"))
                    .TakeLast(3))
            : "";

    [Fact]
    public async Task Without_configuration_only_local_accounts_are_offered()
    {
        await using var app = new OmbudAppFactory();
        using var client = app.CreateBrowserLikeClient();
        var html = await client.GetStringAsync("/konto/logga-in");
        Assert.DoesNotContain("login-external", html);
        var start = await client.GetAsync(ExternalSignIn.StartPath);
        Assert.False(start.Headers.Location is { IsAbsoluteUri: true }, "nothing may send the browser to a provider"); // no such route
    }

    [Fact]
    public async Task When_configured_the_login_page_offers_the_provider_and_the_button_sends_the_browser_there()
    {
        await using var app = WithProvider();
        using var client = app.CreateBrowserLikeClient();
        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/konto/logga-in"));
        Assert.Contains("Logga in med kommunens konto", html);
        Assert.Contains("Användarnamn", html); // local accounts stay

        var challenge = await client.GetAsync(ExternalSignIn.StartPath + "?returnUrl=%2Fklienter");
        Assert.True(challenge.StatusCode == HttpStatusCode.Redirect, $"{challenge.StatusCode}: {LastError(app)}");
        var location = challenge.Headers.Location!.ToString();
        Assert.StartsWith("https://idp.example/tenant/authorize?", location);
        Assert.Contains("client_id=ombud-test", location);
        Assert.Contains("code_challenge=", location); // PKCE
    }

    [Fact]
    public async Task The_first_sign_in_creates_the_account_and_every_sign_in_takes_the_roles_from_the_groups()
    {
        await using var app = WithProvider();
        _ = app.Server;
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var db = scope.ServiceProvider.GetRequiredService<OmbudDbContext>();
        var options = ExternalSignIn.Read(scope.ServiceProvider.GetRequiredService<IConfiguration>());
        ClaimsPrincipal Person(params string[] groups) => new(new ClaimsIdentity(
            [new Claim("sub", "abc-123"), new Claim("name", "Göran Länsman"), new Claim("preferred_username", "goran@kommun.se"),
             .. groups.Select(g => new Claim("groups", g))], "oidc"));

        var (first, refusal) = await ExternalSignIn.ProvisionAsync(
            users, db, options, "OpenIdConnect", Person("grp-chef", "other"), NullLogger.Instance);
        Assert.Null(refusal);
        Assert.Equal("goran@kommun.se", first!.UserName);
        Assert.Equal("Göran Länsman", first.DisplayName);
        Assert.Null(first.PasswordHash);
        Assert.Equal([Roles.UnitLead], await users.GetRolesAsync(first));

        var (again, _) = await ExternalSignIn.ProvisionAsync(users, db, options, "OpenIdConnect", Person("grp-ombud"), NullLogger.Instance);
        Assert.Equal(first.Id, again!.Id); // the same account, found by the provider's user id
        Assert.Equal([Roles.Ombud], await users.GetRolesAsync(again)); // roles follow the groups

        var (none, noGroup) = await ExternalSignIn.ProvisionAsync(
            users, db, options, "OpenIdConnect", Person("other"), NullLogger.Instance);
        Assert.Null(none);
        Assert.Equal("behorighet", noGroup);

        again.IsActive = false;
        await users.UpdateAsync(again);
        var (stopped, inactive) = await ExternalSignIn.ProvisionAsync(
            users, db, options, "OpenIdConnect", Person("grp-ombud"), NullLogger.Instance);
        Assert.Null(stopped);
        Assert.Equal("inaktiverat", inactive);
        Assert.Equal(1, await db.Users.CountAsync(u => u.DisplayName == "Göran Länsman"));
    }

    [Fact]
    public async Task A_refusal_is_shown_by_code_and_text_in_the_url_is_never_shown()
    {
        await using var app = WithProvider();
        using var client = app.CreateBrowserLikeClient();
        var refused = WebUtility.HtmlDecode(await client.GetStringAsync("/konto/logga-in?fel=behorighet"));
        Assert.Contains("Du har inte behörighet till Ombud", refused);
        var crafted = await Html.ParseAsync(await client.GetStringAsync("/konto/logga-in?fel=Ring%20support%20p%C3%A5%20070-1234567"));
        var shown = crafted.QuerySelector("[data-testid=login-error]")?.TextContent;
        Assert.DoesNotContain("070-1234567", crafted.Body!.TextContent);
        Assert.Equal("Inloggningen via kommunens konto misslyckades. Försök igen.", shown);
    }

    private sealed class FixedMetadata(
        OpenIdConnectConfiguration metadata) : Microsoft.IdentityModel.Protocols.IConfigurationManager<OpenIdConnectConfiguration>
    {
        public Task<OpenIdConnectConfiguration> GetConfigurationAsync(CancellationToken cancel) => Task.FromResult(metadata);
        public void RequestRefresh() { }
    }
}
