using Ombud.Web.Features.SteeringGroup;

namespace Ombud.Tests.Features.SteeringGroup;

/// <summary>Adding or editing a steering-group member (more in SteeringGroupTests).</summary>
public class SaveMemberTests : EditConflictTest
{
    [Fact]
    public async Task Steering_group_member_second_save_is_refused_then_overwrite_works()
    {
        _t.User = TestDb.Admin(_unit.Id);
        var members = _t.Get<SaveMember.Handler>();
        var memberId = await members.HandleAsync(new SaveMember.Command { Organisation = "Region", PersonName = "Eva Ek", From = new DateTime(2026, 1, 1) });
        var mv = await VersionOf<SteeringGroupMember>(memberId);
        SaveMember.Command LoadMember() => SaveMember.Command.Edit(() => new SaveMember.Command { Id = memberId, Organisation = "Region", PersonName = "Eva Ek", From = new DateTime(2026, 1, 1), Version = mv });
        var a = LoadMember();
        var b = LoadMember();
        a.Role = "Ordförande";
        await members.HandleAsync(a);
        b.PersonName = "Eva Ekström";
        var ex = await AssertConflictAsync(() => members.HandleAsync(b), "Roll");
        ex.Command!.OverwriteFrom(ex.CurrentVersion);
        await members.HandleAsync(b);

        await using var db = _t.CreateContext();
        Assert.Equal("Eva Ekström", (await db.SteeringGroupMembers.SingleAsync(x => x.Id == memberId)).PersonName);
    }
}
