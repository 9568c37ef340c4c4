using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Ombud.Web.Data;
using Ombud.Web.Data.Seed;
using Ombud.Web.Domain;
using Ombud.Web.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Ombud.EndToEndTests;

/// <summary>An open browser tab of an account that is closed meanwhile is taken to the sign-in page, without a reload.</summary>
[Collection(E2ECollection.Name)]
public sealed class SessionEndTests(E2EFixture fx)
{
    [Fact]
    public async Task An_open_tab_of_a_closed_account_lands_on_the_sign_in_page_within_a_minute()
    {
        await using var scope = fx.App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var unitId = (await users.FindByNameAsync("ombud"))!.UnitId;
        var account = new AppUser { UserName = "e2e.stangs", DisplayName = "Stängs Snart", UnitId = unitId, IsActive = true };
        Assert.True((await users.CreateAsync(account, DemoData.Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(account, Roles.Ombud)).Succeeded);

        await using var ctx = await fx.NewContextAsync();
        var page = await fx.SignInAsync(ctx, "e2e.stangs");
        await fx.GotoInteractiveAsync(page, "/klienter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Mina klienter" })).ToBeVisibleAsync();

        // What Admin → Användare → Stäng does (SetUserActive): the account is closed and its sessions are ended.
        account.IsActive = false;
        Assert.True((await users.UpdateAsync(account)).Succeeded);
        await scope.ServiceProvider.GetRequiredService<SessionValidator>().EndAllAsync(users, account);

        // No reload or click: the circuit's periodic check (30 s by default) signs the tab out.
        await page.WaitForURLAsync(u => u.Contains("/konto/logga-in"), new() { Timeout = 60_000 });
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Logga in" })).ToBeVisibleAsync();
        await E2EFixture.ScreenshotAsync(page, "session-ended-closed-account.png");
        // The tab's cookie no longer opens anything either.
        await page.GotoAsync(fx.BaseUrl + "/klienter");
        Assert.Contains("/konto/logga-in", page.Url);
    }
}
