namespace Ombud.Web.Features.Admin;

/// <summary>The access rule for the admin use cases: only users in the Admin role, checked in every handler (not only on the page).</summary>
public static class AdminAccess
{
    /// <summary>Returns the signed-in admin, or throws a Swedish <see cref="DomainException"/> ending "... kan <paramref name="what"/>."</summary>
    public static async Task<UserInfo> RequireAdminAsync(this ICurrentUser currentUser, string what)
    {
        var me = await currentUser.GetAsync();
        if (!me.IsAdmin) throw new DomainException($"Bara administratörer kan {what}.");
        return me;
    }

    /// <summary>
    /// For operator work (backup, retention sweep): allowed from the server itself — the command line and background
    /// services, where nobody is signed in — and for a signed-in admin; refused for every other signed-in user.
    /// </summary>
    public static async Task RequireOperatorAsync(this ICurrentUser currentUser, string what)
    {
        if (await currentUser.FindAsync() is { IsAdmin: false }) throw new DomainException($"Bara administratörer kan {what}.");
    }
}
