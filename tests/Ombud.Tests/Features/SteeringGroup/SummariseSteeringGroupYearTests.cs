using Ombud.Web.Features.SteeringGroup;

namespace Ombud.Tests.Features.SteeringGroup;

/// <summary>The ledningsgrupp's yearly figures: meetings held, organisations and system faults.</summary>
public class SummariseSteeringGroupYearTests : SteeringGroupTestData
{
    [Fact]
    public async Task Year_counts_the_meetings_held_and_the_organisations_with_a_member_during_the_year()
    {
        await MemberAsync("Region Demo psykiatri", new DateTime(2020, 1, 1));
        await MemberAsync("Försäkringskassan", new DateTime(2025, 3, 1), new DateTime(2025, 12, 31));
        await MemberAsync("Arbetsförmedlingen", new DateTime(2026, 12, 31));
        await MemberAsync("Demostad socialtjänst", new DateTime(2024, 1, 1), new DateTime(2026, 1, 1));
        await MemberAsync("Demostad socialtjänst", new DateTime(2026, 1, 2), name: "Ny Person"); // a successor: counted once
        await MemberAsync("Örebro brukarråd", new DateTime(2027, 1, 1));
        await MemberAsync("region demo psykiatri", new DateTime(2026, 5, 1), name: "Annan Person"); // same organisation, other case
        await MeetingAsync(new DateTime(2025, 12, 31));
        await MeetingAsync(new DateTime(2026, 1, 1));
        await MeetingAsync(new DateTime(2026, 6, 10));
        await MeetingAsync(new DateTime(2026, 12, 10)); // planned, not held yet

        var y2026 = await Year().HandleAsync(new SummariseSteeringGroupYear.Query(2026));
        var y2025 = await Year().HandleAsync(new SummariseSteeringGroupYear.Query(2025));

        Assert.Equal(2, y2026.MeetingCount);
        Assert.Equal(["Arbetsförmedlingen", "Demostad socialtjänst", "Region Demo psykiatri"], y2026.Organisations);
        Assert.Equal(1, y2025.MeetingCount);
        Assert.Equal(["Demostad socialtjänst", "Försäkringskassan", "Region Demo psykiatri"], y2025.Organisations);
        var y2024 = await Year().HandleAsync(new SummariseSteeringGroupYear.Query(2024));
        Assert.Equal((0, 2), (y2024.MeetingCount, y2024.Organisations.Count));
    }

    [Fact]
    public async Task Another_units_steering_group_is_not_counted()
    {
        await MeetingAsync(new DateTime(2026, 3, 3));
        await MemberAsync("Region Demo", new DateTime(2026, 1, 1));
        var other = await _t.AddUnitAsync("Annan enhet", "Annan kommun");
        _t.User = await _t.AddUserAsync(other.Id, Roles.UnitLead);
        var y = await Year().HandleAsync(new SummariseSteeringGroupYear.Query(2026));
        Assert.Equal((0, 0), (y.MeetingCount, y.Organisations.Count));
        Assert.Empty((await List().HandleAsync()).Meetings);
    }

    [Fact]
    public async Task The_year_summary_has_the_yearly_reports_fault_figures()
    {
        var december = await MeetingAsync(new DateTime(2025, 12, 15));
        var march = await MeetingAsync(new DateTime(2026, 3, 10));
        await ReportedFaultAsync(december, new DateOnly(2025, 11, 1));
        await ReportedFaultAsync(march, new DateOnly(2025, 12, 20)); // observed in 2025, reported in 2026: counts in 2026
        await ReportedFaultAsync(march, new DateOnly(2026, 2, 1));
        await using (var db = _t.CreateContext()) // a draft dated 2026: not reported, never counted
        {
            db.SystemFaults.Add(new SystemFault
            {
                UnitId = _unit.Id,
                ReportedById = _ombud.Id,
                Date = new DateOnly(2026, 5, 5),
                Level = FaultLevel.Central,
                Description = "Utkast",
                CategoryId = (await _t.CategoryAsync(CategoryKind.FaultCategory, "Annan")).Id,
            });
            await db.SaveChangesAsync();
        }

        _t.User = _ombud; // ombud view the summary too
        foreach (var (year, expected) in new[] { (2025, 1), (2026, 2) })
        {
            var summary = await Year().HandleAsync(new SummariseSteeringGroupYear.Query(year));
            await using var db = _t.CreateContext();
            var report = await Web.Features.AnnualReport.AnnualStatistics.WithUnitFiguresAsync(
                Web.Features.AnnualReport.AnnualStatistics.Compute(year, []), db, _unit.Id, Clock.Today(), default);
            Assert.Equal(expected, summary.Faults.Total);
            Assert.Equal(report.SystemFaults.Total, summary.Faults.Total);
            Assert.Equal(report.SystemFaults.ByLevel, summary.Faults.ByLevel);
            Assert.Equal(report.SteeringGroupMeetings, summary.MeetingCount);
            Assert.Equal(1, summary.MeetingCount);
        }
    }
}
