using System.Net;
using System.Text.RegularExpressions;
using Ombud.Web.Data.Seed;
using Ombud.Web.Features.Admin;

namespace Ombud.IntegrationTests;

/// <summary>
/// Sessions end on the server: after sign-out, closing the account, a new password or a role change, a copy of the
/// sign-in cookie taken before (a "replayed" cookie) no longer opens anything.
/// </summary>
public partial class SessionTests(OmbudAppFactory app) : IClassFixture<OmbudAppFactory>
{
    private const string Password = "Sessions-test-2026";

    [Fact]
    public async Task A_cookie_replayed_after_sign_out_is_sent_to_the_sign_in_page()
    {
        using var browser = app.CreateBrowserLikeClient();
        var cookie = AuthCookie(await OmbudAppFactory.SignInAsync(browser, "ombud2", DemoData.Password));
        Assert.Equal(HttpStatusCode.OK, (await ReplayAsync(cookie, "/klienter")).StatusCode);

        var page = await browser.GetStringAsync("/klienter");
        var signOut = await browser.PostAsync("/konto/logga-ut", new FormUrlEncodedContent(HiddenFields(page)));
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);

        AssertSentToSignIn(await ReplayAsync(cookie, "/klienter"));
        // and signing in again works as usual
        using var again = app.CreateBrowserLikeClient();
        var againCookie = AuthCookie(await OmbudAppFactory.SignInAsync(again, "ombud2", DemoData.Password));
        Assert.Equal(HttpStatusCode.OK, (await ReplayAsync(againCookie, "/klienter")).StatusCode);
    }

    [Fact]
    public async Task Closing_an_account_ends_its_sessions_for_pages_and_downloads()
    {
        await using var admin = await HostScope.AsAsync(app, "admin");
        var id = await CreateAsync(admin, "sess.chef", Roles.UnitLead);
        using var browser = app.CreateBrowserLikeClient();
        var cookie = AuthCookie(await OmbudAppFactory.SignInAsync(browser, "sess.chef", Password));
        var csv = $"/arsrapport/export.csv?ar={DateTime.UtcNow.Year}";
        Assert.Equal(HttpStatusCode.OK, (await ReplayAsync(cookie, csv)).StatusCode);

        await admin.Get<SetUserActive.Handler>().HandleAsync(id, active: false);

        AssertSentToSignIn(await ReplayAsync(cookie, csv));
        AssertSentToSignIn(await ReplayAsync(cookie, "/enheten/vantelista"));
        // the tab's own cookie jar too
        AssertSentToSignIn(await browser.GetAsync("/enheten/vantelista"));
    }

    [Fact]
    public async Task A_new_password_ends_the_accounts_sessions()
    {
        await using var admin = await HostScope.AsAsync(app, "admin");
        var id = await CreateAsync(admin, "sess.losen", Roles.Ombud);
        using var browser = app.CreateBrowserLikeClient();
        var cookie = AuthCookie(await OmbudAppFactory.SignInAsync(browser, "sess.losen", Password));
        Assert.Equal(HttpStatusCode.OK, (await ReplayAsync(cookie, "/klienter")).StatusCode);

        await admin.Get<SaveUser.Handler>().HandleAsync(new SaveUser.Command
        {
            Id = id,
            UserName = "sess.losen",
            DisplayName = "Sessions Test",
            Roles = [Roles.Ombud],
            NewPassword = "Annat-losen-2026",
        });

        AssertSentToSignIn(await ReplayAsync(cookie, "/klienter"));
    }

    [Fact]
    public async Task A_role_change_ends_the_accounts_sessions_but_a_name_change_does_not()
    {
        await using var admin = await HostScope.AsAsync(app, "admin");
        var id = await CreateAsync(admin, "sess.roll", Roles.Ombud);
        using var browser = app.CreateBrowserLikeClient();
        var cookie = AuthCookie(await OmbudAppFactory.SignInAsync(browser, "sess.roll", Password));

        await admin.Get<SaveUser.Handler>().HandleAsync(new SaveUser.Command
        {
            Id = id,
            UserName = "sess.roll",
            DisplayName = "Nytt Namn",
            Roles = [Roles.Ombud],
        });
        Assert.Equal(HttpStatusCode.OK, (await ReplayAsync(cookie, "/klienter")).StatusCode);

        await admin.Get<SaveUser.Handler>().HandleAsync(new SaveUser.Command
        {
            Id = id,
            UserName = "sess.roll",
            DisplayName = "Nytt Namn",
            Roles = [Roles.Ombud, Roles.UnitLead],
        });
        AssertSentToSignIn(await ReplayAsync(cookie, "/klienter"));
    }

    [Fact]
    public async Task A_closed_accounts_open_circuit_can_no_longer_act_as_it()
    {
        await using var admin = await HostScope.AsAsync(app, "admin");
        var id = await CreateAsync(admin, "sess.krets", Roles.Ombud);
        using var browser = app.CreateBrowserLikeClient();
        await OmbudAppFactory.SignInAsync(browser, "sess.krets", Password);
        var principal = await PrincipalOfAsync(browser);

        // The current user as a long-lived circuit sees it: the same principal, asked again after the account closed.
        var state = new Microsoft.AspNetCore.Components.Authorization.AuthenticationState(principal);
        await using var circuit = app.Services.CreateAsyncScope();
        var provider = new FixedStateProvider(state);
        var current = new CurrentUser(new ProviderServices(circuit.ServiceProvider, provider),
            new Microsoft.AspNetCore.Http.HttpContextAccessor());
        Assert.NotNull(await current.FindAsync());

        await admin.Get<SetUserActive.Handler>().HandleAsync(id, active: false);

        Assert.Null(await current.FindAsync());
    }

    private async Task<string> CreateAsync(HostScope admin, string userName, string role) =>
        await admin.Get<SaveUser.Handler>().HandleAsync(new SaveUser.Command
        {
            UserName = userName,
            DisplayName = "Sessions Test",
            Roles = [role],
            NewPassword = Password,
        });

    /// <summary>The principal the cookie handler makes of the browser's cookie (as a circuit would get it).</summary>
    private async Task<System.Security.Claims.ClaimsPrincipal> PrincipalOfAsync(HttpClient browser)
    {
        // The account page's prerender runs as the signed-in user; rebuild the principal from the stored user instead.
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>();
        var factory = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.IUserClaimsPrincipalFactory<AppUser>>();
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/klienter")).StatusCode);
        return await factory.CreateAsync((await users.FindByNameAsync("sess.krets"))!);
    }

    private Task<HttpResponseMessage> ReplayAsync(string cookie, string path) => Cookies.ReplayAsync(app, cookie, path);

    private static void AssertSentToSignIn(HttpResponseMessage response) => Cookies.AssertSentToSignIn(response);

    private static string AuthCookie(HttpResponseMessage signIn) => Cookies.AuthCookie(signIn);

    private static Dictionary<string, string> HiddenFields(string html) =>
        HiddenInput().Matches(html).Select(m => m.Value)
            .Select(tag => (Name: Attr(tag, "name"), Value: WebUtility.HtmlDecode(Attr(tag, "value") ?? "")))
            .Where(f => f.Name is not null).GroupBy(f => f.Name!).ToDictionary(g => g.Key, g => g.First().Value);

    private static string? Attr(string tag, string name) =>
        Regex.Match(tag, name + "=\"([^\"]*)\"") is { Success: true } m ? m.Groups[1].Value : null;

    [GeneratedRegex("<input[^>]*type=\"hidden\"[^>]*>")]
    private static partial Regex HiddenInput();

    private sealed class FixedStateProvider(Microsoft.AspNetCore.Components.Authorization.AuthenticationState state)
        : Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider
    {
        public override Task<Microsoft.AspNetCore.Components.Authorization.AuthenticationState> GetAuthenticationStateAsync() =>
            Task.FromResult(state);
    }

    /// <summary>The app's services, with the circuit's authentication state provider.</summary>
    private sealed class ProviderServices(IServiceProvider inner, FixedStateProvider provider) : IServiceProvider
    {
        public object? GetService(Type serviceType) =>
            serviceType == typeof(Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider)
                ? provider
                : inner.GetService(serviceType);
    }
}
