namespace Ombud.Tests.Domain;

/// <summary>The fault report's workflow: utkast → rapporterad till ledningsgrupp → vidarerapporterad → besvarad → avslutad.</summary>
public class SystemFaultTests
{
    private static readonly DateOnly Day = new(2026, 3, 2);
    private static SteeringGroupMeeting Meeting(int unitId = 1, DateOnly? date = null) =>
        new() { Id = 7, UnitId = unitId, Date = date ?? Day.AddDays(10) };

    private static SystemFault Draft() => new()
    {
        UnitId = 1,
        Date = Day,
        Description = "Lång väntan",
        Actors = [new Actor { Id = 3, UnitId = 1, Name = "Psykiatrin" }],
    };

    /// <summary>A fault brought to <paramref name="status"/> by the allowed path.</summary>
    private static SystemFault In(FaultStatus status)
    {
        var f = Draft();
        if (status == FaultStatus.Draft) return f;
        f.ReportToSteeringGroup(Meeting());
        if (status == FaultStatus.ReportedToSteeringGroup) return f;
        if (status is FaultStatus.Forwarded or FaultStatus.Answered) f.Forward(Day.AddDays(20), true, false);
        if (status == FaultStatus.Forwarded) return f;
        if (status == FaultStatus.Answered) { f.Answer(Day.AddDays(30), "Rutinen ses över"); return f; }
        f.Close(Day.AddDays(40));
        return f;
    }

    private static void Step(SystemFault f, FaultStatus to)
    {
        switch (to)
        {
            case FaultStatus.ReportedToSteeringGroup: f.ReportToSteeringGroup(Meeting(date: Day.AddDays(50))); break;
            case FaultStatus.Forwarded: f.Forward(Day.AddDays(60), true, true); break;
            case FaultStatus.Answered: f.Answer(Day.AddDays(60), "Svar"); break;
            case FaultStatus.Closed: f.Close(Day.AddDays(60)); break;
            default: throw new DomainException("no step back to draft exists");
        }
    }

    public static TheoryData<FaultStatus, FaultStatus> AllowedTransitions() => new()
    {
        { FaultStatus.Draft, FaultStatus.ReportedToSteeringGroup },
        { FaultStatus.ReportedToSteeringGroup, FaultStatus.Forwarded },
        { FaultStatus.ReportedToSteeringGroup, FaultStatus.Answered },
        { FaultStatus.ReportedToSteeringGroup, FaultStatus.Closed },
        { FaultStatus.Forwarded, FaultStatus.Answered },
        { FaultStatus.Forwarded, FaultStatus.Closed },
        { FaultStatus.Answered, FaultStatus.Closed },
    };

    public static TheoryData<FaultStatus, FaultStatus> IllegalTransitions()
    {
        var allowed = AllowedTransitions().Select(r => ((FaultStatus)r[0], (FaultStatus)r[1])).ToHashSet();
        var data = new TheoryData<FaultStatus, FaultStatus>();
        foreach (var from in Enum.GetValues<FaultStatus>())
            foreach (var to in Enum.GetValues<FaultStatus>())
                if (!allowed.Contains((from, to)) && to != FaultStatus.Draft)
                    data.Add(from, to);
        return data;
    }

    [Theory]
    [MemberData(nameof(AllowedTransitions))]
    public void Allowed_transitions_change_the_status(FaultStatus from, FaultStatus to)
    {
        var f = In(from);
        Step(f, to);
        Assert.Equal(to, f.Status);
    }

    [Theory]
    [MemberData(nameof(IllegalTransitions))]
    public void Every_other_transition_is_refused_and_changes_nothing(FaultStatus from, FaultStatus to)
    {
        var f = In(from);
        var ex = Assert.Throws<DomainException>(() => Step(f, to));
        Assert.Contains("kan inte bli", ex.Message);
        Assert.Equal(from, f.Status);
    }

    [Fact]
    public void The_illegal_list_covers_every_pair_not_allowed()
    {
        // 5 statuses × 4 targets (draft is never a target) = 20 pairs: 7 allowed, 13 refused.
        Assert.Equal(13, IllegalTransitions().Count());
        Assert.Empty(SystemFault.AllowedNext(FaultStatus.Closed));
    }

    [Fact]
    public void Reporting_records_the_meeting_and_its_date()
    {
        var f = Draft();
        var m = Meeting();
        f.ReportToSteeringGroup(m);
        Assert.Equal((m.Id, m.Date), (f.SteeringGroupMeetingId!.Value, f.ReportedOn!.Value));
    }

    [Fact]
    public void A_meeting_of_another_unit_or_before_the_fault_is_refused()
    {
        Assert.Throws<DomainException>(() => Draft().ReportToSteeringGroup(Meeting(unitId: 2)));
        Assert.Throws<DomainException>(() => Draft().ReportToSteeringGroup(Meeting(date: Day.AddDays(-1))));
    }

    [Fact]
    public void Forwarding_records_to_whom_and_needs_a_recipient()
    {
        var f = In(FaultStatus.ReportedToSteeringGroup);
        Assert.Throws<DomainException>(() => f.Forward(Day.AddDays(20), false, false));
        f.Forward(Day.AddDays(20), toCountyBoard: false, toActor: true);
        Assert.Equal((false, true, Day.AddDays(20)), (f.ForwardedToCountyBoard, f.ForwardedToActor, f.ForwardedOn!.Value));
    }

    [Fact]
    public void Forwarding_to_the_actor_needs_an_actor_on_the_report()
    {
        var f = Draft();
        f.Actors.Clear();
        f.ReportToSteeringGroup(Meeting());
        Assert.Throws<DomainException>(() => f.Forward(Day.AddDays(20), false, true));
        f.Forward(Day.AddDays(20), true, false);
    }

    [Fact]
    public void A_step_cannot_be_dated_before_the_previous_one()
    {
        var f = In(FaultStatus.ReportedToSteeringGroup); // meeting on Day + 10
        Assert.Throws<DomainException>(() => f.Forward(Day.AddDays(9), true, false));
        f.Forward(Day.AddDays(10), true, false);
        Assert.Throws<DomainException>(() => f.Answer(Day.AddDays(9), "Svar"));
        f.Answer(Day.AddDays(11), "  Svar  ");
        Assert.Equal("Svar", f.Response);
        Assert.Throws<DomainException>(() => f.Close(Day.AddDays(10)));
    }

    [Fact]
    public void An_answer_needs_text()
    {
        var f = In(FaultStatus.Forwarded);
        Assert.Throws<DomainException>(() => f.Answer(Day.AddDays(30), " "));
        Assert.Equal(FaultStatus.Forwarded, f.Status);
    }

    [Fact]
    public void Only_a_draft_is_editable()
    {
        In(FaultStatus.Draft).EnsureEditable();
        foreach (var s in Enum.GetValues<FaultStatus>().Where(s => s != FaultStatus.Draft))
            Assert.Throws<DomainException>(() => In(s).EnsureEditable());
    }

    [Fact]
    public void Rescheduling_the_meeting_moves_the_reported_date_but_not_past_later_steps()
    {
        var f = In(FaultStatus.ReportedToSteeringGroup);
        f.MeetingRescheduled(Day.AddDays(15));
        Assert.Equal(Day.AddDays(15), f.ReportedOn);
        Assert.Throws<DomainException>(() => f.MeetingRescheduled(Day.AddDays(-1)));
        f.Forward(Day.AddDays(20), true, false);
        Assert.Throws<DomainException>(() => f.MeetingRescheduled(Day.AddDays(21)));
    }

    [Fact]
    public void Members_are_active_during_a_year_when_their_period_touches_it()
    {
        var m = new SteeringGroupMember { From = new DateOnly(2025, 12, 31), To = new DateOnly(2026, 1, 1) };
        Assert.True(m.IsActiveDuring(2025));
        Assert.True(m.IsActiveDuring(2026));
        Assert.False(m.IsActiveDuring(2024));
        Assert.False(m.IsActiveDuring(2027));
        Assert.True(new SteeringGroupMember { From = new DateOnly(2020, 1, 1) }.IsActiveDuring(2030));
    }
}
