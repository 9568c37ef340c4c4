using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Ombud.Web.Infrastructure;

/// <summary>
/// Server-side sessions. A sign-in cookie carries the account's security stamp; sign-out, closing the account, a new
/// password and a role change give the account a new stamp (<see cref="EndAllAsync"/>), which ends every session of it:
/// <list type="bullet">
/// <item>each HTTP request checks the cookie's stamp against the database (<see cref="ValidateCookieAsync"/>): a replayed
/// cookie is refused and the browser is sent to the sign-in page;</item>
/// <item>an open Blazor circuit is checked every <c>Ombud:SessionRevalidationSeconds</c> (default 30) by
/// <see cref="RevalidatingSessionStateProvider"/>, and <see cref="CurrentUser"/> checks before every handler call, so a
/// closed account's open tab can neither read nor write and lands on the sign-in page.</item>
/// </list>
/// The account's state is cached for a few seconds per instance (a database read per user, not per request); the
/// instance that ends a session forgets its cached state at once, other instances within <see cref="CacheFor"/>.
/// </summary>
public sealed class SessionValidator(IDbContextFactory<OmbudDbContext> dbf, IMemoryCache cache, IOptions<IdentityOptions> identity)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(10);

    private sealed record AccountState(string? SecurityStamp, bool IsActive);

    /// <summary>True while the principal's account is open and its security stamp is the current one.</summary>
    public async Task<bool> IsValidAsync(ClaimsPrincipal principal, CancellationToken ct = default)
    {
        var id = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        var stamp = principal.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);
        if (id is null || string.IsNullOrEmpty(stamp)) return false;
        var state = await cache.GetOrCreateAsync(Key(id), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CacheFor;
            await using var db = await dbf.CreateDbContextAsync(ct);
            return await db.Users.AsNoTracking().Where(u => u.Id == id)
                .Select(u => new AccountState(u.SecurityStamp, u.IsActive)).FirstOrDefaultAsync(ct);
        });
        return state is { IsActive: true } && string.Equals(state.SecurityStamp, stamp, StringComparison.Ordinal);
    }

    /// <summary>Ends every session of the account: a new security stamp, and this instance's cached state is dropped.</summary>
    public async Task EndAllAsync(UserManager<AppUser> users, AppUser user)
    {
        await users.UpdateSecurityStampAsync(user);
        Forget(user.Id);
    }

    /// <summary>Drops the cached state of an account whose stamp or status was changed here.</summary>
    public void Forget(string userId) => cache.Remove(Key(userId));

    private static string Key(string userId) => "session:" + userId;

    /// <summary>The cookie handler's per-request check: an ended session is refused and its cookie deleted.</summary>
    public static async Task ValidateCookieAsync(CookieValidatePrincipalContext context)
    {
        if (context.Principal is not { Identity.IsAuthenticated: true } principal) return;
        var sessions = context.HttpContext.RequestServices.GetRequiredService<SessionValidator>();
        if (await sessions.IsValidAsync(principal, context.HttpContext.RequestAborted)) return;
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(context.Scheme.Name);
    }
}

/// <summary>Checks an open circuit's session every few seconds; an ended session becomes signed out, and the page
/// (AuthorizeRouteView → RedirectToLogin) goes to the sign-in page.</summary>
public sealed class RevalidatingSessionStateProvider(ILoggerFactory loggers, SessionValidator sessions, IConfiguration config)
    : RevalidatingServerAuthenticationStateProvider(loggers)
{
    protected override TimeSpan RevalidationInterval =>
        TimeSpan.FromSeconds(Math.Clamp(config.GetValue("Ombud:SessionRevalidationSeconds", 30), 1, 60));

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken ct)
    {
        if (state.User.Identity?.IsAuthenticated != true) return true;
        return await sessions.IsValidAsync(state.User, ct);
    }
}
