using Ombud.Web.Features.Admin;

namespace Ombud.Tests.Features.Shared;

/// <summary>How an edit conflict is found and named (EditConflicts, the Version token), shown on the actor register.</summary>
public class EditConflictsTests : EditConflictTest
{
    [Fact]
    public void Message_lists_the_changed_fields_in_swedish()
    {
        Assert.Equal("Någon annan har ändrat Beskrivning och Status sedan du öppnade formuläret.",
            ConcurrencyConflictException.MessageFor(["Beskrivning", "Status"]));
        Assert.Equal("Någon annan har ändrat Namn, Kön och Kommun sedan du öppnade formuläret.",
            ConcurrencyConflictException.MessageFor(["Namn", "Kön", "Kommun"]));
    }

    [Fact]
    public async Task A_save_that_races_past_the_check_goes_on_or_names_what_changed()
    {
        SaveActor.Command Load(long version, int typeId) => SaveActor.Command.Edit(() =>
            new SaveActor.Command { Id = _actor.Id, Name = "Försäkringskassan", ActorTypeId = typeId, Version = version });
        async Task OtherSaveAsync(Action<Actor> change)
        {
            await using var other = _t.CreateContext();
            change(await other.Actors.SingleAsync(a => a.Id == _actor.Id));
            await other.SaveChangesAsync();
        }

        // The check passes (same version); another save gets in before ours but changes nothing the form shows.
        var v = await VersionOf<Actor>(_actor.Id);
        var form = Load(v, _actor.ActorTypeId);
        form.ActorTypeId = (await _t.CategoryAsync(CategoryKind.ActorType, "Kronofogden")).Id;
        await using (var ours = _t.CreateContext())
        {
            var actor = await ours.Actors.SingleAsync(a => a.Id == _actor.Id);
            await EditConflicts.CheckAsync(ours, actor, form, SaveActor.Shown);
            actor.ActorTypeId = form.ActorTypeId.Value;
            await OtherSaveAsync(a => a.IsActive = false);
            await EditConflicts.SaveAsync(ours, actor, form, SaveActor.Shown);
        }
        await using (var db = _t.CreateContext())
        {
            var saved = await db.Actors.SingleAsync(a => a.Id == _actor.Id);
            Assert.Equal((form.ActorTypeId.Value, false, v + 2), (saved.ActorTypeId, saved.IsActive, saved.Version)); // both changes kept
        }

        // Now the other save changes the name the form showed: refused, naming it; theirs stays.
        var stale = Load(v + 2, form.ActorTypeId.Value);
        stale.ActorTypeId = _actor.ActorTypeId;
        await using (var ours = _t.CreateContext())
        {
            var actor = await ours.Actors.SingleAsync(a => a.Id == _actor.Id);
            await EditConflicts.CheckAsync(ours, actor, stale, SaveActor.Shown);
            actor.ActorTypeId = _actor.ActorTypeId;
            await OtherSaveAsync(a => a.Name = "FK");
            await AssertConflictAsync(() => EditConflicts.SaveAsync(ours, actor, stale, SaveActor.Shown), "Namn");
        }
        await using (var db = _t.CreateContext()) Assert.Equal("FK", (await db.Actors.SingleAsync(a => a.Id == _actor.Id)).Name);
    }

    [Fact]
    public async Task A_save_racing_past_the_check_fails_in_the_database()
    {
        await using var db1 = _t.CreateContext();
        await using var db2 = _t.CreateContext();
        var one = await db1.Actors.SingleAsync(a => a.Id == _actor.Id);
        var two = await db2.Actors.SingleAsync(a => a.Id == _actor.Id);
        one.Name = "Ett";
        two.Name = "Två";
        await db1.SaveChangesAsync();
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => db2.SaveChangesAsync());
        await using var check = _t.CreateContext();
        Assert.Equal("Ett", (await check.Actors.SingleAsync(a => a.Id == _actor.Id)).Name);
    }
}
