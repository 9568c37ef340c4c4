using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Ombud.Web.Features.Account;

public static class AccountEndpoints
{
    /// <summary>Sign-out is a POST with an antiforgery token (the [FromForm] parameter turns the check on).</summary>
    public static void MapAccountEndpoints(this IEndpointRouteBuilder app) =>
        app.MapPost("/konto/logga-ut", async (SignInManager<AppUser> signIn, [FromForm] string? returnUrl) =>
        {
            await signIn.SignOutAsync();
            return Results.LocalRedirect("/konto/logga-in");
        });
}
