using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Ombud.Web.Infrastructure;

/// <summary>Adds the display name and unit to the sign-in cookie, so pages need no user lookup.</summary>
public sealed class OmbudClaimsFactory(UserManager<AppUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(OmbudClaims.DisplayName, user.DisplayName));
        identity.AddClaim(new Claim(OmbudClaims.UnitId, user.UnitId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return identity;
    }
}
