using Ombud.Web.Features.Admin;

namespace Ombud.Tests.Features.Admin;

/// <summary>
/// Shared setup of the actor-register handler tests (ListActors, SaveActor, SetActorActive) on an in-memory SQLite
/// database: a unit, an actor type "Annan", and the unit's admin signed in.
/// </summary>
public abstract class ActorTestData : HandlerTestBase
{
    protected Category _otherType = default!;

    protected override async Task SeedAsync()
    {
        _otherType = await _t.CategoryAsync(CategoryKind.ActorType, "Annan");
        _t.User = TestDb.Admin(_unit.Id);
    }

    protected ListActors.Handler List() => _t.Get<ListActors.Handler>();
    protected SaveActor.Handler Save() => _t.Get<SaveActor.Handler>();
    protected SetActorActive.Handler SetActive() => _t.Get<SetActorActive.Handler>();
}
