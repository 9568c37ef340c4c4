using Ombud.Web.Features.SteeringGroup;

namespace Ombud.Tests.Features.SteeringGroup;

/// <summary>Adding or editing a steering-group meeting.</summary>
public class SaveMeetingTests
{
    // 23:30 UTC on 23 Nov is already 24 Nov in Sweden.
    private static readonly FakeTimeProvider Clock = TestClock.At(2026, 11, 23, 23);
    private static readonly DateTime SwedishToday = new(2026, 11, 24);

    [Fact]
    public void A_meeting_needs_a_date_and_short_decisions()
    {
        var v = new SaveMeeting.Validator(Clock);
        var cmd = new SaveMeeting.Command();
        Assert.Contains("Ange mötesdatum.", v.ErrorsFor(cmd, nameof(cmd.Date)));
        cmd.Date = SwedishToday.AddMonths(2); // a planned meeting is fine
        Assert.True(v.Validate(cmd).IsValid);
        cmd.Decisions = new string('b', Limits.LongText + 1);
        Assert.Contains($"Högst {Limits.LongText} tecken.", v.ErrorsFor(cmd, nameof(cmd.Decisions)));
    }

    /// <summary>The handler on an in-memory SQLite database (see <see cref="SteeringGroupTestData"/>).</summary>
    public class Handler : SteeringGroupTestData
    {
        [Fact]
        public async Task Another_units_meeting_cannot_be_edited()
        {
            var id = await MeetingAsync(new DateTime(2026, 10, 1));
            var other = await _t.AddUnitAsync("Annan enhet", "Annan kommun");
            _t.User = await _t.AddUserAsync(other.Id, Roles.UnitLead);
            await Assert.ThrowsAsync<NotFoundOrForbiddenException>(
                () => Meeting().HandleAsync(new SaveMeeting.Command { Id = id, Date = new DateTime(2026, 10, 2) }));
        }

        [Fact]
        public async Task Decisions_that_look_like_personal_data_need_confirmation_before_they_are_saved()
        {
            var id = await MeetingAsync(new DateTime(2026, 10, 1), "Väntetider tas upp med regionen.");
            var cmd = new SaveMeeting.Command
            {
                Id = id,
                Date = new DateTime(2026, 10, 1),
                Decisions = "Ärendet lyfts till regionen, ring 070-123 45 67."
            };

            var first = await Meeting().HandleAsync(cmd);

            Assert.Equal(SaveMeeting.Outcome.NeedsPersonalDataConfirmation, first.Outcome);
            Assert.Equal([(SaveMeeting.DecisionsField, Web.Features.SystemFaults.PersonalDataDetector.Kind.Phone, "070-123 45 67")],
                first.Warnings!.Select(w => (w.Field, w.Kind, w.Value)));
            Assert.Equal("Väntetider tas upp med regionen.", Assert.Single((await List().HandleAsync()).Meetings).Decisions);
            var newOne = await Meeting().HandleAsync(
                new SaveMeeting.Command { Date = new DateTime(2026, 11, 1), Decisions = "Kontakt: a.b@region.se" });
            Assert.Equal(SaveMeeting.Outcome.NeedsPersonalDataConfirmation, newOne.Outcome);
            Assert.Single((await List().HandleAsync()).Meetings); // nothing added

            cmd.ConfirmPersonalData = true;
            Assert.Equal(SaveMeeting.Outcome.Saved, (await Meeting().HandleAsync(cmd)).Outcome);
            Assert.StartsWith("Ärendet lyfts", Assert.Single((await List().HandleAsync()).Meetings).Decisions);
        }

        [Fact]
        public async Task Decisions_with_a_personnummer_are_refused_even_when_confirmed()
        {
            var id = await MeetingAsync(new DateTime(2026, 10, 1), "Väntetider tas upp med regionen.");
            var cmd = new SaveMeeting.Command
            {
                Id = id,
                Date = new DateTime(2026, 10, 1),
                Decisions = "Ärendet 19811218-9876 lyfts till regionen.",
                ConfirmPersonalData = true,
            };

            var ex = await Assert.ThrowsAsync<DomainException>(() => Meeting().HandleAsync(cmd));

            Assert.StartsWith(SaveMeeting.DecisionsField + ": Texten innehåller ett personnummer.", ex.Message);
            Assert.DoesNotContain("19811218", ex.Message);
            Assert.Equal("Väntetider tas upp med regionen.", Assert.Single((await List().HandleAsync()).Meetings).Decisions);
        }
    }

    /// <summary>Two people edit the same record (see <see cref="EditConflictTest"/>).</summary>
    public class Concurrency : EditConflictTest
    {
        [Fact]
        public async Task Steering_group_meeting_second_save_is_refused()
        {
            _t.User = TestDb.Admin(_unit.Id);
            var meetings = _t.Get<SaveMeeting.Handler>();
            var meetingId = (await meetings.HandleAsync(new SaveMeeting.Command { Date = new DateTime(2026, 10, 1) })).Id!.Value;
            var v = await VersionOf<SteeringGroupMeeting>(meetingId);
            SaveMeeting.Command LoadMeeting() =>
                SaveMeeting.Command.Edit(() => new SaveMeeting.Command { Id = meetingId, Date = new DateTime(2026, 10, 1), Version = v });
            var m1 = LoadMeeting();
            var m2 = LoadMeeting();
            m1.Decisions = "Lyfta bostadsfrågan";
            await meetings.HandleAsync(m1);
            m2.Date = new DateTime(2026, 10, 2);
            await AssertConflictAsync(() => meetings.HandleAsync(m2), "Beslut");
            await using var db = _t.CreateContext();
            Assert.Equal(new DateOnly(2026, 10, 1), (await db.SteeringGroupMeetings.SingleAsync(x => x.Id == meetingId)).Date);
        }
    }
}
