using FluentValidation;
using Ombud.Web.Features.Admin;

namespace Ombud.Tests.Features.Admin;

public class SaveActorTests
{
    private readonly SaveActor.Validator _validator = new();

    private static SaveActor.Command Valid() => new() { Name = "Försäkringskassan", ActorTypeId = 1 };

    [Fact]
    public void A_complete_command_is_valid() => Assert.True(_validator.Validate(Valid()).IsValid);

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData(null)]
    public void Name_is_required(string? name)
    {
        var cmd = Valid();
        cmd.Name = name!;
        Assert.Contains("Ange aktörens namn.", _validator.ErrorsFor(cmd, nameof(cmd.Name)));
    }

    [Fact]
    public void Name_may_not_exceed_the_limit()
    {
        var cmd = Valid();
        cmd.Name = new string('ö', Limits.Name);
        Assert.Empty(_validator.ErrorsFor(cmd, nameof(cmd.Name)));
        cmd.Name = new string('ö', Limits.Name + 1);
        Assert.Contains($"Namnet får vara högst {Limits.Name} tecken.", _validator.ErrorsFor(cmd, nameof(cmd.Name)));
    }

    [Fact]
    public void Actor_type_is_required()
    {
        var cmd = Valid();
        cmd.ActorTypeId = null;
        Assert.Contains("Välj aktörstyp.", _validator.ErrorsFor(cmd, nameof(cmd.ActorTypeId)));
    }

    /// <summary>The handler on an in-memory SQLite database (see <see cref="ActorTestData"/>).</summary>
    public class Handler : ActorTestData
    {
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
            await Assert.ThrowsAsync<DomainException>(
                () => Save().HandleAsync(new SaveActor.Command { Name = "Hyresvärden", ActorTypeId = notAType.Id }));
            await Assert.ThrowsAsync<DomainException>(
                () => Save().HandleAsync(new SaveActor.Command { Name = "Hyresvärden", ActorTypeId = 99999 }));
            await Assert.ThrowsAsync<ValidationException>(() => Save().HandleAsync(new SaveActor.Command { Name = "Hyresvärden" }));
        }
    }

    /// <summary>Two people edit the same record (see <see cref="EditConflictTest"/>).</summary>
    public class Concurrency : EditConflictTest
    {
        [Fact]
        public async Task Actor_second_save_is_refused()
        {
            _t.User = TestDb.Admin(_unit.Id);
            var actors = _t.Get<SaveActor.Handler>();
            SaveActor.Command LoadActor() =>
                SaveActor.Command.Edit(
                    () => new SaveActor.Command
                    {
                        Id = _actor.Id,
                        Name = _actor.Name,
                        ActorTypeId = _actor.ActorTypeId,
                        Version = _actor.Version
                    });
            var a1 = LoadActor();
            var a2 = LoadActor();
            a1.Name = "Försäkringskassan Malmö";
            await actors.HandleAsync(a1);
            a2.Name = "FK";
            await AssertConflictAsync(() => actors.HandleAsync(a2), "Namn");
            await using var db = _t.CreateContext();
            Assert.Equal("Försäkringskassan Malmö", (await db.Actors.SingleAsync(x => x.Id == _actor.Id)).Name);
        }
    }
}
