using Ombud.Web.Features.SteeringGroup;

namespace Ombud.Tests.Features.SteeringGroup;

/// <summary>
/// Shared setup of the ledningsgrupp handler tests on an in-memory SQLite database (23 Nov 2026): a unit with a unit lead
/// (signed in) and an ombud, and helpers that add members, meetings and faults reported to a meeting.
/// </summary>
public abstract class SteeringGroupTestData() : HandlerTestBase(Clock)
{
    protected static readonly FakeTimeProvider Clock = TestClock.At(2026, 11, 23);
    protected UserInfo _lead = default!, _ombud = default!;

    protected override async Task SeedAsync()
    {
        _lead = await _t.AddUserAsync(_unit.Id, Roles.UnitLead);
        _ombud = await _t.AddUserAsync(_unit.Id, Roles.Ombud);
        _t.User = _lead;
    }

    protected SaveMember.Handler Member() => _t.Get<SaveMember.Handler>();
    protected SaveMeeting.Handler Meeting() => _t.Get<SaveMeeting.Handler>();
    protected SummariseSteeringGroupYear.Handler Year() => _t.Get<SummariseSteeringGroupYear.Handler>();
    protected ListSteeringGroup.Handler List() => _t.Get<ListSteeringGroup.Handler>();
    protected DeleteSteeringGroupEntry.Handler Delete() => _t.Get<DeleteSteeringGroupEntry.Handler>();

    protected Task<int> MemberAsync(string org, DateTime from, DateTime? to = null, string name = "Per Person") =>
        Member().HandleAsync(new SaveMember.Command { Organisation = org, PersonName = name, Role = "Ledamot", From = from, To = to });

    protected async Task<int> MeetingAsync(DateTime date, string? decisions = null) =>
        (await Meeting().HandleAsync(new SaveMeeting.Command { Date = date, Decisions = decisions })).Id!.Value;

    protected async Task<int> ReportedFaultAsync(int meetingId, DateOnly date)
    {
        await using var db = _t.CreateContext();
        var fault = new SystemFault
        {
            UnitId = _unit.Id,
            ReportedById = _ombud.Id,
            Date = date,
            Level = FaultLevel.Local,
            Description = "Brist",
            CategoryId = (await _t.CategoryAsync(CategoryKind.FaultCategory, "Annan")).Id,
        };
        fault.ReportToSteeringGroup(await db.SteeringGroupMeetings.SingleAsync(m => m.Id == meetingId));
        db.SystemFaults.Add(fault);
        await db.SaveChangesAsync();
        return fault.Id;
    }
}
