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

    /// <summary>Two people edit the same record (see <see cref="EditConflictTest"/>).</summary>
    public class Concurrency : EditConflictTest
    {
        [Fact]
        public async Task Actor_second_save_is_refused()
        {
            _t.User = TestDb.Admin(_unit.Id);
            var actors = _t.Get<SaveActor.Handler>();
            SaveActor.Command LoadActor() => SaveActor.Command.Edit(() => new SaveActor.Command { Id = _actor.Id, Name = _actor.Name, ActorTypeId = _actor.ActorTypeId, Version = _actor.Version });
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
