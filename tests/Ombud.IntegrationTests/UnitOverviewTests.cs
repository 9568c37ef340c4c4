using Microsoft.EntityFrameworkCore;
using Ombud.Web.Domain;
using Ombud.Web.Features.Caseload;

namespace Ombud.IntegrationTests;

public class UnitOverviewTests(OmbudAppFactory app) : IClassFixture<OmbudAppFactory>
{
    [Fact]
    public async Task The_lead_sees_open_mandates_per_ombud_matching_the_database()
    {
        await using var lead = await HostScope.AsAsync(app, "chef");
        var rows = await lead.Get<UnitOverview.Handler>().HandleAsync();
        Assert.Equal(2, rows.Count); // the two demo ombud
        await using var db = await lead.DbAsync();
        foreach (var r in rows)
        {
            Assert.Equal(await db.Mandates.CountAsync(m => m.OmbudId == r.OmbudId && m.Status == MandateStatus.Active), r.Active);
            Assert.Equal(await db.Mandates.CountAsync(m => m.OmbudId == r.OmbudId && m.Status == MandateStatus.Paused), r.Paused);
            Assert.Equal(await db.Mandates.CountAsync(m => m.OmbudId == r.OmbudId && m.Status == MandateStatus.Waiting), r.Waiting);
        }
        Assert.True(rows.Sum(r => r.Open) > 0);
    }

    [Fact]
    public async Task An_ombud_cannot_use_the_unit_overview()
    {
        await using var ombud = await HostScope.AsAsync(app, "ombud");
        await Assert.ThrowsAsync<DomainException>(() => ombud.Get<UnitOverview.Handler>().HandleAsync());
    }
}
