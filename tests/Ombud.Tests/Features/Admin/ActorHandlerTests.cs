using FluentValidation;
using Ombud.Web.Features.Admin;

namespace Ombud.Tests.Features.Admin;

/// <summary>ListActors, SaveActor and SetActorActive against a real (in-memory SQLite) database.</summary>
public class ActorHandlerTests : IAsyncLifetime
{
    private TestDb _t = default!;
    private Unit _unit = default!;
    private Category _otherType = default!;

    public async Task InitializeAsync()
    {
        _t = await TestDb.CreateAsync();
        _unit = await _t.AddUnitAsync();
        _otherType = await _t.CategoryAsync(CategoryKind.ActorType, "Annan");
        _t.User = TestDb.Admin(_unit.Id);
    }

    public async Task DisposeAsync() => await _t.DisposeAsync();

    private ListActors.Handler List() => _t.Get<ListActors.Handler>();
    private SaveActor.Handler Save() => _t.Get<SaveActor.Handler>();
    private SetActorActive.Handler SetActive() => _t.Get<SetActorActive.Handler>();

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

        Assert.Equal(["Försäkringskassan", "Zonterapeuten", "Åklagarmyndigheten", "Östermalms stadsdelsförvaltning"], rows.Select(r => r.Name));
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
    public async Task Save_adds_an_active_actor_in_the_admins_unit()
    {
        var type = await _t.CategoryAsync(CategoryKind.ActorType, "Kronofogden");
        var id = await Save().HandleAsync(new SaveActor.Command { Name = " Kronofogden ", ActorTypeId = type.Id });

        await using var db = _t.CreateContext();
        var actor = await db.Actors.SingleAsync(a => a.Id == id);
        Assert.Equal(("Kronofogden", _unit.Id, type.Id, true), (actor.Name, actor.UnitId, actor.ActorTypeId, actor.IsActive));
    }

    [Fact]
    public async Task Save_refuses_a_name_taken_in_the_unit_ignoring_case_but_allows_it_in_another_unit()
    {
        await _t.AddActorAsync(_unit.Id, "Överförmyndarnämnden");
        var ex = await Assert.ThrowsAsync<DomainException>(() =>
            Save().HandleAsync(new SaveActor.Command { Name = "överförmyndarnämnden", ActorTypeId = _otherType.Id }));
        Assert.Contains("Det finns redan en aktör", ex.Message);

        var otherUnit = await _t.AddUnitAsync("Annan enhet", "Annan kommun");
        _t.User = TestDb.Admin(otherUnit.Id);
        await Save().HandleAsync(new SaveActor.Command { Name = "Överförmyndarnämnden", ActorTypeId = _otherType.Id });
    }

    [Fact]
    public async Task Save_allows_keeping_the_own_name_when_editing()
    {
        var actor = await _t.AddActorAsync(_unit.Id, "CSN");
        var csn = await _t.CategoryAsync(CategoryKind.ActorType, "CSN");
        await Save().HandleAsync(new SaveActor.Command { Id = actor.Id, Name = "CSN", ActorTypeId = csn.Id });
    }

    [Fact]
    public async Task Save_requires_a_category_of_kind_actor_type()
    {
        var notAType = await _t.CategoryAsync(CategoryKind.LifeArea, "Boende");
        await Assert.ThrowsAsync<DomainException>(() => Save().HandleAsync(new SaveActor.Command { Name = "Hyresvärden", ActorTypeId = notAType.Id }));
        await Assert.ThrowsAsync<DomainException>(() => Save().HandleAsync(new SaveActor.Command { Name = "Hyresvärden", ActorTypeId = 99999 }));
        await Assert.ThrowsAsync<ValidationException>(() => Save().HandleAsync(new SaveActor.Command { Name = "Hyresvärden" }));
    }

    [Fact]
    public async Task Another_units_actor_cannot_be_edited_or_deactivated()
    {
        var otherUnit = await _t.AddUnitAsync("Annan enhet", "Annan kommun");
        var foreign = await _t.AddActorAsync(otherUnit.Id, "CSN");

        await Assert.ThrowsAsync<NotFoundOrForbiddenException>(() =>
            Save().HandleAsync(new SaveActor.Command { Id = foreign.Id, Name = "CSN 2", ActorTypeId = _otherType.Id }));
        await Assert.ThrowsAsync<NotFoundOrForbiddenException>(() => SetActive().HandleAsync(new SetActorActive.Command(foreign.Id, false)));
    }

    [Fact]
    public async Task A_deactivated_actor_leaves_the_pick_list_and_comes_back_when_activated()
    {
        var actor = await _t.AddActorAsync(_unit.Id, "Stadsmissionen");
        var lookups = _t.Get<Lookups.Handler>();

        await SetActive().HandleAsync(new SetActorActive.Command(actor.Id, false));
        Assert.DoesNotContain(await lookups.ActorsAsync(), i => i.Id == actor.Id);
        Assert.False((await List().HandleAsync(new ListActors.Query())).Single().IsActive);

        await SetActive().HandleAsync(new SetActorActive.Command(actor.Id, true));
        Assert.Contains(await lookups.ActorsAsync(), i => i.Id == actor.Id);
    }

    [Fact]
    public async Task Only_admins_may_use_the_actor_register()
    {
        var actor = await _t.AddActorAsync(_unit.Id, "CSN");
        _t.User = TestDb.Ombud(_unit.Id);
        await Assert.ThrowsAsync<DomainException>(() => List().HandleAsync(new ListActors.Query()));
        await Assert.ThrowsAsync<DomainException>(() => Save().HandleAsync(new SaveActor.Command { Name = "X", ActorTypeId = _otherType.Id }));
        await Assert.ThrowsAsync<DomainException>(() => SetActive().HandleAsync(new SetActorActive.Command(actor.Id, false)));
    }
}
