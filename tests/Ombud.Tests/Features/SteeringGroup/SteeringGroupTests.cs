using Ombud.Web.Features.SteeringGroup;

namespace Ombud.Tests.Features.SteeringGroup;

/// <summary>Members, meetings and the yearly figures of the ledningsgrupp, on an in-memory SQLite database.</summary>
public class SteeringGroupTests : IAsyncLifetime
{
    private static readonly FakeTimeProvider Clock = TestClock.At(2026, 11, 23);
    private TestDb _t = default!;
    private Unit _unit = default!;
    private UserInfo _lead = default!, _ombud = default!;

    public async Task InitializeAsync()
    {
        _t = await TestDb.CreateAsync(clock: Clock);
        _unit = await _t.AddUnitAsync();
        _lead = await _t.AddUserAsync(_unit.Id, Roles.UnitLead);
        _ombud = await _t.AddUserAsync(_unit.Id, Roles.Ombud);
        _t.User = _lead;
    }

    public async Task DisposeAsync() => await _t.DisposeAsync();

    private SaveMember.Handler Member() => _t.Get<SaveMember.Handler>();
    private SaveMeeting.Handler Meeting() => _t.Get<SaveMeeting.Handler>();
    private SummariseSteeringGroupYear.Handler Year() => _t.Get<SummariseSteeringGroupYear.Handler>();
    private ListSteeringGroup.Handler List() => _t.Get<ListSteeringGroup.Handler>();
    private DeleteSteeringGroupEntry.Handler Delete() => _t.Get<DeleteSteeringGroupEntry.Handler>();

    private Task<int> MemberAsync(string org, DateTime from, DateTime? to = null, string name = "Per Person") =>
        Member().HandleAsync(new SaveMember.Command { Organisation = org, PersonName = name, Role = "Ledamot", From = from, To = to });

    private async Task<int> MeetingAsync(DateTime date, string? decisions = null) =>
        (await Meeting().HandleAsync(new SaveMeeting.Command { Date = date, Decisions = decisions })).Id!.Value;

    [Fact]
    public async Task Year_counts_the_meetings_held_and_the_organisations_with_a_member_during_the_year()
    {
        await MemberAsync("Region Demo psykiatri", new DateTime(2020, 1, 1));
        await MemberAsync("Försäkringskassan", new DateTime(2025, 3, 1), new DateTime(2025, 12, 31));
        await MemberAsync("Arbetsförmedlingen", new DateTime(2026, 12, 31));
        await MemberAsync("Demostad socialtjänst", new DateTime(2024, 1, 1), new DateTime(2026, 1, 1));
        await MemberAsync("Demostad socialtjänst", new DateTime(2026, 1, 2), name: "Ny Person"); // a successor: counted once
        await MemberAsync("Örebro brukarråd", new DateTime(2027, 1, 1));
        await MemberAsync("region demo psykiatri", new DateTime(2026, 5, 1), name: "Annan Person"); // same organisation, other case
        await MeetingAsync(new DateTime(2025, 12, 31));
        await MeetingAsync(new DateTime(2026, 1, 1));
        await MeetingAsync(new DateTime(2026, 6, 10));
        await MeetingAsync(new DateTime(2026, 12, 10)); // planned, not held yet

        var y2026 = await Year().HandleAsync(new SummariseSteeringGroupYear.Query(2026));
        var y2025 = await Year().HandleAsync(new SummariseSteeringGroupYear.Query(2025));

        Assert.Equal(2, y2026.MeetingCount);
        Assert.Equal(["Arbetsförmedlingen", "Demostad socialtjänst", "Region Demo psykiatri"], y2026.Organisations);
        Assert.Equal(1, y2025.MeetingCount);
        Assert.Equal(["Demostad socialtjänst", "Försäkringskassan", "Region Demo psykiatri"], y2025.Organisations);
        var y2024 = await Year().HandleAsync(new SummariseSteeringGroupYear.Query(2024));
        Assert.Equal((0, 2), (y2024.MeetingCount, y2024.Organisations.Count));
    }

    [Fact]
    public async Task Another_units_steering_group_is_not_counted()
    {
        await MeetingAsync(new DateTime(2026, 3, 3));
        await MemberAsync("Region Demo", new DateTime(2026, 1, 1));
        var other = await _t.AddUnitAsync("Annan enhet", "Annan kommun");
        _t.User = await _t.AddUserAsync(other.Id, Roles.UnitLead);
        var y = await Year().HandleAsync(new SummariseSteeringGroupYear.Query(2026));
        Assert.Equal((0, 0), (y.MeetingCount, y.Organisations.Count));
        Assert.Empty((await List().HandleAsync()).Meetings);
    }

    [Fact]
    public async Task An_ombud_may_view_but_not_change_the_steering_group()
    {
        await MemberAsync("Region Demo", new DateTime(2026, 1, 1));
        _t.User = _ombud;
        var list = await List().HandleAsync();
        Assert.False(list.CanEdit);
        Assert.Single(list.Members);
        await Assert.ThrowsAsync<DomainException>(() => MemberAsync("Försäkringskassan", new DateTime(2026, 1, 1)));
        await Assert.ThrowsAsync<DomainException>(() => MeetingAsync(new DateTime(2026, 1, 1)));
        await Assert.ThrowsAsync<DomainException>(() => Delete().HandleAsync(DeleteSteeringGroupEntry.Entry.Member, list.Members[0].Id));
        _t.User = TestDb.Admin(_unit.Id);
        Assert.True((await List().HandleAsync()).CanEdit);
    }

    [Fact]
    public async Task Members_are_listed_current_first_and_can_be_edited()
    {
        var ended = await MemberAsync("Arbetsförmedlingen", new DateTime(2024, 1, 1), new DateTime(2025, 1, 1));
        var id = await MemberAsync("Försäkringskassan", new DateTime(2026, 1, 1));
        var list = await List().HandleAsync();
        Assert.Equal([id, ended], list.Members.Select(m => m.Id));
        Assert.True(list.Members[0].Current);

        var cmd = SaveMember.Command.Of(list.Members[0]);
        cmd.PersonName = "  Eva Exempel ";
        await Member().HandleAsync(cmd);
        Assert.Equal("Eva Exempel", (await List().HandleAsync()).Members.Single(m => m.Id == id).PersonName);
    }

    [Fact]
    public async Task Moving_a_meeting_moves_its_faults_reported_date_and_a_meeting_with_faults_cannot_be_deleted()
    {
        var meetingId = await MeetingAsync(new DateTime(2026, 10, 1));
        var fault = await ReportedFaultAsync(meetingId, new DateOnly(2026, 9, 1));

        await Meeting().HandleAsync(new SaveMeeting.Command { Id = meetingId, Date = new DateTime(2026, 10, 8), Decisions = "Lyfts till regionen" });
        await using (var db = _t.CreateContext())
            Assert.Equal(new DateOnly(2026, 10, 8), (await db.SystemFaults.SingleAsync(f => f.Id == fault)).ReportedOn);
        await Assert.ThrowsAsync<DomainException>(() => Meeting().HandleAsync(new SaveMeeting.Command { Id = meetingId, Date = new DateTime(2026, 8, 1) }));

        var ex = await Assert.ThrowsAsync<DomainException>(() => Delete().HandleAsync(DeleteSteeringGroupEntry.Entry.Meeting, meetingId));
        Assert.Contains("kan inte tas bort", ex.Message);
        var meeting = Assert.Single((await List().HandleAsync()).Meetings);
        Assert.Equal(fault, Assert.Single(meeting.Faults).Id);

        var empty = await MeetingAsync(new DateTime(2026, 11, 1));
        await Delete().HandleAsync(DeleteSteeringGroupEntry.Entry.Meeting, empty);
        Assert.Single((await List().HandleAsync()).Meetings);
    }

    [Fact]
    public async Task Another_units_meeting_cannot_be_edited()
    {
        var id = await MeetingAsync(new DateTime(2026, 10, 1));
        var other = await _t.AddUnitAsync("Annan enhet", "Annan kommun");
        _t.User = await _t.AddUserAsync(other.Id, Roles.UnitLead);
        await Assert.ThrowsAsync<NotFoundOrForbiddenException>(() => Meeting().HandleAsync(new SaveMeeting.Command { Id = id, Date = new DateTime(2026, 10, 2) }));
    }

    [Fact]
    public async Task The_year_summary_has_the_yearly_reports_fault_figures()
    {
        var december = await MeetingAsync(new DateTime(2025, 12, 15));
        var march = await MeetingAsync(new DateTime(2026, 3, 10));
        await ReportedFaultAsync(december, new DateOnly(2025, 11, 1));
        await ReportedFaultAsync(march, new DateOnly(2025, 12, 20)); // observed in 2025, reported in 2026: counts in 2026
        await ReportedFaultAsync(march, new DateOnly(2026, 2, 1));
        await using (var db = _t.CreateContext()) // a draft dated 2026: not reported, never counted
        {
            db.SystemFaults.Add(new SystemFault
            {
                UnitId = _unit.Id,
                ReportedById = _ombud.Id,
                Date = new DateOnly(2026, 5, 5),
                Level = FaultLevel.Central,
                Description = "Utkast",
                CategoryId = (await _t.CategoryAsync(CategoryKind.FaultCategory, "Annan")).Id,
            });
            await db.SaveChangesAsync();
        }

        _t.User = _ombud; // ombud view the summary too
        foreach (var (year, expected) in new[] { (2025, 1), (2026, 2) })
        {
            var summary = await Year().HandleAsync(new SummariseSteeringGroupYear.Query(year));
            await using var db = _t.CreateContext();
            var report = await Web.Features.AnnualReport.AnnualStatistics.WithUnitFiguresAsync(
                Web.Features.AnnualReport.AnnualStatistics.Compute(year, []), db, _unit.Id, Clock.Today(), default);
            Assert.Equal(expected, summary.Faults.Total);
            Assert.Equal(report.SystemFaults.Total, summary.Faults.Total);
            Assert.Equal(report.SystemFaults.ByLevel, summary.Faults.ByLevel);
            Assert.Equal(report.SteeringGroupMeetings, summary.MeetingCount);
            Assert.Equal(1, summary.MeetingCount);
        }
    }

    [Fact]
    public async Task Decisions_that_look_like_personal_data_need_confirmation_before_they_are_saved()
    {
        var id = await MeetingAsync(new DateTime(2026, 10, 1), "Väntetider tas upp med regionen.");
        var cmd = new SaveMeeting.Command { Id = id, Date = new DateTime(2026, 10, 1), Decisions = "Ärendet lyfts till regionen, ring 070-123 45 67." };

        var first = await Meeting().HandleAsync(cmd);

        Assert.Equal(SaveMeeting.Outcome.NeedsPersonalDataConfirmation, first.Outcome);
        Assert.Equal([(SaveMeeting.DecisionsField, Web.Features.SystemFaults.PersonalDataDetector.Kind.Phone, "070-123 45 67")],
            first.Warnings!.Select(w => (w.Field, w.Kind, w.Value)));
        Assert.Equal("Väntetider tas upp med regionen.", Assert.Single((await List().HandleAsync()).Meetings).Decisions);
        var newOne = await Meeting().HandleAsync(new SaveMeeting.Command { Date = new DateTime(2026, 11, 1), Decisions = "Kontakt: a.b@region.se" });
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

    private async Task<int> ReportedFaultAsync(int meetingId, DateOnly date)
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
