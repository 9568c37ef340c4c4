using Ombud.Web.Features.Admin;

namespace Ombud.Tests.Features.Admin;

/// <summary>Deactivating and activating an actor.</summary>
public class SetActorActiveTests : ActorTestData
{
    [Fact]
    public async Task Another_units_actor_cannot_be_edited_or_deactivated()
    {
        var otherUnit = await _t.AddUnitAsync("Annan enhet", "Annan kommun");
        var foreign = await _t.AddActorAsync(otherUnit.Id, "CSN");

        await Assert.ThrowsAsync<NotFoundOrForbiddenException>(() =>
            Save().HandleAsync(new SaveActor.Command { Id = foreign.Id, Name = "CSN 2", ActorTypeId = _otherType.Id }));
        await Assert.ThrowsAsync<NotFoundOrForbiddenException>(
            () => SetActive().HandleAsync(new SetActorActive.Command(foreign.Id, false)));
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
}
