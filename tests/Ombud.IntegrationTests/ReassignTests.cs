using Ombud.Web.Features.Caseload;
using Ombud.Web.Features.Clients;

namespace Ombud.IntegrationTests;

public class ReassignTests(OmbudAppFactory app) : IClassFixture<OmbudAppFactory>
{
    [Fact]
    public async Task The_lead_moves_clients_and_the_new_ombud_sees_them_at_once()
    {
        await using var lead = await HostScope.AsAsync(app, "chef");
        var handler = lead.Get<ReassignClients.Handler>();
        var ombud = await handler.OmbudAsync();
        var from = ombud.Single(o => o.Name == "Elin Demoberg").Id;
        var to = ombud.Single(o => o.Name == "Karim Exempelsson").Id;
        var movable = await handler.ClientsOfAsync(from);
        var pick = movable.Take(2).Select(c => c.ClientId).ToList();

        var moved = await handler.HandleAsync(new ReassignClients.Command
        {
            FromOmbudId = from,
            ToOmbudId = to,
            ClientIds = pick,
            Reason = "Ombudet är tjänstledigt",
        });

        Assert.Equal(2, moved);
        await using var ombud2 = await HostScope.AsAsync(app, "ombud2");
        foreach (var id in pick) Assert.NotNull(await ombud2.Get<GetClient.Handler>().HandleAsync(id));
        await using var ombud1 = await HostScope.AsAsync(app, "ombud");
        foreach (var id in pick) Assert.Null(await ombud1.Get<GetClient.Handler>().HandleAsync(id));
        await using var db = await lead.DbAsync();
        Assert.Equal(2, await db.Reassignments.CountAsync(
            r => pick.Contains(r.ClientId) && r.Reason == "Ombudet är tjänstledigt" && r.ByUserId == lead.User.Id));
        Assert.All(await db.Mandates.Where(m => pick.Contains(m.ClientId) && m.Status != MandateStatus.Closed).ToListAsync(),
            m => Assert.Equal(to, m.OmbudId));
        Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.UserId == lead.User.Id && a.EntityType == nameof(Client)
            && a.Action == AuditActions.Changed && pick.Contains(a.ClientId!.Value)));
    }

    [Fact]
    public async Task A_stale_selection_moves_nobody()
    {
        await using var lead = await HostScope.AsAsync(app, "chef");
        var handler = lead.Get<ReassignClients.Handler>();
        var ombud = await handler.OmbudAsync();
        var from = ombud.Single(o => o.Name == "Karim Exempelsson").Id;
        var to = ombud.Single(o => o.Name == "Elin Demoberg").Id;
        var theirs = (await handler.ClientsOfAsync(from)).First().ClientId;
        await using var db0 = await lead.DbAsync();
        var notTheirs = await db0.Clients.Where(c => c.OmbudId == to).Select(c => c.Id).FirstAsync();

        await Assert.ThrowsAsync<DomainException>(() => handler.HandleAsync(new ReassignClients.Command
        { FromOmbudId = from, ToOmbudId = to, ClientIds = [theirs, notTheirs], Reason = "Test" }));

        await using var db = await lead.DbAsync();
        Assert.Equal(from, (await db.Clients.SingleAsync(c => c.Id == theirs)).OmbudId);
    }

    [Fact]
    public async Task Only_the_lead_reassigns()
    {
        await using var ombud = await HostScope.AsAsync(app, "ombud");
        await Assert.ThrowsAsync<DomainException>(() => ombud.Get<ReassignClients.Handler>().HandleAsync(new ReassignClients.Command
        { FromOmbudId = "a", ToOmbudId = "b", ClientIds = [1], Reason = "x" }));
        var v = new ReassignClients.Validator().Validate(new ReassignClients.Command { FromOmbudId = "a", ToOmbudId = "a" });
        Assert.Contains(v.Errors, e => e.ErrorMessage.Contains("annat ombud"));
        Assert.Contains(v.Errors, e => e.ErrorMessage.Contains("minst en klient"));
        Assert.Contains(v.Errors, e => e.ErrorMessage.Contains("skälet"));
    }
}
