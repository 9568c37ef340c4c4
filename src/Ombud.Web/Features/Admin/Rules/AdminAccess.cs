namespace Ombud.Web.Features.Admin;

/// <summary>
/// The access rule for the admin use cases: only users in the Admin role, checked in every handler (not only on the page).
/// </summary>
public static class AdminAccess
{
    /// <summary>
    /// Returns the signed-in admin, or throws a Swedish <see cref="DomainException"/> ending "... kan <paramref name="what"/>."
    /// </summary>
    public static async Task<UserInfo> RequireAdminAsync(this ICurrentUser currentUser, string what)
    {
        var me = await currentUser.GetAsync();
        if (!me.IsAdmin) throw new DomainException($"Bara administratörer kan {what}.");
        return me;
    }

    /// <summary>
    /// For installation-wide work (category lists shared by every unit, units): only the Systemadministratör role, which
    /// the first admin of a new installation holds beside Admin.
    /// </summary>
    public static async Task<UserInfo> RequireSystemAdminAsync(this ICurrentUser currentUser, string what)
    {
        var me = await currentUser.GetAsync();
        if (!me.IsSystemAdmin) throw new DomainException($"Bara systemadministratörer kan {what}.");
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

    /// <summary>
    /// For installation-wide set-up (units and their accounts): allowed from the command line, where nobody is signed in,
    /// and for a signed-in Systemadministratör; refused for every other signed-in user, a unit's admin included.
    /// </summary>
    public static async Task RequireSystemAdminOrOperatorAsync(this ICurrentUser currentUser, string what)
    {
        if (await currentUser.FindAsync() is { IsSystemAdmin: false })
            throw new DomainException($"Bara systemadministratörer kan {what}.");
    }

    /// <summary>
    /// The unit an operator task works on (<see cref="RequireOperatorAsync"/>): from the command line the unit asked for
    /// (null = every unit); for a signed-in admin always their own unit, and another unit's id is refused.
    /// </summary>
    public static async Task<int?> OperatorUnitAsync(this ICurrentUser currentUser, int? unitId, string what)
    {
        await currentUser.RequireOperatorAsync(what);
        if (await currentUser.FindAsync() is not { } me) return unitId;
        if (unitId is { } asked && asked != me.UnitId) throw new NotFoundOrForbiddenException();
        return me.UnitId;
    }
}
