using System.Net;
using Ombud.Web.Data.Seed;
using Ombud.Web.Features.Account;
using Ombud.Web.Features.Clients;
using Ombud.Web.Features.Needs;

namespace Ombud.IntegrationTests;

public class AccessTests(OmbudAppFactory app) : IClassFixture<OmbudAppFactory>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/klienter")]
    [InlineData("/klienter/1")]
    [InlineData("/klienter/ny")]
    [InlineData("/admin/kategorier")]
    public async Task Anonymous_requests_are_sent_to_the_login_page(string path)
    {
        using var client = app.CreateBrowserLikeClient();
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/konto/logga-in", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task Health_endpoint_answers_without_sign_in()
    {
        using var client = app.CreateBrowserLikeClient();
        Assert.Equal("ok", await client.GetStringAsync("/health"));
    }

    [Theory]
    [InlineData("ombud", "/klienter", HttpStatusCode.OK)]
    [InlineData("ombud", "/klienter/ny", HttpStatusCode.OK)]
    [InlineData("ombud", "/admin/kategorier", HttpStatusCode.Redirect)]
    [InlineData("chef", "/klienter", HttpStatusCode.Redirect)]
    [InlineData("chef", "/klienter/ny", HttpStatusCode.Redirect)]
    [InlineData("admin", "/klienter", HttpStatusCode.Redirect)]
    [InlineData("admin", "/admin/kategorier", HttpStatusCode.OK)]
    [InlineData("admin", "/admin/granskningslogg", HttpStatusCode.OK)]
    [InlineData("chef", "/admin/granskningslogg", HttpStatusCode.Redirect)]
    [InlineData("ombud", "/admin/aktorer", HttpStatusCode.Redirect)]
    public async Task Pages_are_reachable_by_role(string user, string path, HttpStatusCode expected)
    {
        using var client = app.CreateBrowserLikeClient();
        var login = await OmbudAppFactory.SignInAsync(client, user, DemoData.Password);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var response = await client.GetAsync(path);
        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.Redirect) Assert.StartsWith("/konto/ingen-behorighet", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_and_after_five_this_address_must_wait_even_with_the_right_one()
    {
        using var client = app.CreateBrowserLikeClient();
        for (var i = 0; i < 5; i++)
        {
            var r = await OmbudAppFactory.SignInAsync(client, "ombud2", "fel-lösenord");
            Assert.Contains(SignInWithPassword.Refusal, await TextOf(r));
        }
        var correct = await OmbudAppFactory.SignInAsync(client, "ombud2", DemoData.Password);
        Assert.Contains(SignInWithPassword.Refusal, await TextOf(correct)); // throttled: the password is not even looked at
        await using var scope = await HostScope.AsAsync(app, "admin");
        scope.Get<LoginThrottle>().Reset("ombud2"); // other tests sign in as ombud2 from the same (test) address
    }

    private static async Task<string> TextOf(HttpResponseMessage r) => WebUtility.HtmlDecode(await r.Content.ReadAsStringAsync());

    [Fact]
    public async Task The_login_page_does_not_redirect_to_another_site()
    {
        Assert.Equal("/", Ombud.Web.Features.Account.Login.SafeReturnUrl("https://evil.example/"));
        Assert.Equal("/", Ombud.Web.Features.Account.Login.SafeReturnUrl("//evil.example/"));
        Assert.Equal("/klienter", Ombud.Web.Features.Account.Login.SafeReturnUrl("/klienter"));
        await Task.CompletedTask;
    }

    [Fact]
    public async Task An_ombud_cannot_read_another_ombuds_client_and_the_attempt_is_audited()
    {
        await using var other = await HostScope.AsAsync(app, "ombud2");
        int foreignClientId;
        await using (var db = await other.DbAsync())
            foreignClientId = await db.Clients.Where(c => c.OmbudId != other.User.Id).Select(c => c.Id).FirstAsync();

        var details = await other.Get<GetClient.Handler>().HandleAsync(foreignClientId);

        Assert.Null(details);
        await other.Get<AuditWriter>().FlushAsync(); // a denial is written in the background, as a read is
        await using var check = await other.DbAsync();
        Assert.True(await check.AuditEntries.AnyAsync(
            a => a.Action == AuditActions.AccessDenied && a.UserId == other.User.Id && a.EntityId == foreignClientId.ToString()));
    }

    [Fact]
    public async Task An_ombud_cannot_change_another_ombuds_mandate()
    {
        await using var other = await HostScope.AsAsync(app, "ombud2");
        int foreignMandateId;
        await using (var db = await other.DbAsync())
            foreignMandateId = await db.Mandates
                .Where(m => m.OmbudId != other.User.Id && m.Status != MandateStatus.Closed)
                .Select(m => m.Id)
                .FirstAsync();
        var cmd = new SaveNeed.Command
        {
            MandateId = foreignMandateId,
            LifeAreaId = 1,
            ClientWords = "intrång",
            IdentifiedOn = SwedishDate.TodayAsDateTime,
        };

        await Assert.ThrowsAsync<NotFoundOrForbiddenException>(() => other.Get<SaveNeed.Handler>().HandleAsync(cmd));

        await using var check = await other.DbAsync();
        Assert.False(await check.Needs.AnyAsync(n => n.ClientWords == "intrång"));
    }

    [Fact]
    public async Task A_unit_lead_gets_no_client_records_from_the_client_handlers()
    {
        await using var lead = await HostScope.AsAsync(app, "chef");
        var list = await lead.Get<ListMyClients.Handler>().HandleAsync(new ListMyClients.Query());
        Assert.Equal(0, list.Total);
        Assert.Null(await lead.Get<GetClient.Handler>().HandleAsync(1));
        await Assert.ThrowsAsync<DomainException>(() => lead.Get<RegisterClient.Handler>().HandleAsync(new RegisterClient.Command()));
    }
}
