using Ombud.Web.Features.SteeringGroup;

namespace Ombud.Tests.Features.SteeringGroup;

/// <summary>The ledningsgrupp page's members and meetings, and who may change them.</summary>
public class ListSteeringGroupTests : SteeringGroupTestData
{
    [Fact]
    public async Task An_ombud_may_view_but_not_change_the_steering_group()
    {
        await MemberAsync("Region Demo", new DateTime(2026, 1, 1));
        _t.User = _ombud;
        var list = await List().HandleAsync();
        Assert.False(list.CanEdit);
        Assert.Single(list.Members);
        await Assert.ThrowsAsync<DomainException>(() => MemberAsync("Försäkringskassan", new DateTime(2026, 1, 1)));
        await Assert.ThrowsAsync<DomainException>(() => MeetingAsync(new DateTime(2026, 1, 1)));
        await Assert.ThrowsAsync<DomainException>(() => Delete().HandleAsync(DeleteSteeringGroupEntry.Entry.Member, list.Members[0].Id));
        _t.User = TestDb.Admin(_unit.Id);
        Assert.True((await List().HandleAsync()).CanEdit);
    }

    [Fact]
    public async Task Members_are_listed_current_first_and_can_be_edited()
    {
        var ended = await MemberAsync("Arbetsförmedlingen", new DateTime(2024, 1, 1), new DateTime(2025, 1, 1));
        var id = await MemberAsync("Försäkringskassan", new DateTime(2026, 1, 1));
        var list = await List().HandleAsync();
        Assert.Equal([id, ended], list.Members.Select(m => m.Id));
        Assert.True(list.Members[0].Current);

        var cmd = SaveMember.Command.Of(list.Members[0]);
        cmd.PersonName = "  Eva Exempel ";
        await Member().HandleAsync(cmd);
        Assert.Equal("Eva Exempel", (await List().HandleAsync()).Members.Single(m => m.Id == id).PersonName);
    }
}
