
namespace Ombud.Tests.Domain;

public class SipMeetingTests
{
    private static readonly DateOnly D = new(2026, 3, 10);

    [Theory]
    [InlineData(SipMeasureStatus.Planned, -1, true)]
    [InlineData(SipMeasureStatus.InProgress, -30, true)]
    [InlineData(SipMeasureStatus.Planned, 0, false)]   // due today is not late yet
    [InlineData(SipMeasureStatus.InProgress, 5, false)]
    [InlineData(SipMeasureStatus.Done, -1, false)]
    [InlineData(SipMeasureStatus.NotDone, -1, false)]  // an outcome, not an open task
    public void A_measure_is_overdue_when_open_and_its_date_is_before_today(SipMeasureStatus status, int dueOffset, bool overdue)
    {
        var m = new SipMeasure { ActorId = 1, What = "x", Status = status, DueOn = D.AddDays(dueOffset) };
        Assert.Equal(overdue, m.IsOverdue(D));
    }

    [Fact]
    public void A_measure_without_date_is_never_overdue()
    {
        Assert.False(new SipMeasure { ActorId = 1, What = "x", DueOn = null }.IsOverdue(D));
    }

    [Theory]
    // 23:30 UTC on 31 Dec is already 1 Jan in Stockholm (UTC+1): a measure due 31 Dec is then overdue.
    [InlineData("2026-12-31T23:30:00Z", true)]
    [InlineData("2026-12-31T22:59:00Z", false)] // 23:59 in Stockholm: still 31 Dec
    public void Overdue_follows_the_Swedish_date_across_new_year(string utc, bool overdue)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture));
        var m = new SipMeasure { ActorId = 1, What = "x", DueOn = new DateOnly(2026, 12, 31) };
        Assert.Equal(overdue, m.IsOverdue(clock.Today()));
    }

    [Theory]
    // Summer time (UTC+2): 22:30 UTC on 30 June is 00:30 on 1 July in Stockholm.
    [InlineData("2026-06-30T22:30:00Z", true)]
    [InlineData("2026-06-30T21:30:00Z", false)]
    public void Overdue_follows_the_Swedish_date_in_summer_time(string utc, bool overdue)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture));
        var m = new SipMeasure { ActorId = 1, What = "x", Status = SipMeasureStatus.InProgress, DueOn = new DateOnly(2026, 6, 30) };
        Assert.Equal(overdue, m.IsOverdue(clock.Today()));
    }

    private static SipMeeting HeldMeeting() => new()
    {
        Id = 7,
        MandateId = 3,
        Date = D,
        Status = SipStatus.Held,
        FollowUpOn = D.AddDays(60),
        LeadActorId = 11,
        CalledById = 11,
        ClientGoals = "Få en egen lägenhet",
        PlanReference = "Hos socialtjänsten",
        ConsentConfirmed = true,
        RequestedByOmbud = true,
        PreparedClient = true,
        OmbudAttended = true,
        ExplainedOutcome = true,
        Participants =
        [
            new SipParticipant { ActorId = 11, ContactPerson = "Handläggaren", Role = "handläggare" },
            new SipParticipant { ActorId = 12 },
        ],
        Measures =
        [
            new SipMeasure
            {
                Id = 1, ActorId = 11, What = "Ansöka om boendestöd", Status = SipMeasureStatus.Planned, DueOn = D.AddDays(10),
            },
            new SipMeasure { Id = 2, ActorId = 12, What = "Boka läkarbesök", Status = SipMeasureStatus.Done, DueOn = D.AddDays(5) },
            new SipMeasure
            {
                Id = 3, ActorId = 12, What = "Se över medicinen", Status = SipMeasureStatus.InProgress, DueOn = D.AddDays(20),
            },
            new SipMeasure { Id = 4, ActorId = 13, What = "Utreda aktivitetsersättning", Status = SipMeasureStatus.NotDone },
        ],
    };

    [Fact]
    public void A_follow_up_carries_over_the_goals_and_only_the_open_measures()
    {
        var followUp = HeldMeeting().StartFollowUp(D.AddDays(1));

        Assert.Equal(["Ansöka om boendestöd", "Se över medicinen"], followUp.Measures.Select(m => m.What));
        Assert.Equal([SipMeasureStatus.Planned, SipMeasureStatus.InProgress], followUp.Measures.Select(m => m.Status));
        Assert.All(followUp.Measures, m => Assert.Equal(0, m.Id)); // copies, not the earlier meeting's rows
        Assert.Equal("Få en egen lägenhet", followUp.ClientGoals);
        Assert.Equal((7, 3, SipStatus.Planned, D.AddDays(60)),
            (followUp.PreviousMeetingId!.Value, followUp.MandateId, followUp.Status, followUp.Date));
        Assert.Equal((11, "Hos socialtjänsten"), (followUp.LeadActorId!.Value, followUp.PlanReference));
        Assert.Equal([11, 12], followUp.Participants.Select(p => p.ActorId));
        Assert.Null(followUp.FollowUpOn);
        // the ombud's part and the consent confirmation belong to the new meeting, not the old one
        Assert.False(followUp.ConsentConfirmed || followUp.PreparedClient || followUp.OmbudAttended || followUp.ExplainedOutcome);
    }

    [Fact]
    public void A_follow_up_without_a_follow_up_date_is_planned_on_the_fallback_date()
    {
        var m = HeldMeeting();
        m.FollowUpOn = null;
        Assert.Equal(D.AddDays(3), m.StartFollowUp(D.AddDays(3)).Date);
    }

    [Fact]
    public void A_cancelled_meeting_cannot_be_followed_up()
    {
        var m = HeldMeeting();
        m.Status = SipStatus.Cancelled;
        Assert.Throws<DomainException>(() => m.StartFollowUp(D));
    }

    [Fact]
    public void The_follow_up_date_cannot_precede_the_meeting_and_a_held_meeting_cannot_be_in_the_future()
    {
        var m = new SipMeeting();
        var ex = Assert.Throws<DomainException>(() => m.Schedule(D, null, D.AddDays(-1)));
        Assert.Contains("Uppföljningen", ex.Message);
        m.Schedule(D, new TimeOnly(13, 30), D);
        Assert.Equal((D, new TimeOnly(13, 30), D), (m.Date, m.Time!.Value, m.FollowUpOn!.Value));

        Assert.Throws<DomainException>(() => m.SetStatus(SipStatus.Held, D.AddDays(-1)));
        m.SetStatus(SipStatus.Held, D);
        Assert.Equal(SipStatus.Held, m.Status);
    }

    [Fact]
    public void The_follow_up_is_overdue_after_its_date_unless_the_meeting_was_cancelled()
    {
        var m = HeldMeeting();
        Assert.False(m.IsFollowUpOverdue(D.AddDays(60)));
        Assert.True(m.IsFollowUpOverdue(D.AddDays(61)));
        m.Status = SipStatus.Cancelled;
        Assert.False(m.IsFollowUpOverdue(D.AddDays(61)));
    }

    [Fact]
    public void The_current_SIP_is_the_latest_meeting_that_is_not_cancelled()
    {
        var early = new SipMeeting { Id = 1, Date = D, Status = SipStatus.Held };
        var later = new SipMeeting { Id = 2, Date = D.AddDays(30), Status = SipStatus.Planned };
        var cancelled = new SipMeeting { Id = 3, Date = D.AddDays(40), Status = SipStatus.Cancelled };
        Assert.Same(later, SipMeeting.Current([early, cancelled, later]));
        Assert.Same(cancelled, SipMeeting.Current([cancelled]));
        Assert.Null(SipMeeting.Current([]));
        var sameDay = new SipMeeting { Id = 4, Date = D.AddDays(30), Status = SipStatus.Held };
        Assert.Same(sameDay, SipMeeting.Current([later, sameDay])); // same date: the one recorded last
    }

    [Fact]
    public void A_followed_up_meeting_is_never_current_while_its_follow_up_stands()
    {
        var first = new SipMeeting { Id = 1, Date = D.AddDays(30), Status = SipStatus.Held };
        var followUp = new SipMeeting { Id = 2, PreviousMeetingId = 1, Date = D, Status = SipStatus.Planned }; // dated earlier by mistake
        Assert.Same(followUp, SipMeeting.Current([first, followUp]));
        Assert.True(first.IsFollowedUpIn([first, followUp]));
        Assert.False(followUp.IsFollowedUpIn([first, followUp]));

        followUp.Status = SipStatus.Cancelled; // a cancelled follow-up hands the measures back
        Assert.False(first.IsFollowedUpIn([first, followUp]));
        Assert.Same(first, SipMeeting.Current([first, followUp]));
    }
}
