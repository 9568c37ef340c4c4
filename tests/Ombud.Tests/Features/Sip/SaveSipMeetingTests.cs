using Ombud.Web.Features.Sip;

namespace Ombud.Tests.Features.Sip;

public class SaveSipMeetingTests
{
    private static readonly FakeTimeProvider Clock = TestClock.At(2026, 11, 23);
    private static readonly SaveSipMeeting.Validator V = new(Clock);

    private static SaveSipMeeting.Command Valid() => new()
    {
        MandateId = 1,
        Date = new DateTime(2026, 11, 20),
        Status = SipStatus.Held,
        FollowUpOn = new DateTime(2027, 2, 1),
        Participants = [new() { ActorId = 1, ContactPerson = "Handläggaren", Role = "handläggare" }],
        Measures = [new() { ActorId = 1, What = "Ansöka om boendestöd", DueOn = new DateTime(2026, 12, 1) }],
    };

    [Fact]
    public void A_complete_meeting_is_valid() => Assert.True(V.Validate(Valid()).IsValid);

    [Fact]
    public void A_measure_without_a_responsible_actor_is_rejected()
    {
        var cmd = Valid();
        cmd.Measures.Add(new() { What = "Någon borde ringa", DueOn = new DateTime(2026, 12, 1) });
        var result = V.Validate(cmd);
        Assert.False(result.IsValid);
        var error = Assert.Single(result.Errors);
        Assert.Equal("Välj vilken aktör som ansvarar för åtgärden.", error.ErrorMessage);
        Assert.Equal("Measures[1].ActorId", error.PropertyName);
    }

    [Fact]
    public void The_measure_validator_alone_gives_the_same_message_for_the_form_row()
    {
        var result = new SaveSipMeeting.MeasureValidator(Clock).Validate(new SaveSipMeeting.Measure { What = "" });
        Assert.Contains(result.Errors, e => e.PropertyName == "ActorId" && e.ErrorMessage.StartsWith("Välj vilken aktör"));
        Assert.Contains(result.Errors, e => e.PropertyName == "What" && e.ErrorMessage == "Beskriv åtgärden kort.");
    }

    [Theory]
    [InlineData(SipMeasureStatus.Planned, false)]
    [InlineData(SipMeasureStatus.InProgress, false)]
    [InlineData(SipMeasureStatus.Done, true)]
    [InlineData(SipMeasureStatus.NotDone, true)]
    public void An_open_measure_needs_its_due_date_a_closed_one_may_lack_it(SipMeasureStatus status, bool valid)
    {
        var cmd = Valid();
        cmd.Measures[0].DueOn = null;
        cmd.Measures[0].Status = status;
        var result = V.Validate(cmd);
        Assert.Equal(valid, result.IsValid);
        if (!valid)
        {
            var error = Assert.Single(result.Errors);
            Assert.Equal(("Measures[0].DueOn", "Ange senast när åtgärden ska vara klar."), (error.PropertyName, error.ErrorMessage));
        }
        // The row form uses the measure validator alone: the same message on the field the date picker is bound to.
        var row = new SaveSipMeeting.MeasureValidator(Clock).Validate(cmd.Measures[0]);
        Assert.Equal(valid, row.IsValid);
        if (!valid) Assert.Equal("DueOn", Assert.Single(row.Errors).PropertyName);
    }

    [Fact]
    public void The_measure_validator_keeps_the_due_date_plausible()
    {
        var v = new SaveSipMeeting.MeasureValidator(Clock);
        var m = new SaveSipMeeting.Measure { ActorId = 1, What = "x", DueOn = new DateTime(2031, 11, 23) };
        Assert.True(v.Validate(m).IsValid); // five years ahead is the limit
        m.DueOn = new DateTime(2031, 11, 24);
        Assert.Equal("Ange ett datum mellan år 2000 och 2031.", Assert.Single(v.Validate(m).Errors).ErrorMessage);
        m.DueOn = new DateTime(1999, 12, 31);
        m.Status = SipMeasureStatus.Done;
        Assert.Single(v.Validate(m).Errors);
    }

    [Fact]
    public void A_participant_needs_an_actor_and_each_actor_takes_part_once()
    {
        var cmd = Valid();
        cmd.Participants.Add(new() { ContactPerson = "Okänd" });
        Assert.Contains(V.Validate(cmd).Errors, e => e.ErrorMessage == "Välj aktör för deltagaren.");
        cmd.Participants[1].ActorId = 1;
        Assert.Contains(V.Validate(cmd).Errors, e => e.ErrorMessage.Contains("flera gånger"));
    }

    [Fact]
    public void The_follow_up_cannot_be_before_the_meeting_but_may_be_the_same_day()
    {
        var cmd = Valid();
        cmd.FollowUpOn = new DateTime(2026, 11, 19);
        Assert.Contains(V.Validate(cmd).Errors, e => e.ErrorMessage == "Uppföljningen kan inte vara före mötets datum.");
        cmd.FollowUpOn = new DateTime(2026, 11, 20);
        Assert.True(V.Validate(cmd).IsValid);
    }

    [Fact]
    public void The_date_is_required_and_a_held_meeting_cannot_be_in_the_future()
    {
        var cmd = Valid();
        cmd.Date = null;
        Assert.Contains(V.Validate(cmd).Errors, e => e.ErrorMessage == "Ange datum för mötet.");
        cmd.Date = new DateTime(2026, 11, 24);
        Assert.Contains(V.Validate(cmd).Errors, e => e.ErrorMessage.Contains("genomfört möte"));
        cmd.Status = SipStatus.Planned;
        Assert.True(V.Validate(cmd).IsValid);
    }

    [Fact]
    public void A_meeting_held_on_the_new_Swedish_day_is_not_in_the_future()
    {
        // 23:30 UTC on 31 Dec is 1 Jan in Stockholm.
        var v = new SaveSipMeeting.Validator(new FakeTimeProvider(new DateTimeOffset(2026, 12, 31, 23, 30, 0, TimeSpan.Zero)));
        var cmd = Valid();
        cmd.Date = new DateTime(2027, 1, 1);
        cmd.FollowUpOn = null;
        Assert.True(v.Validate(cmd).IsValid);
    }

    [Fact]
    public void Free_text_is_capped_at_the_database_limits()
    {
        var cmd = Valid();
        cmd.ClientGoals = new string('å', Limits.ShortText);
        cmd.Measures[0].What = new string('ö', Limits.ShortText);
        cmd.Place = cmd.Relatives = cmd.PlanReference = new string('x', Limits.Name);
        cmd.Participants[0].ContactPerson = cmd.Participants[0].Role = new string('y', Limits.Name);
        Assert.True(V.Validate(cmd).IsValid);

        cmd.ClientGoals += "x";
        cmd.Measures[0].What += "x";
        cmd.Place += "x";
        cmd.Relatives += "x";
        cmd.PlanReference += "x";
        cmd.Participants[0].ContactPerson += "x";
        var errors = V.Validate(cmd).Errors.Select(e => e.PropertyName).ToHashSet();
        Assert.Equal(new HashSet<string> { "ClientGoals", "Measures[0].What", "Place", "Relatives", "PlanReference", "Participants[0].ContactPerson" }, errors);
    }

    [Fact]
    public void A_meeting_takes_at_most_thirty_measures()
    {
        var cmd = Valid();
        cmd.Measures = Enumerable.Range(0, SaveSipMeeting.Validator.MaxRows + 1).Select(_ => new SaveSipMeeting.Measure { ActorId = 1, What = "x", DueOn = new DateTime(2026, 12, 1) }).ToList();
        Assert.Contains(V.Validate(cmd).Errors, e => e.ErrorMessage.Contains("Högst 30 åtgärder"));
    }

    /// <summary>Two people edit the same record (see <see cref="EditConflictTest"/>).</summary>
    public class Concurrency : EditConflictTest
    {
        [Fact]
        public async Task Sip_meeting_second_save_is_refused_then_overwrite_works()
        {
            var handler = _t.Get<SaveSipMeeting.Handler>();
            var created = await handler.HandleAsync(new SaveSipMeeting.Command
            {
                MandateId = _mandate.Id,
                Date = new DateTime(2026, 11, 10),
                Status = SipStatus.Held,
                Place = "Socialkontoret",
                Measures = [new() { ActorId = _actor.Id, What = "Ansöka om boendestöd", DueOn = new DateTime(2026, 12, 1) }],
            });
            var get = _t.Get<GetSipMeeting.Handler>();
            var first = (await get.HandleAsync(new GetSipMeeting.Query(_mandate.ClientId, created.Id)))!.Command;
            var second = (await get.HandleAsync(new GetSipMeeting.Query(_mandate.ClientId, created.Id)))!.Command;
            Assert.NotNull(first.Version);

            first.Place = "Vårdcentralen";
            first.Measures[0].Status = SipMeasureStatus.Done;
            await handler.HandleAsync(first);
            second.ClientGoals = "Egen lägenhet";
            var ex = await AssertConflictAsync(() => handler.HandleAsync(second), "Plats", "Åtgärder");
            ex.Command!.OverwriteFrom(ex.CurrentVersion);
            await handler.HandleAsync(second);
            await using var db = _t.CreateContext();
            var sip = await db.SipMeetings.Include(s => s.Measures).SingleAsync(s => s.Id == created.Id);
            Assert.Equal("Socialkontoret", sip.Place);
            Assert.Equal("Egen lägenhet", sip.ClientGoals);
        }
    }
}
