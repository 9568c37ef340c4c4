using System.Net;
using FluentValidation;
using Ombud.Web.Features.Admin;
using Ombud.Web.Features.Region;

namespace Ombud.IntegrationTests;

/// <summary>
/// The Systemadministratör manages Regional uppföljare accounts (a unit's admin cannot): closing one or giving it a new
/// password ends its sessions, and every change — like every view of the roll-up — is in the log of each granted unit.
/// </summary>
public sealed class RegionalViewerAccountTests(OmbudAppFactory app) : IClassFixture<OmbudAppFactory>
{
    private const string Password = "Region-test-2026";

    private sealed record Setup(HostScope Sys, string ViewerId, string UserName, int OtherUnitId);

    /// <summary>A new regional account, granted the demo unit (the sysadmin's own) and a new unit of its own.</summary>
    private async Task<Setup> CreateAsync(string userName)
    {
        var sys = await HostScope.AsAsync(app, "sysadmin");
        var other = await sys.Get<AddUnit.Handler>()
            .HandleAsync(new AddUnit.Command { Name = $"Enhet {userName}", Municipalities = ["Regionby"] });
        var id = await sys.Get<AddAccount.Handler>().HandleAsync(new AddAccount.Command
        {
            UnitId = sys.User.UnitId,
            UserName = userName,
            DisplayName = "Rakel Region",
            Role = Roles.RegionalViewer,
            Password = Password,
        });
        foreach (var unit in new[] { sys.User.UnitId, other })
            await sys.Get<SetRegionalGrant.Handler>().HandleAsync(new SetRegionalGrant.Command(id, unit, true));
        return new Setup(sys, id, userName, other);
    }

    /// <summary>The sign-in gives no session cookie.</summary>
    private async Task AssertSignInRefusedAsync(string userName, string password)
    {
        using var browser = app.CreateBrowserLikeClient();
        var signIn = await OmbudAppFactory.SignInAsync(browser, userName, password);
        Assert.DoesNotContain(signIn.Headers.TryGetValues("Set-Cookie", out var set) ? set : [], c => c.StartsWith("ombud.auth="));
    }

    private async Task<List<AuditEntry>> AuditAsync(string entityType, Func<AuditEntry, bool> which)
    {
        await app.Services.GetRequiredService<AuditWriter>().FlushAsync();
        await using var scope = app.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<OmbudDbContext>>().CreateDbContextAsync();
        return (await db.AuditEntries.AsNoTracking().Where(a => a.EntityType == entityType).ToListAsync()).Where(which).ToList();
    }

    [Fact]
    public async Task Closing_a_regional_account_ends_its_sessions_and_the_granted_units_see_it_in_their_log()
    {
        var s = await CreateAsync("region.stang");
        await using var _ = s.Sys;
        using var browser = app.CreateBrowserLikeClient();
        var cookie = Cookies.AuthCookie(await OmbudAppFactory.SignInAsync(browser, s.UserName, Password));
        var xlsx = ExportRollUp.Href(DateTime.UtcNow.Year - 1);
        Assert.Equal(HttpStatusCode.OK, (await Cookies.ReplayAsync(app, cookie, xlsx)).StatusCode);

        await s.Sys.Get<SetRegionalViewerActive.Handler>().HandleAsync(s.ViewerId, active: false);

        Cookies.AssertSentToSignIn(await Cookies.ReplayAsync(app, cookie, xlsx));
        Cookies.AssertSentToSignIn(await Cookies.ReplayAsync(app, cookie, "/region"));
        await AssertSignInRefusedAsync(s.UserName, Password);
        var row = (await s.Sys.Get<ListRegionalViewers.Handler>().HandleAsync()).Single(r => r.UserId == s.ViewerId);
        Assert.False(row.IsActive);
        Assert.Equal(2, row.UnitIds.Count); // the grants stay for when the account is opened again

        // the change is in the Systemadministratör's log and in the other granted unit's, once each
        var changed = await AuditAsync("User", a => a.EntityId == s.ViewerId && a.Action == AuditActions.Changed);
        Assert.Equal([s.Sys.User.UnitId, s.OtherUnitId], changed.Select(a => a.UnitId!.Value).Order());
        // so are the download before it and the grants
        var views = await AuditAsync(RollUpYearReport.AuditEntity, a => a.UserId == s.ViewerId);
        Assert.Contains(views, a => a.UnitId == s.OtherUnitId && a.EntityId == $"{DateTime.UtcNow.Year - 1} xlsx enhet {s.OtherUnitId}");
        Assert.Contains(views, a => a.UnitId == s.Sys.User.UnitId);
        var grants = await AuditAsync(SetRegionalGrant.AuditEntity, a => a.EntityId!.StartsWith(s.ViewerId));
        Assert.Equal(3, grants.Count); // the home unit's two, and one in the other unit's own log
        Assert.Single(grants, a => a.UnitId == s.OtherUnitId);

        await s.Sys.Get<SetRegionalViewerActive.Handler>().HandleAsync(s.ViewerId, active: true);
        using var reopened = app.CreateBrowserLikeClient();
        var newCookie = Cookies.AuthCookie(await OmbudAppFactory.SignInAsync(reopened, s.UserName, Password));
        Assert.Equal(HttpStatusCode.OK, (await Cookies.ReplayAsync(app, newCookie, xlsx)).StatusCode);
    }

    [Fact]
    public async Task A_new_password_ends_the_sessions_and_only_the_new_one_signs_in()
    {
        var s = await CreateAsync("region.losen");
        await using var _ = s.Sys;
        using var browser = app.CreateBrowserLikeClient();
        var cookie = Cookies.AuthCookie(await OmbudAppFactory.SignInAsync(browser, s.UserName, Password));

        var tooShort = await Assert.ThrowsAsync<ValidationException>(() => s.Sys.Get<ResetRegionalViewerPassword.Handler>()
            .HandleAsync(new ResetRegionalViewerPassword.Command { UserId = s.ViewerId, NewPassword = "kort" }));
        Assert.Contains("minst 10 tecken", tooShort.Message);
        await s.Sys.Get<ResetRegionalViewerPassword.Handler>()
            .HandleAsync(new ResetRegionalViewerPassword.Command { UserId = s.ViewerId, NewPassword = "Nytt-region-2026" });

        Cookies.AssertSentToSignIn(await Cookies.ReplayAsync(app, cookie, "/region"));
        await AssertSignInRefusedAsync(s.UserName, Password);
        using var fresh = app.CreateBrowserLikeClient();
        var newCookie = Cookies.AuthCookie(await OmbudAppFactory.SignInAsync(fresh, s.UserName, "Nytt-region-2026"));
        Assert.Equal(HttpStatusCode.OK, (await Cookies.ReplayAsync(app, newCookie, "/region")).StatusCode);
        var changed = await AuditAsync("User", a => a.EntityId == s.ViewerId && a.Action == AuditActions.Changed);
        Assert.Equal([s.Sys.User.UnitId, s.OtherUnitId], changed.Select(a => a.UnitId!.Value).Order());
    }

    [Fact]
    public async Task Only_the_Systemadministratör_manages_regional_accounts_and_only_those()
    {
        var s = await CreateAsync("region.neka");
        await using var _ = s.Sys;
        foreach (var user in new[] { "chef", "ombud" })
        {
            await using var other = await HostScope.AsAsync(app, user);
            var refused = await Assert.ThrowsAsync<DomainException>(
                () => other.Get<SetRegionalViewerActive.Handler>().HandleAsync(s.ViewerId, false));
            Assert.StartsWith("Bara systemadministratörer", refused.Message);
            await Assert.ThrowsAsync<DomainException>(() => other.Get<ResetRegionalViewerPassword.Handler>()
                .HandleAsync(new ResetRegionalViewerPassword.Command { UserId = s.ViewerId, NewPassword = "Annat-losen-2026" }));
        }
        // a unit's own account is the unit admin's, not the Systemadministratör's regional page's
        string ombudId;
        await using (var ombud = await HostScope.AsAsync(app, "ombud2")) ombudId = ombud.User.Id;
        await Assert.ThrowsAsync<NotFoundOrForbiddenException>(
            () => s.Sys.Get<SetRegionalViewerActive.Handler>().HandleAsync(ombudId, false));
        await Assert.ThrowsAsync<NotFoundOrForbiddenException>(() => s.Sys.Get<ResetRegionalViewerPassword.Handler>()
            .HandleAsync(new ResetRegionalViewerPassword.Command { UserId = ombudId, NewPassword = "Annat-losen-2026" }));
        // a made-up or crafted id finds nothing, and says nothing about which ids exist
        foreach (var crafted in new[] { Guid.NewGuid().ToString(), "x\u0000' OR 1=1 --", new string('a', 5000) })
        {
            await Assert.ThrowsAsync<NotFoundOrForbiddenException>(
                () => s.Sys.Get<SetRegionalViewerActive.Handler>().HandleAsync(crafted, false));
            var reset = () => s.Sys.Get<ResetRegionalViewerPassword.Handler>()
                .HandleAsync(new ResetRegionalViewerPassword.Command { UserId = crafted, NewPassword = "Annat-losen-2026" });
            if (crafted.Contains('\u0000')) await Assert.ThrowsAsync<ValidationException>(reset); // the form's rule: no control characters
            else await Assert.ThrowsAsync<NotFoundOrForbiddenException>(reset);
        }
        var row = (await s.Sys.Get<ListRegionalViewers.Handler>().HandleAsync()).Single(r => r.UserId == s.ViewerId);
        Assert.True(row.IsActive);
    }
}
