using Ombud.Web.Features.Admin;

namespace Ombud.Tests.Features.Admin;

public class SetMunicipalityActiveTests
{
    [Fact]
    public async Task The_unit_keeps_serving_at_least_one_municipality_and_a_stopped_one_is_audited_and_left_out_of_the_pick_list()
    {
        await using var t = await TestDb.CreateAsync();
        var unit = await t.AddUnitAsync("Enheten", "Norrby", "Söderby");
        t.User = TestDb.Admin(unit.Id);
        var handler = t.Get<SetMunicipalityActive.Handler>();
        var (north, south) = (unit.Municipalities[0].Id, unit.Municipalities[1].Id);

        await handler.HandleAsync(new SetMunicipalityActive.Command(north, false));
        var refused = await Assert.ThrowsAsync<DomainException>(() => handler.HandleAsync(new SetMunicipalityActive.Command(south, false)));
        Assert.Contains("minst en", refused.Message);

        var lookups = t.Get<Lookups.Handler>();
        Assert.Equal(["Söderby"], (await lookups.MunicipalitiesAsync()).Select(m => m.Name));
        Assert.Equal(
            ["Norrby (betjänas inte längre)", "Söderby"],
            (await lookups.MunicipalitiesAsync(includeInactive: true)).Select(m => m.Name));

        await using var db = t.CreateContext();
        Assert.True(
            await db.AuditEntries.AnyAsync(a => a.EntityType == nameof(Municipality)
                && a.EntityId == north.ToString()
                && a.Action == AuditActions.Changed));
        Assert.True((await db.Municipalities.SingleAsync(m => m.Id == south)).IsActive);

        t.User = await t.AddUserAsync(unit.Id, Roles.Ombud);
        Assert.Contains(
            "Bara administratörer",
            (await Assert.ThrowsAsync<DomainException>(() => handler.HandleAsync(new SetMunicipalityActive.Command(north, true)))).Message);
    }
}
