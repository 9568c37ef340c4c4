using Ombud.Web.Features.Sip;

namespace Ombud.Tests.Features.Sip;

/// <summary>Opening a SIP meeting's form, to edit it or to follow it up.</summary>
public class GetSipMeetingTests : SipTestData
{
    [Fact]
    public async Task A_meeting_of_another_client_cannot_be_reached_through_the_own_clients_address()
    {
        var id = (await Save().HandleAsync(Meeting())).Id;
        var second = await _t.AddMandateAsync(_ombud);
        Assert.Null(await Get().HandleAsync(new GetSipMeeting.Query(second.ClientId, id)));
        Assert.Null(await Summary().HandleAsync(second.ClientId, id));
        // and an edit must stay in the meeting's own mandate
        var edit = Meeting(second.Id);
        edit.Id = id;
        await Assert.ThrowsAsync<DomainException>(() => Save().HandleAsync(edit));
    }

    [Fact]
    public async Task A_follow_up_is_prefilled_with_goals_and_open_measures_and_becomes_the_current_SIP()
    {
        var firstId = (await Save().HandleAsync(Meeting())).Id;

        var form = (await Get().HandleAsync(new GetSipMeeting.Query(_mandate.ClientId, FollowUpOf: firstId)))!;
        var cmd = form.Command;
        Assert.Null(cmd.Id);
        Assert.Equal(firstId, cmd.PreviousMeetingId);
        Assert.Equal(new DateTime(2026, 12, 15), cmd.Date);
        Assert.Equal(SipStatus.Planned, cmd.Status);
        Assert.Equal("Bo kvar i lägenheten", cmd.ClientGoals);
        Assert.Equal(["Ansöka om boendestöd", "Boka läkarbesök"], cmd.Measures.Select(m => m.What));
        Assert.All(cmd.Measures, m => Assert.Null(m.Id));
        Assert.True(form.HasValidConsent(_socpsyk.Id, Today));
        Assert.False(form.HasValidConsent(_psykiatrin.Id, Today));

        var followUpId = (await Save().HandleAsync(cmd)).Id;

        var overview = await Overview().HandleAsync(_mandate.Id);
        Assert.Equal(followUpId, overview.Current!.Id);
        Assert.Equal(2, overview.Meetings.Count);
        Assert.Equal(["Ansöka om boendestöd", "Boka läkarbesök"], overview.Current.OpenMeasures.Select(m => m.What));
        Assert.Equal([true, false], overview.Current.OpenMeasures.Select(m => m.Overdue)); // 20 Nov has passed on 23 Nov
        var first = (await Get().HandleAsync(new GetSipMeeting.Query(_mandate.ClientId, firstId)))!;
        Assert.Equal(followUpId, first.FollowUpMeetingId);
        await using var db = _t.CreateContext();
        Assert.Equal(3, await db.SipMeasures.CountAsync(m => m.SipMeetingId == firstId)); // the earlier meeting is left as it was
    }
}
