using Ombud.Web.Features.SteeringGroup;

namespace Ombud.Tests.Features.SteeringGroup;

/// <summary>Deleting a member or a meeting of the ledningsgrupp.</summary>
public class DeleteSteeringGroupEntryTests : SteeringGroupTestData
{
    [Fact]
    public async Task Moving_a_meeting_moves_its_faults_reported_date_and_a_meeting_with_faults_cannot_be_deleted()
    {
        var meetingId = await MeetingAsync(new DateTime(2026, 10, 1));
        var fault = await ReportedFaultAsync(meetingId, new DateOnly(2026, 9, 1));

        await Meeting().HandleAsync(
            new SaveMeeting.Command { Id = meetingId, Date = new DateTime(2026, 10, 8), Decisions = "Lyfts till regionen" });
        await using (var db = _t.CreateContext())
            Assert.Equal(new DateOnly(2026, 10, 8), (await db.SystemFaults.SingleAsync(f => f.Id == fault)).ReportedOn);
        await Assert.ThrowsAsync<DomainException>(
            () => Meeting().HandleAsync(new SaveMeeting.Command { Id = meetingId, Date = new DateTime(2026, 8, 1) }));

        var ex = await Assert.ThrowsAsync<DomainException>(() => Delete().HandleAsync(DeleteSteeringGroupEntry.Entry.Meeting, meetingId));
        Assert.Contains("kan inte tas bort", ex.Message);
        var meeting = Assert.Single((await List().HandleAsync()).Meetings);
        Assert.Equal(fault, Assert.Single(meeting.Faults).Id);

        var empty = await MeetingAsync(new DateTime(2026, 11, 1));
        await Delete().HandleAsync(DeleteSteeringGroupEntry.Entry.Meeting, empty);
        Assert.Single((await List().HandleAsync()).Meetings);
    }
}
