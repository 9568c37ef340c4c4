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
}
