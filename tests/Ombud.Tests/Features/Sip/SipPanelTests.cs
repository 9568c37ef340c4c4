using Bunit;
using Ombud.Web.Features.Sip;

namespace Ombud.Tests.Features.Sip;

/// <summary>The client page's SIP panel with the real overview handler, at moments where the Swedish and the UTC date differ.</summary>
public sealed class SipPanelTests : ComponentTestBase
{
    // 23:30 UTC on Saturday 28 March 2026 is 00:30 on Sunday 29 March in Stockholm (summer time starts at 02:00 that night).
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 3, 28, 23, 30, 0, TimeSpan.Zero));
    private static readonly DateOnly SwedishToday = new(2026, 3, 29);
    private UserInfo _ombud = null!;
    private Mandate _mandate = null!;
    private Actor _actor = null!;

    public override async Task InitializeAsync()
    {
        Db = await TestDb.CreateAsync(clock: Clock);
        var unit = await Db.AddUnitAsync();
        _ombud = Db.User = await Db.AddUserAsync(unit.Id, Roles.Ombud);
        _mandate = await Db.AddMandateAsync(_ombud, new DateOnly(2026, 1, 10));
        _actor = await Db.AddActorAsync(unit.Id, "Försäkringskassan");
        AddAppServices(Clock);
    }

    private async Task<SipMeeting> AddAsync(SipMeeting sip)
    {
        sip.MandateId = _mandate.Id;
        await using var db = Db.CreateContext();
        db.SipMeetings.Add(sip);
        await db.SaveChangesAsync();
        return sip;
    }

    private IRenderedComponent<SipPanel> Render(string waitFor = "sip-current")
    {
        RenderPopoverProvider();
        var cut = Context.Render<SipPanel>(ps => ps.Add(p => p.MandateId, _mandate.Id).Add(p => p.MandateOpen, true));
        cut.WaitForState(() => cut.FindAll($"[data-testid={waitFor}]").Count > 0);
        return cut;
    }

    [Fact]
    public async Task Just_after_Swedish_midnight_yesterdays_measure_is_overdue_and_todays_is_not()
    {
        await AddAsync(new SipMeeting
        {
            Date = new DateOnly(2026, 3, 2),
            Status = SipStatus.Held,
            FollowUpOn = new DateOnly(2026, 5, 1),
            Measures =
            [
                new SipMeasure { ActorId = _actor.Id, What = "Due on the UTC date", DueOn = new DateOnly(2026, 3, 28) },
                new SipMeasure { ActorId = _actor.Id, What = "Due on the Swedish date", DueOn = SwedishToday },
            ],
        });

        var cut = Render();

        var rows = cut.FindAll("[data-testid=sip-measure-row]");
        Assert.Equal(2, rows.Count);
        var late = rows.Single(r => r.TextContent.Contains("Due on the UTC date"));
        var today = rows.Single(r => r.TextContent.Contains("Due on the Swedish date"));
        Assert.Equal("yes", late.GetAttribute("data-overdue"));
        Assert.Equal("Försenad", late.QuerySelector("[data-testid=sip-measure-overdue]")!.TextContent.Trim());
        Assert.Equal("no", today.GetAttribute("data-overdue"));
        Assert.Null(today.QuerySelector("[data-testid=sip-measure-overdue]"));
        Assert.Contains("varav 1 försenade", cut.Markup);
    }

    [Fact]
    public async Task A_follow_up_due_on_the_Swedish_date_is_not_passed_and_one_due_the_UTC_date_is()
    {
        var sip = await AddAsync(new SipMeeting { Date = new DateOnly(2026, 3, 2), Status = SipStatus.Held, FollowUpOn = SwedishToday });
        var cut = Render();
        Assert.Empty(cut.FindAll("[data-testid=sip-followup-overdue]"));

        await using (var db = Db.CreateContext())
        {
            (await db.SipMeetings.SingleAsync(s => s.Id == sip.Id)).FollowUpOn = new DateOnly(2026, 3, 28);
            await db.SaveChangesAsync();
        }
        cut = Render();
        Assert.Single(cut.FindAll("[data-testid=sip-followup-overdue]"));
    }

    [Fact]
    public async Task A_planned_follow_up_shows_the_next_SIP_meeting_and_the_earlier_meetings_measures_as_handed_on()
    {
        var first = await AddAsync(new SipMeeting
        {
            Date = new DateOnly(2026, 3, 2),
            Status = SipStatus.Held,
            FollowUpOn = new DateOnly(2026, 4, 14),
            Measures =
            [
                new SipMeasure { ActorId = _actor.Id, What = "Öppen", DueOn = new DateOnly(2026, 3, 20) },
                new SipMeasure { ActorId = _actor.Id, What = "Klar", DueOn = new DateOnly(2026, 3, 10), Status = SipMeasureStatus.Done },
            ],
        });
        var followUp = first.StartFollowUp(SwedishToday);
        followUp.Time = new TimeOnly(9, 30);
        await AddAsync(followUp);

        var cut = Render();

        Assert.Equal("Nästa SIP-möte: 2026-04-14 kl. 09:30", cut.Find("[data-testid=sip-next-meeting]").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid=sip-next-followup]")); // the planned meeting has no follow-up date of its own yet
        Assert.Single(cut.FindAll("[data-testid=sip-measure-row]")); // the carried-over copy, once
        var history = cut.FindAll("[data-testid=sip-meeting-measures]").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal(2, history.Count);
        Assert.Equal("1 (1)", history[0]); // the follow-up, listed first
        Assert.Matches(@"^2 \(0\)\s*· 1 överförda till uppföljning$", history[1]);
        Assert.Empty(cut.FindAll("[data-testid=sip-followup]")); // the planned meeting is followed up once it has been held
    }

    [Fact]
    public async Task A_held_meeting_shows_its_next_follow_up_and_no_next_meeting()
    {
        await AddAsync(new SipMeeting { Date = new DateOnly(2026, 3, 2), Status = SipStatus.Held, FollowUpOn = new DateOnly(2026, 6, 1) });
        var cut = Render();
        Assert.Contains("2026-06-01", cut.Find("[data-testid=sip-next-followup]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=sip-next-meeting]"));
    }

    [Fact]
    public async Task A_failed_load_shows_a_Swedish_error_and_trying_again_loads_the_panel()
    {
        await AddAsync(new SipMeeting { Date = new DateOnly(2026, 3, 2), Status = SipStatus.Held });
        var user = Db.User;
        Db.User = null; // the handler cannot tell who is asking: the load fails

        var cut = Render(waitFor: "sip-load-error");
        Assert.Contains("SIP-uppgifterna kunde inte hämtas.", cut.Find("[data-testid=sip-load-error]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=sip-current]"));

        Db.User = user;
        cut.Find("[data-testid=sip-retry]").Click();
        cut.WaitForState(() => cut.FindAll("[data-testid=sip-current]").Count == 1);
        Assert.Empty(cut.FindAll("[data-testid=sip-load-error]"));
    }
}
