namespace Ombud.Web.Features.Region;

/// <summary>
/// The access rule of the roll-up: only the Regional uppföljare role, and only the units the Systemadministratör has
/// granted the account (<see cref="RegionalGrant"/>). Checked in every handler, not only on the page.
/// </summary>
public static class RegionAccess
{
    public const string Refused = "Bara regionala uppföljare ser den regionala sammanställningen.";

    public static async Task<UserInfo> RequireRegionalViewerAsync(this ICurrentUser currentUser)
    {
        var me = await currentUser.GetAsync();
        if (!me.Roles.Contains(Roles.RegionalViewer)) throw new DomainException(Refused);
        return me;
    }

    /// <summary>
    /// The account's granted units (id, name), by name; an inactive account's grants count for nothing (it cannot sign in).
    /// </summary>
    public static async Task<IReadOnlyList<(int Id, string Name)>> GrantedUnitsAsync(OmbudDbContext db, string userId, CancellationToken ct)
    {
        var rows = await db.RegionalGrants.AsNoTracking().Where(g => g.UserId == userId)
            .Join(db.Units, g => g.UnitId, u => u.Id, (g, u) => new { u.Id, u.Name }).ToListAsync(ct);
        var swedish = StringComparer.Create(CultureInfo.GetCultureInfo("sv-SE"), ignoreCase: true);
        return rows.OrderBy(r => r.Name, swedish).ThenBy(r => r.Id).Select(r => (r.Id, r.Name)).ToList();
    }
}
