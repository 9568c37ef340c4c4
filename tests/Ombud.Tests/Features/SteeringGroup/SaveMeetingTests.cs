using Ombud.Web.Features.SteeringGroup;

namespace Ombud.Tests.Features.SteeringGroup;

/// <summary>Adding or editing a steering-group meeting (more in SteeringGroupTests).</summary>
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
            SaveMeeting.Command LoadMeeting() => SaveMeeting.Command.Edit(() => new SaveMeeting.Command { Id = meetingId, Date = new DateTime(2026, 10, 1), Version = v });
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
