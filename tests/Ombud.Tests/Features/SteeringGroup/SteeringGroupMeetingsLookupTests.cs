namespace Ombud.Tests.Features.SteeringGroup;

/// <summary>
/// The system-fault list's meeting filter (<see cref="Lookups.Handler.SteeringGroupMeetingsAsync"/>): the unit's own
/// meetings only, newest first, by date — read without the faults presented at them.
/// </summary>
public sealed class SteeringGroupMeetingsLookupTests : SteeringGroupTestData
{
    [Fact]
    public async Task Lists_the_units_meetings_newest_first_and_no_other_units()
    {
        var older = await MeetingAsync(new DateTime(2026, 3, 12));
        var newer = await MeetingAsync(new DateTime(2026, 10, 1));
        await ReportedFaultAsync(newer, new DateOnly(2026, 9, 20));
        var other = await _t.AddUnitAsync();
        _t.User = await _t.AddUserAsync(other.Id, Roles.UnitLead);
        await MeetingAsync(new DateTime(2026, 6, 1));

        foreach (var user in new[] { _lead, _ombud })
        {
            _t.User = user;
            var meetings = await _t.Get<Lookups.Handler>().SteeringGroupMeetingsAsync();
            Assert.Equal([new(newer, "Möte 2026-10-01"), new(older, "Möte 2026-03-12")], meetings);
        }
    }
}
