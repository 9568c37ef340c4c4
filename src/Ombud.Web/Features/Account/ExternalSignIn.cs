using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;

namespace Ombud.Web.Features.Account;

/// <summary>
/// Optional sign-in through the municipality's identity provider (OpenID Connect, e.g. Entra ID). Off unless
/// <c>Ombud:Oidc:Authority</c> and <c>Ombud:Oidc:ClientId</c> are set; local accounts keep working either way.
/// The provider's group claim decides the roles on every sign-in (<c>Ombud:Oidc:Groups:Ombud|Enhetschef|Admin</c> = group
/// id); a person in none of the groups is refused. The first sign-in creates a local account (no password) linked to the
/// provider's user id; after that the person is an ordinary Ombud user (audit, access rules, deactivation).
/// </summary>
public static class ExternalSignIn
{
    public const string Scheme = OpenIdConnectDefaults.AuthenticationScheme;
    public const string StartPath = "/konto/extern-inloggning";
    public const string CallbackPath = "/konto/extern-inloggning/klar";

    public sealed class Options
    {
        public string? Authority { get; set; }
        public string? ClientId { get; set; }
        public string? ClientSecret { get; set; }
        /// <summary>Text on the login page's button.</summary>
        public string DisplayName { get; set; } = "Logga in med kommunens konto";
        /// <summary>The claim that carries group ids (Entra ID: "groups").</summary>
        public string GroupClaim { get; set; } = "groups";
        /// <summary>Role name → the provider's group id.</summary>
        public Dictionary<string, string> Groups { get; set; } = [];
        /// <summary>The unit new accounts belong to (default: the first unit).</summary>
        public int? UnitId { get; set; }

        public bool IsConfigured => !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(ClientId);
    }

    /// <summary>Why an external sign-in was refused: a code in the login page's URL (never free text from the URL).</summary>
    public static string Message(string? code) => code switch
    {
        "behorighet" => "Du har inte behörighet till Ombud. Be administratören lägga till dig i rätt grupp.",
        "inaktiverat" => "Kontot är inaktiverat. Kontakta administratören.",
        _ => "Inloggningen via kommunens konto misslyckades. Försök igen.",
    };

    public static Options Read(IConfiguration config) => config.GetSection("Ombud:Oidc").Get<Options>() ?? new Options();

    public static AuthenticationBuilder AddExternalSignIn(this AuthenticationBuilder auth, IConfiguration config)
    {
        var options = Read(config);
        if (!options.IsConfigured) return auth;
        return auth.AddOpenIdConnect(Scheme, o =>
        {
            o.SignInScheme = IdentityConstants.ExternalScheme;
            o.Authority = options.Authority;
            o.ClientId = options.ClientId;
            o.ClientSecret = options.ClientSecret;
            o.ResponseType = "code";
            o.UsePkce = true;
            o.CallbackPath = "/signin-oidc";
            o.Scope.Clear();
            foreach (var s in new[] { "openid", "profile" }) o.Scope.Add(s);
            o.MapInboundClaims = false;
            o.GetClaimsFromUserInfoEndpoint = false;
            o.SaveTokens = false;
        });
    }

    /// <summary>The roles the provider's groups give, in the app's role names.</summary>
    public static IReadOnlyList<string> RolesFrom(ClaimsPrincipal principal, Options options)
    {
        var groups = principal.FindAll(options.GroupClaim).Select(c => c.Value).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return Roles.All.Where(r => options.Groups.TryGetValue(r, out var g)
            && !string.IsNullOrWhiteSpace(g)
            && groups.Contains(g)).ToList();
    }

    /// <summary>
    /// Finds or creates the local account for an external sign-in and brings its roles and name in line with the
    /// provider. Returns the account, or the code of the reason why the person may not sign in (see <see cref="Message"/>).
    /// </summary>
    public static async Task<(AppUser? User, string? Refusal)> ProvisionAsync(
        UserManager<AppUser> users, OmbudDbContext db, Options options,
        string provider, ClaimsPrincipal principal, ILogger log, CancellationToken ct = default)
    {
        var subject = principal.FindFirstValue("sub")
            ?? principal.FindFirstValue("oid")
            ?? principal.FindFirstValue(ClaimTypes.NameIdentifier);
        if (string.IsNullOrEmpty(subject)) return (null, "extern");
        var roles = RolesFrom(principal, options);
        if (roles.Count == 0)
        {
            log.LogWarning("External sign-in refused: no Ombud group for subject");
            return (null, "behorighet");
        }

        var user = await users.FindByLoginAsync(provider, subject);
        var displayName = principal.FindFirstValue("name") ?? principal.FindFirstValue("preferred_username") ?? "Okänt namn";
        if (user is null)
        {
            var unitId = options.UnitId ?? await db.Units.OrderBy(u => u.Id).Select(u => (int?)u.Id).FirstOrDefaultAsync(ct)
                ?? throw new InvalidOperationException("No unit to add the account to");
            var wanted = (principal.FindFirstValue("preferred_username")
                ?? principal.FindFirstValue("email")
                ?? subject).ToLowerInvariant();
            var userName = wanted;
            for (var i = 2; await users.FindByNameAsync(userName) is not null; i++) userName = $"{wanted}-{i}";
            user = new AppUser { UserName = userName, DisplayName = displayName, UnitId = unitId, IsActive = true };
            var created = await users.CreateAsync(user);
            if (!created.Succeeded) return (null, "extern");
            await users.AddLoginAsync(user, new UserLoginInfo(provider, subject, "Kommunens inloggning"));
            log.LogInformation("Account {UserId} created at first external sign-in", user.Id);
        }
        if (!user.IsActive) return (null, "inaktiverat");
        if (user.DisplayName != displayName)
        {
            user.DisplayName = displayName;
            await users.UpdateAsync(user);
        }
        var current = await users.GetRolesAsync(user);
        var remove = current.Except(roles).ToList();
        var add = roles.Except(current).ToList();
        if (remove.Count > 0) await users.RemoveFromRolesAsync(user, remove);
        if (add.Count > 0) await users.AddToRolesAsync(user, add);
        return (user, null);
    }

    public static void MapExternalSignIn(this IEndpointRouteBuilder app, IConfiguration config)
    {
        var options = Read(config);
        if (!options.IsConfigured) return;
        app.MapGet(StartPath, (string? returnUrl, SignInManager<AppUser> signIn) =>
        {
            var properties = signIn.ConfigureExternalAuthenticationProperties(
                Scheme, CallbackPath + "?returnUrl=" + Uri.EscapeDataString(Login.SafeReturnUrl(returnUrl)));
            return Results.Challenge(properties, [Scheme]);
        }).AllowAnonymous();
        app.MapGet(CallbackPath, async (string? returnUrl, HttpContext http, SignInManager<AppUser> signIn, UserManager<AppUser> users,
            OmbudDbContext db, ILogger<ExternalSignInMarker> log, CancellationToken ct) =>
        {
            var info = await signIn.GetExternalLoginInfoAsync();
            if (info is null) return Results.LocalRedirect("/konto/logga-in?fel=extern");
            var (user, refusal) = await ProvisionAsync(users, db, options, info.LoginProvider, info.Principal, log, ct);
            await http.SignOutAsync(IdentityConstants.ExternalScheme);
            if (user is null)
                return Results.LocalRedirect("/konto/logga-in?fel=" + (refusal ?? "extern"));
            await signIn.SignInAsync(user, isPersistent: false, authenticationMethod: info.LoginProvider);
            log.LogInformation("User {UserId} signed in through the identity provider", user.Id);
            return Results.LocalRedirect(Login.SafeReturnUrl(returnUrl));
        }).AllowAnonymous();
    }

    /// <summary>Log category for the endpoints.</summary>
    public sealed class ExternalSignInMarker;
}
