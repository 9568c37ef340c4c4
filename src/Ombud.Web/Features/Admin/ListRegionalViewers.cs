namespace Ombud.Web.Features.Admin;

/// <summary>
/// The installation's Regional uppföljare accounts and the units each is granted, for the Systemadministratör (or the
/// operator). Account names and unit ids only, nothing about clients or figures.
/// </summary>
public static class ListRegionalViewers
{
    public sealed record Row(string UserId, string UserName, string DisplayName, bool IsActive, IReadOnlyList<int> UnitIds);

    public sealed class Handler(IDbContextFactory<OmbudDbContext> dbf, ICurrentUser currentUser)
    {
        public async Task<IReadOnlyList<Row>> HandleAsync(CancellationToken ct = default)
        {
            await currentUser.RequireSystemAdminOrOperatorAsync("se de regionala uppföljarna");
            await using var db = await dbf.CreateDbContextAsync(ct);
            var roleId = await db.Roles.Where(r => r.Name == Roles.RegionalViewer).Select(r => r.Id).FirstOrDefaultAsync(ct);
            var users = await db.Users.AsNoTracking().Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == roleId))
                .Select(u => new { u.Id, u.UserName, u.DisplayName, u.IsActive }).ToListAsync(ct);
            var ids = users.Select(u => u.Id).ToList();
            var grants = await db.RegionalGrants.AsNoTracking().Where(g => ids.Contains(g.UserId))
                .Select(g => new { g.UserId, g.UnitId }).ToListAsync(ct);
            return users.OrderBy(u => u.UserName, StringComparer.Ordinal)
                .Select(u => new Row(u.Id, u.UserName!, u.DisplayName, u.IsActive,
                    grants.Where(g => g.UserId == u.Id).Select(g => g.UnitId).Order().ToList())).ToList();
        }
    }
}
