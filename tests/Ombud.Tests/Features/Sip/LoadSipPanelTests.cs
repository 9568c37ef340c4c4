using Ombud.Web.Features.Sip;

namespace Ombud.Tests.Features.Sip;

/// <summary>The SIP panel on the client page (the current SIP and the meeting history).</summary>
public class LoadSipPanelTests : SipTestData
{
    [Fact]
    public async Task The_overview_shows_the_next_follow_up_open_measures_and_participants_without_consent()
    {
        Assert.Null((await Overview().HandleAsync(_mandate.Id)).Current);
        var cmd = Meeting();
        cmd.FollowUpOn = new DateTime(2026, 11, 22); // passed on 23 Nov
        await Save().HandleAsync(cmd);

        var o = await Overview().HandleAsync(_mandate.Id);

        Assert.Equal(_mandate.ClientId, o.ClientId);
        Assert.True(o.MandateOpen);
        var c = o.Current!;
        Assert.Equal((new DateOnly(2026, 11, 22), true), (c.FollowUpOn!.Value, c.FollowUpOverdue));
        Assert.Equal(["Socialtjänsten – socialpsykiatri", "Psykiatrin"], c.OpenMeasures.Select(m => m.Actor));
        Assert.Equal((1, 1), (c.OverdueMeasures, c.ClosedMeasures));
        Assert.Equal(["Psykiatrin"], c.ParticipantsWithoutConsent);
    }

    [Fact]
    public async Task Measures_carried_over_to_a_follow_up_are_handed_on_not_open_in_the_history_nor_overdue_in_the_printout()
    {
        var firstId = (await Save().HandleAsync(Meeting())).Id;
        var followUp = (await Get().HandleAsync(new GetSipMeeting.Query(_mandate.ClientId, FollowUpOf: firstId)))!.Command;
        var followUpId = (await Save().HandleAsync(followUp)).Id;

        var o = await Overview().HandleAsync(_mandate.Id);
        Assert.Equal(followUpId, o.Current!.Id);
        var rows = o.Meetings.ToDictionary(r => r.Id);
        Assert.Equal((3, 0, 2), (rows[firstId].Measures, rows[firstId].OpenMeasures, rows[firstId].HandedOnMeasures));
        Assert.Equal((2, 2, 0), (rows[followUpId].Measures, rows[followUpId].OpenMeasures, rows[followUpId].HandedOnMeasures));

        var printout = (await Summary().HandleAsync(_mandate.ClientId, firstId))!;
        Assert.Equal([true, true, false], printout.Measures.Select(m => m.HandedOn));
        Assert.All(printout.Measures, m => Assert.False(m.Overdue)); // 20 Nov has passed, but the follow-up carries it now
        Assert.Equal([true, false], (await Summary().HandleAsync(_mandate.ClientId, followUpId))!.Measures.Select(m => m.Overdue));
    }
}
