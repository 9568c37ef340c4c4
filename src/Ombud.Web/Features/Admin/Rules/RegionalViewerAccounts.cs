using Microsoft.AspNetCore.Identity;

namespace Ombud.Web.Features.Admin;

/// <summary>
/// A Regional uppföljare account is the Systemadministratör's to manage, wherever its audit home is: the unit admin's use
/// cases refuse it (<see cref="SaveUser"/>, <see cref="SetUserActive"/>), the installation's use cases take only it.
/// </summary>
public static class RegionalViewerAccounts
{
    /// <summary>The account, when it exists and holds the Regional uppföljare role; otherwise "not found".</summary>
    public static async Task<AppUser> FindAsync(UserManager<AppUser> users, string userId) =>
        await users.FindByIdAsync(userId) is { } user && await users.IsInRoleAsync(user, Domain.Roles.RegionalViewer)
            ? user
            : throw new NotFoundOrForbiddenException();

    /// <summary>
    /// A change to the account ("User", changed) recorded in the log of every unit it is granted, beside the row in the
    /// log of whoever made it (<paramref name="me"/>; null on the command line), so a unit's admin sees who can read its figures.
    /// </summary>
    public static async Task RecordInGrantedUnitsAsync(
        OmbudDbContext db, AuditInterceptor audit, UserInfo? me, string userId, CancellationToken ct)
    {
        var units = await db.RegionalGrants.AsNoTracking().Where(g => g.UserId == userId).Select(g => g.UnitId).ToListAsync(ct);
        foreach (var unit in units.Where(u => u != me?.UnitId))
            await audit.RecordAsync(db, AuditActions.Changed, "User", userId, null, ct, unitId: unit);
    }
}
