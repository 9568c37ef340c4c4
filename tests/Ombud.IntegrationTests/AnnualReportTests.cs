using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Ombud.Web.Domain;
using Ombud.Web.Features.AnnualReport;
using Ombud.Web.Features.Clients;

namespace Ombud.IntegrationTests;

public class AnnualReportTests(OmbudAppFactory app) : IClassFixture<OmbudAppFactory>
{
    private async Task<string> AllYearsAsync()
    {
        await using var lead = await HostScope.AsAsync(app, "chef");
        var years = Enumerable.Range(DateTime.Today.Year - 3, 4);
        var figures = new List<AnnualStatistics.Figures>();
        foreach (var y in years) figures.Add(await lead.Get<AnnualStatistics.Handler>().HandleAsync(y, null));
        return JsonSerializer.Serialize(figures);
    }

    [Fact]
    public async Task The_figures_are_the_same_before_and_after_clients_are_anonymised()
    {
        var before = await AllYearsAsync();
        await using var ombud = await HostScope.AsAsync(app, "ombud");
        await using var db = await ombud.DbAsync();
        var closed = await db.Clients.Where(c => c.OmbudId == ombud.User.Id && c.AnonymisedAtUtc == null && c.Mandates.All(m => m.Status == MandateStatus.Closed))
            .Select(c => c.Id).ToListAsync();
        Assert.NotEmpty(closed);
        foreach (var id in closed) await ombud.Get<EraseClient.Handler>().HandleAsync(id);

        Assert.Equal(before, await AllYearsAsync());
        Assert.Contains("\"Total\":", before);
    }

    [Fact]
    public async Task The_report_is_for_leads_and_admins_and_filters_by_municipality()
    {
        await using var ombud = await HostScope.AsAsync(app, "ombud");
        await Assert.ThrowsAsync<DomainException>(() => ombud.Get<AnnualStatistics.Handler>().HandleAsync(DateTime.Today.Year, null));

        await using var lead = await HostScope.AsAsync(app, "chef");
        var year = DateTime.Today.Year;
        var all = await lead.Get<AnnualStatistics.Handler>().HandleAsync(year, null);
        await using var db = await lead.DbAsync();
        var municipalities = await db.Municipalities.Where(m => m.UnitId == lead.User.UnitId).Select(m => m.Id).ToListAsync();
        var sum = 0;
        foreach (var m in municipalities) sum += (await lead.Get<AnnualStatistics.Handler>().HandleAsync(year, m)).Clients.Total;
        Assert.Equal(all.Clients.Total, sum);
        Assert.True(all.Clients.Total > 0);
    }

    [Fact]
    public async Task System_faults_reported_in_the_year_and_the_steering_group_year_are_in_the_report()
    {
        await using var lead = await HostScope.AsAsync(app, "chef");
        var year = DateTime.Today.Year;
        var f = await lead.Get<AnnualStatistics.Handler>().HandleAsync(year, null);
        await using var db = await lead.DbAsync();
        var first = new DateOnly(year, 1, 1);
        var last = new DateOnly(year, 12, 31);
        var expected = await db.SystemFaults.CountAsync(x => x.UnitId == lead.User.UnitId && x.ReportedOn >= first && x.ReportedOn <= last);
        Assert.True(expected > 0, "the demo data reports faults this year");
        Assert.Equal(expected, f.SystemFaults.Total);
        Assert.Equal(expected, f.SystemFaults.ByCategory.Values.Sum());
        Assert.Equal(expected, f.SystemFaults.ByLevel.Values.Sum());
        Assert.Equal(["Handläggarnivå", "Lokal nivå", "Central nivå"], f.SystemFaults.ByLevel.Keys);
        Assert.True(f.SteeringGroupMeetings > 0);
        Assert.Contains("Försäkringskassan", f.SteeringGroupOrganisations);
        var json = ReportJson.Serialize(f, null);
        Assert.Contains("\"systemFaults\"", json);
        Assert.Contains("\"byLevel\"", json);
    }
}
