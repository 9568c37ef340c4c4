namespace Ombud.Web.Features.Admin;

/// <summary>The unit's user accounts for Admin: name, roles, active or not, locked out, and open mandates (a count).</summary>
public static class ListUsers
{
    public sealed record Query(string? Search = null, int Page = 0, int PageSize = 25);

    public sealed record Row(
        string Id, string UserName, string DisplayName, IReadOnlyList<string> Roles, bool IsActive, bool LockedOut, int OpenMandates);

    public sealed record Result(IReadOnlyList<Row> Rows, int Total);

    public sealed class Handler(IDbContextFactory<OmbudDbContext> dbf, ICurrentUser currentUser, TimeProvider clock)
    {
        private static readonly StringComparer Swedish = StringComparer.Create(
            System.Globalization.CultureInfo.GetCultureInfo("sv-SE"),
            ignoreCase: true);

        public async Task<Result> HandleAsync(Query query, CancellationToken ct = default)
        {
            var me = await currentUser.RequireAdminAsync("hantera användare");
            await using var db = await dbf.CreateDbContextAsync(ct);
            // A unit has tens of accounts, not thousands: load them (without the password hashes) and filter and page here on
            // the server, so that the match is Swedish-aware (SQLite's upper()/NOCASE fold only ASCII).
            var now = clock.GetUtcNow();
            var all = await db.Users.AsNoTracking().Where(u => u.UnitId == me.UnitId)
                .Select(u => new
                {
                    u.Id,
                    u.UserName,
                    u.DisplayName,
                    u.IsActive,
                    u.LockoutEnd,
                    Roles = db.UserRoles.Where(ur => ur.UserId == u.Id)
                        .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name!).ToList(),
                    Open = db.Mandates.Count(m => m.OmbudId == u.Id && m.Status != MandateStatus.Closed),
                })
                .ToListAsync(ct);
            var search = string.IsNullOrWhiteSpace(query.Search) ? null : SwedishText.Fold(Limits.Search(query.Search));
            // a Regional uppföljare (installation-wide, kept by the Systemadministratör) is not one of the unit's staff
            var matching = all.Where(u => !u.Roles.Contains(Domain.Roles.RegionalViewer))
                .Where(u => search is null
                    || SwedishText.Fold(u.DisplayName).Contains(search)
                    || SwedishText.Fold(u.UserName ?? "").Contains(search))
                .OrderBy(u => u.DisplayName, Swedish).ToList();
            var pageSize = Math.Clamp(query.PageSize, 1, 200);
            var rows = matching.Skip(Math.Max(0, query.Page) * pageSize).Take(pageSize)
                .Select(u => new Row(u.Id, u.UserName!, u.DisplayName, u.Roles.OrderBy(r => Array.IndexOf(Domain.Roles.All, r)).ToList(),
                    u.IsActive, u.LockoutEnd is { } end && end > now, u.Open))
                .ToList();
            return new Result(rows, matching.Count);
        }
    }
}
