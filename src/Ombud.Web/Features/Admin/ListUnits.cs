namespace Ombud.Web.Features.Admin;

/// <summary>
/// The installation's units for the Systemadministratör or the operator (<c>units list</c>): name, municipalities and the
/// number of user accounts, nothing about clients. Also how the command line finds a unit by name.
/// </summary>
public static class ListUnits
{
    public sealed record Row(int Id, string Name, IReadOnlyList<string> Municipalities, int Users);

    private static readonly StringComparer Swedish = StringComparer.Create(CultureInfo.GetCultureInfo("sv-SE"), ignoreCase: true);

    /// <summary>The unit of that name (case-insensitive, surrounding blanks ignored), or null.</summary>
    public static Row? Find(IEnumerable<Row> units, string name) => units.FirstOrDefault(u => Same(u.Name, name));

    /// <summary>True when two unit names are the same name (case-insensitive, surrounding blanks ignored).</summary>
    public static bool Same(string a, string b) => Swedish.Equals(a.Trim(), b.Trim());

    public sealed class Handler(IDbContextFactory<OmbudDbContext> dbf, ICurrentUser currentUser)
    {
        /// <summary>Every unit, ordered by name.</summary>
        public async Task<IReadOnlyList<Row>> HandleAsync(CancellationToken ct = default)
        {
            await currentUser.RequireSystemAdminOrOperatorAsync("se installationens enheter");
            await using var db = await dbf.CreateDbContextAsync(ct);
            var units = await db.Units.AsNoTracking()
                .Select(u => new
                {
                    u.Id,
                    u.Name,
                    Municipalities = u.Municipalities.OrderBy(m => m.Id).Select(m => m.Name).ToList(),
                    Users = db.Users.Count(x => x.UnitId == u.Id),
                })
                .AsSplitQuery().ToListAsync(ct);
            return units.OrderBy(u => u.Name, Swedish).Select(u => new Row(u.Id, u.Name, u.Municipalities, u.Users)).ToList();
        }
    }
}
