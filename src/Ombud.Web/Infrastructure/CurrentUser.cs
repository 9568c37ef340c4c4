using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;

namespace Ombud.Web.Infrastructure;

/// <summary>The signed-in staff member, as the server knows it (never taken from the browser).</summary>
public sealed record UserInfo(string Id, string UserName, string DisplayName, int UnitId, IReadOnlySet<string> Roles)
{
    public static readonly UserInfo System = new("system", "system", "System", 0, new HashSet<string>());
    public bool IsOmbud => Roles.Contains(Domain.Roles.Ombud);
    public bool IsUnitLead => Roles.Contains(Domain.Roles.UnitLead);
    public bool IsAdmin => Roles.Contains(Domain.Roles.Admin);
    /// <summary>Installation-wide work: units, category lists, backup. No client data comes with it.</summary>
    public bool IsSystemAdmin => Roles.Contains(Domain.Roles.SystemAdmin);

    public static UserInfo? FromPrincipal(ClaimsPrincipal p)
    {
        if (p.Identity?.IsAuthenticated != true) return null;
        var id = p.FindFirstValue(ClaimTypes.NameIdentifier);
        if (id is null) return null;
        var name = p.Identity.Name ?? "";
        var display = p.FindFirstValue(OmbudClaims.DisplayName) ?? name;
        var unit = int.TryParse(p.FindFirstValue(OmbudClaims.UnitId), out var u) ? u : 0;
        var roles = p.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet();
        return new UserInfo(id, name, display, unit, roles);
    }
}

public static class OmbudClaims
{
    public const string DisplayName = "ombud:display_name";
    public const string UnitId = "ombud:unit";
}

public interface ICurrentUser
{
    /// <summary>The signed-in user, or null when nobody is (background work, the command line).</summary>
    Task<UserInfo?> FindAsync();
}

public static class CurrentUserExtensions
{
    /// <summary>The signed-in user; throws when there is none (a handler reached without sign-in is a bug).</summary>
    public static async Task<UserInfo> GetAsync(this ICurrentUser current) =>
        await current.FindAsync() ?? throw new UnauthorizedAccessException("Inte inloggad.");
}

/// <summary>
/// Reads the user from Blazor's authentication state (circuits, SSR) or the HTTP request (endpoints), and checks on
/// every call that the session has not been ended since (<see cref="SessionValidator"/>: account closed, signed out,
/// new password or roles), so a long-lived circuit of a closed account can do nothing more.
/// </summary>
public sealed class CurrentUser(IServiceProvider services, IHttpContextAccessor http) : ICurrentUser
{
    private ClaimsPrincipal? _principal;
    private UserInfo? _user;

    public async Task<UserInfo?> FindAsync()
    {
        if (_user is null)
        {
            ClaimsPrincipal? principal = null;
            if (services.GetService<AuthenticationStateProvider>() is { } asp)
            {
                try { principal = (await asp.GetAuthenticationStateAsync()).User; }
                catch (InvalidOperationException) { /* not in a Blazor render: fall back to the HTTP request */ }
            }
            if (principal?.Identity?.IsAuthenticated != true) principal = http.HttpContext?.User;
            if (principal is null || UserInfo.FromPrincipal(principal) is not { } user) return null;
            (_principal, _user) = (principal, user);
        }
        if (services.GetService<SessionValidator>() is { } sessions && !await sessions.IsValidAsync(_principal!)) return null;
        return _user;
    }
}

/// <summary>A fixed user, for the command line, background services and tests.</summary>
public sealed class FixedCurrentUser(UserInfo? user) : ICurrentUser
{
    public Task<UserInfo?> FindAsync() => Task.FromResult(user);
}
