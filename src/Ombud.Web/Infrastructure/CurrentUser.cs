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

/// <summary>Reads the user from Blazor's authentication state (circuits, SSR) or the HTTP request (endpoints).</summary>
public sealed class CurrentUser(IServiceProvider services, IHttpContextAccessor http) : ICurrentUser
{
    private UserInfo? _cached;

    public async Task<UserInfo?> FindAsync()
    {
        if (_cached is not null) return _cached;
        ClaimsPrincipal? principal = null;
        if (services.GetService<AuthenticationStateProvider>() is { } asp)
        {
            try { principal = (await asp.GetAuthenticationStateAsync()).User; }
            catch (InvalidOperationException) { /* not in a Blazor render: fall back to the HTTP request */ }
        }
        if (principal?.Identity?.IsAuthenticated != true) principal = http.HttpContext?.User;
        _cached = principal is null ? null : UserInfo.FromPrincipal(principal);
        return _cached;
    }
}

/// <summary>A fixed user, for the command line, background services and tests.</summary>
public sealed class FixedCurrentUser(UserInfo? user) : ICurrentUser
{
    public Task<UserInfo?> FindAsync() => Task.FromResult(user);
}
