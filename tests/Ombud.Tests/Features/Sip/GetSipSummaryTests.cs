using Ombud.Web.Features.Sip;

namespace Ombud.Tests.Features.Sip;

/// <summary>The printout of a SIP meeting.</summary>
public class GetSipSummaryTests : SipTestData
{
    [Fact]
    public async Task Reading_a_meeting_or_its_printout_is_audited()
    {
        var id = (await Save().HandleAsync(Meeting())).Id;
        await Get().HandleAsync(new GetSipMeeting.Query(_mandate.ClientId, id));
        var summary = (await Summary().HandleAsync(_mandate.ClientId, id))!;

        Assert.Equal(["Ansöka om boendestöd", "Boka läkarbesök", "Se över medicinen"], summary.Measures.Select(m => m.What));
        Assert.Equal([true, false, false], summary.Measures.Select(m => m.Overdue));
        Assert.Equal("Socialtjänsten – socialpsykiatri", summary.LeadActor);
        await using var db = _t.CreateContext();
        Assert.Equal(
            2,
            await db.AuditEntries.CountAsync(a => a.Action == AuditActions.Viewed
                && a.EntityType == nameof(SipMeeting)
                && a.EntityId == id.ToString()
                && a.ClientId == _mandate.ClientId));
    }
}
