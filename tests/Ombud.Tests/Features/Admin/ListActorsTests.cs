using Ombud.Web.Features.Admin;

namespace Ombud.Tests.Features.Admin;

/// <summary>The actor register's list: the unit's actors, search and who may see it.</summary>
public class ListActorsTests : ActorTestData
{
    [Fact]
    public async Task List_shows_only_the_units_actors_in_Swedish_order_with_usage()
    {
        await _t.AddActorAsync(_unit.Id, "Östermalms stadsdelsförvaltning");
        await _t.AddActorAsync(_unit.Id, "Åklagarmyndigheten");
        var fk = await _t.AddActorAsync(_unit.Id, "Försäkringskassan");
        await _t.AddActorAsync(_unit.Id, "Zonterapeuten");
        var otherUnit = await _t.AddUnitAsync("Annan enhet", "Annan kommun");
        await _t.AddActorAsync(otherUnit.Id, "Försäkringskassan");
        var ombud = await _t.AddUserAsync(_unit.Id, Roles.Ombud);
        var mandate = await _t.AddMandateAsync(ombud);
        await using (var db = _t.CreateContext())
        {
            db.Consents.Add(new Consent { MandateId = mandate.Id, ActorId = fk.Id, GivenOn = new DateOnly(2026, 1, 20) });
            db.AuthorityContacts.Add(new AuthorityContact { MandateId = mandate.Id, ActorId = fk.Id, Date = new DateOnly(2026, 1, 21) });
            await db.SaveChangesAsync();
        }

        var rows = await List().HandleAsync(new ListActors.Query());

        Assert.Equal(
            ["Försäkringskassan", "Zonterapeuten", "Åklagarmyndigheten", "Östermalms stadsdelsförvaltning"],
            rows.Select(r => r.Name));
        Assert.Equal(2, rows.Single(r => r.Id == fk.Id).UsageCount);
        Assert.Equal("Annan", rows[0].ActorTypeName);
    }

    [Theory]
    [InlineData("öst", "Östermalms stadsdelsförvaltning")]
    [InlineData("ÅKLAGAR", "Åklagarmyndigheten")]
    [InlineData("kassan", "Försäkringskassan")]
    public async Task Search_ignores_case_also_for_a_a_o_with_rings_and_dots(string search, string expected)
    {
        await _t.AddActorAsync(_unit.Id, "Östermalms stadsdelsförvaltning");
        await _t.AddActorAsync(_unit.Id, "Åklagarmyndigheten");
        await _t.AddActorAsync(_unit.Id, "Försäkringskassan");

        var rows = await List().HandleAsync(new ListActors.Query(search));

        Assert.Equal([expected], rows.Select(r => r.Name));
    }

    [Fact]
    public async Task Search_does_not_treat_a_and_a_with_ring_as_the_same_letter()
    {
        await _t.AddActorAsync(_unit.Id, "Åklagarmyndigheten");
        Assert.Empty(await List().HandleAsync(new ListActors.Query("aklagar")));
    }

    [Fact]
    public async Task Only_admins_may_use_the_actor_register()
    {
        var actor = await _t.AddActorAsync(_unit.Id, "CSN");
        _t.User = TestDb.Ombud(_unit.Id);
        await Assert.ThrowsAsync<DomainException>(() => List().HandleAsync(new ListActors.Query()));
        await Assert.ThrowsAsync<DomainException>(
            () => Save().HandleAsync(new SaveActor.Command { Name = "X", ActorTypeId = _otherType.Id }));
        await Assert.ThrowsAsync<DomainException>(() => SetActive().HandleAsync(new SetActorActive.Command(actor.Id, false)));
    }
}
