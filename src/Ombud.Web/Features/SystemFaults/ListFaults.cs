namespace Ombud.Web.Features.SystemFaults;

/// <summary>
/// The unit's system fault reports, filtered and paged in the database, newest first. No client data. Other people's
/// drafts are never listed (see <see cref="FaultFilter"/>).
/// </summary>
public static class ListFaults
{
    public sealed record Query(FaultFilter Filter, int Page = 0, int PageSize = 25);

    public sealed record Row(int Id, DateOnly Date, string Category, FaultLevel Level, FaultStatus Status, IReadOnlyList<string> Actors,
        int ClientsAffected, int LinkedNeeds, string Description, DateOnly? ReportedOn = null);

    /// <summary>
    /// <paramref name="Years"/>: the years the unit has faults reported to the ledningsgrupp in, the years of drafts' dates,
    /// and the current year, for the year filter.
    /// </summary>
    public sealed record Result(IReadOnlyList<Row> Rows, int Total, IReadOnlyList<int> Years);

    public sealed class Handler(IDbContextFactory<OmbudDbContext> dbf, ICurrentUser currentUser, TimeProvider clock)
    {
        public async Task<Result> HandleAsync(Query query, CancellationToken ct = default)
        {
            var me = await currentUser.RequireStaffAsync();
            await using var db = await dbf.CreateDbContextAsync(ct);
            var unitFaults = db.SystemFaults.AsNoTracking().Where(f => f.UnitId == me.UnitId);
            var years = (
                await unitFaults.Select(f => f.ReportedOn != null ? f.ReportedOn.Value.Year : f.Date.Year).Distinct().ToListAsync(ct))
                .Append(clock.Today().Year).Distinct().OrderDescending().ToList();

            var filtered = query.Filter.Apply(unitFaults, me.Id, ownDraftsWithoutStatus: true);
            var total = await filtered.CountAsync(ct);
            var pageSize = Math.Clamp(query.PageSize, 1, 200);
            var rows = await filtered.OrderByDescending(f => f.Date).ThenByDescending(f => f.Id)
                .Skip(Math.Max(0, query.Page) * pageSize).Take(pageSize)
                .Select(f => new
                {
                    f.Id,
                    f.Date,
                    Category = f.Category!.Name,
                    f.Level,
                    f.Status,
                    Actors = f.Actors.Select(a => a.Name).ToList(),
                    f.ClientsAffected,
                    LinkedNeeds = f.Needs.Count,
                    f.Description,
                    f.ReportedOn,
                })
                .ToListAsync(ct);
            var sv = StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("sv-SE"), ignoreCase: true);
            return new Result(
                rows.Select(
                    r => new Row(r.Id, r.Date, r.Category, r.Level, r.Status, r.Actors.Order(sv).ToList(), r.ClientsAffected, r.LinkedNeeds,
                    Shorten(r.Description), r.ReportedOn)).ToList(),
                total, years);
        }

        private static string Shorten(string s) => s.Length > 100 ? s[..100].TrimEnd() + "…" : s;
    }
}
