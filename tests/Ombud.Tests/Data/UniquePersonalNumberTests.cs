namespace Ombud.Tests.Data;

/// <summary>The database itself keeps one client per personnummer and unit (two saves can race past the handler's check).</summary>
public class UniquePersonalNumberTests
{
    [Fact]
    public async Task A_second_client_with_the_same_personnummer_in_the_unit_is_refused_but_clients_without_one_are_not()
    {
        await using var t = await TestDb.CreateAsync();
        var unit = await t.AddUnitAsync();
        var other = await t.AddUnitAsync("Grannenheten");
        var ombud = await t.AddUserAsync(unit.Id, Roles.Ombud);
        var neighbour = await t.AddUserAsync(other.Id, Roles.Ombud);
        var first = await t.AddMandateAsync(ombud);
        var second = await t.AddMandateAsync(ombud);
        var third = await t.AddMandateAsync(ombud); // no personnummer: any number of these
        var elsewhere = await t.AddMandateAsync(neighbour);

        await SetAsync(first.ClientId, "198112189876");
        await SetAsync(elsewhere.ClientId, "198112189876"); // another unit may hold the same person
        await Assert.ThrowsAsync<DbUpdateException>(() => SetAsync(second.ClientId, "198112189876"));

        await using var db = t.CreateContext();
        Assert.Equal(2, await db.Clients.CountAsync(c => c.PersonalNumber == "198112189876"));
        Assert.Equal(2, await db.Clients.CountAsync(c => c.UnitId == unit.Id && c.PersonalNumber == null));
        Assert.Contains(third.ClientId, await db.Clients.Where(c => c.PersonalNumber == null).Select(c => c.Id).ToListAsync());

        async Task SetAsync(int clientId, string pnr)
        {
            await using var ctx = t.CreateContext();
            (await ctx.Clients.SingleAsync(c => c.Id == clientId)).PersonalNumber = pnr;
            await ctx.SaveChangesAsync();
        }
    }
}
