using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Ombud.Web.Features.Account;

public static class AccountEndpoints
{
    /// <summary>Sign-out is a POST with an antiforgery token (the [FromForm] parameter turns the check on). It ends every
    /// session of the account on the server, not only this browser's cookie.</summary>
    public static void MapAccountEndpoints(this IEndpointRouteBuilder app) =>
        app.MapPost("/konto/logga-ut", async (HttpContext http, SignInManager<AppUser> signIn, SessionValidator sessions,
            [FromForm] string? returnUrl) =>
        {
            // A new security stamp ends this and every other session of the account: a copied cookie no longer works.
            if (await signIn.UserManager.GetUserAsync(http.User) is { } user) await sessions.EndAllAsync(signIn.UserManager, user);
            await signIn.SignOutAsync();
            return Results.LocalRedirect("/konto/logga-in");
        });
}
