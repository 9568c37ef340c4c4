using Ombud.Web.Features.AnnualReport;

namespace Ombud.Web.Features.SteeringGroup;

/// <summary>
/// For the yearly report on year Y: how many times the ledningsgrupp met in Y, and which organisations had a member
/// at any time during Y (from on or before 31 December, not ended before 1 January), and the faults reported to it in Y
/// (<see cref="AnnualStatistics.FaultFiguresAsync"/>). Planned meetings later in the year count only once they have taken
/// place, i.e. up to <c>today</c> when Y is the current year. The yearly report and the ledningsgrupp page's year summary
/// both take their figures from here.
/// </summary>
public static class SummariseSteeringGroupYear
{
    public sealed record Query(int Year);

    public sealed record Result(int Year, int MeetingCount, IReadOnlyList<string> Organisations)
    {
        /// <summary>The faults reported to the ledningsgrupp in the year, by category and level.</summary>
        public AnnualStatistics.FaultFigures Faults { get; init; } = AnnualStatistics.FaultFigures.None;
    }

    public sealed class Handler(IDbContextFactory<OmbudDbContext> dbf, ICurrentUser currentUser, TimeProvider clock)
    {
        public async Task<Result> HandleAsync(Query query, CancellationToken ct = default)
        {
            var me = await currentUser.RequireViewerAsync();
            await using var db = await dbf.CreateDbContextAsync(ct);
            return await ComputeAsync(db, me.UnitId, query.Year, clock.Today(), ct);
        }

        /// <summary>The figures for a unit (also used by the yearly report and the command line, which have no signed-in user).</summary>
        public static async Task<Result> ComputeAsync(OmbudDbContext db, int unitId, int year, DateOnly today, CancellationToken ct)
        {
            var first = new DateOnly(year, 1, 1);
            var last = new DateOnly(year, 12, 31);
            var until = last < today ? last : today;
            var meetings = await db.SteeringGroupMeetings.CountAsync(m => m.UnitId == unitId && m.Date >= first && m.Date <= until, ct);
            var organisations = await db.SteeringGroupMembers.AsNoTracking()
                .Where(m => m.UnitId == unitId && m.From <= last && (m.To == null || m.To >= first))
                .Select(m => m.Organisation).Distinct().ToListAsync(ct);
            var sv = StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("sv-SE"), ignoreCase: true);
            // Organisation names are typed by hand: "Region Demo" and "region demo" are the same organisation.
            return new Result(year, meetings, organisations.Distinct(sv).Order(sv).ToList())
            {
                Faults = await AnnualStatistics.FaultFiguresAsync(db, unitId, year, ct),
            };
        }
    }
}
