using Ombud.Web.Features.Clients;
using Ombud.Web.Features.Sip;

namespace Ombud.Tests.Features.Clients;

/// <summary>
/// Closing a mandate ends what is still open in it: open needs get an outcome, planned SIP meetings are cancelled, open
/// SIP measures become ej genomförda. Nothing open remains on a closed mandate.
/// </summary>
public sealed class CloseMandateTests : IAsyncLifetime
{
    private static readonly FakeTimeProvider Clock = TestClock.At(2026, 11, 23);
    private static readonly DateOnly ClosedOn = new(2026, 11, 20);
    private TestDb _t = default!;
    private UserInfo _ombud = default!;
    private Mandate _mandate = default!;
    private Actor _fk = default!;
    private Need _identified = default!, _inProgress = default!, _met = default!;
    private SipMeeting _held = default!, _plannedFollowUp = default!;

    public async Task InitializeAsync()
    {
        _t = await TestDb.CreateAsync(clock: Clock);
        var unit = await _t.AddUnitAsync();
        _ombud = _t.User = await _t.AddUserAsync(unit.Id, Roles.Ombud);
        _mandate = await _t.AddMandateAsync(_ombud, new DateOnly(2026, 3, 1));
        _fk = await _t.AddActorAsync(unit.Id, "Försäkringskassan");
        var lifeArea = await _t.CategoryAsync(CategoryKind.LifeArea, "Boende");
        await using var db = _t.CreateContext();
        Need NewNeed(string words, NeedStatus status) => new()
        {
            MandateId = _mandate.Id,
            LifeAreaId = lifeArea.Id,
            ClientWords = words,
            Status = status,
            IdentifiedOn = new DateOnly(2026, 4, 1),
            ResolvedOn = Need.IsResolved(status) ? new DateOnly(2026, 6, 1) : null,
        };
        _identified = NewNeed("Vill ha eget boende", NeedStatus.Identified);
        _inProgress = NewNeed("Vill ha hjälp med ekonomin", NeedStatus.InProgress);
        _met = NewNeed("Vill ha en läkartid", NeedStatus.Met);
        db.Needs.AddRange(_identified, _inProgress, _met);
        _held = new SipMeeting
        {
            MandateId = _mandate.Id,
            Date = new DateOnly(2026, 10, 1),
            Status = SipStatus.Held,
            FollowUpOn = new DateOnly(2026, 12, 10),
            Measures =
            [
                new SipMeasure
                {
                    ActorId = _fk.Id,
                    What = "Utreda aktivitetsersättning",
                    DueOn = new DateOnly(2026, 11, 30),
                    Status = SipMeasureStatus.InProgress,
                },
                new SipMeasure
                {
                    ActorId = _fk.Id,
                    What = "Skicka beslut",
                    DueOn = new DateOnly(2026, 10, 15),
                    Status = SipMeasureStatus.Done,
                },
            ],
        };
        db.SipMeetings.Add(_held);
        await db.SaveChangesAsync();
        _plannedFollowUp = _held.StartFollowUp(new DateOnly(2026, 12, 10)); // carries a copy of the open measure
        db.SipMeetings.Add(_plannedFollowUp);
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _t.DisposeAsync();

    private async Task<CloseMandate.Command> CommandAsync(bool removeIdentityNow = false) => new()
    {
        MandateId = _mandate.Id,
        ClosedOn = ClosedOn.ToDateTime(TimeOnly.MinValue),
        ClosureReasonId = (await _t.CategoryAsync(CategoryKind.ClosureReason, "Uppdraget slutfört")).Id,
        RemoveIdentityNow = removeIdentityNow,
        Version = await VersionAsync(),
    };

    private async Task<long> VersionAsync()
    {
        await using var db = _t.CreateContext();
        return await db.Mandates.Where(m => m.Id == _mandate.Id).Select(m => m.Version).SingleAsync();
    }

    [Fact]
    public async Task The_open_work_lists_open_needs_planned_meetings_and_each_open_measure_once()
    {
        var open = await _t.Get<CloseMandate.Handler>().ListOpenWorkAsync(_mandate.Id);

        Assert.Equal([_identified.Id, _inProgress.Id], open.Needs.Select(n => n.Id));
        Assert.Equal(["Vill ha eget boende", "Vill ha hjälp med ekonomin"], open.Needs.Select(n => n.ClientWords));
        Assert.All(open.Needs, n => Assert.Equal("Boende", n.LifeArea));
        Assert.Equal([new CloseMandate.PlannedMeeting(_plannedFollowUp.Id, new DateOnly(2026, 12, 10), null)], open.PlannedMeetings);
        // the original on the held meeting and its copy on the planned follow-up are one measure to the ombud
        Assert.Equal(
            [new CloseMandate.OpenMeasure("Försäkringskassan", "Utreda aktivitetsersättning", new DateOnly(2026, 11, 30))],
            open.Measures);
        Assert.False(open.IsEmpty);
    }

    [Fact]
    public async Task Closing_ends_open_needs_cancels_planned_meetings_and_ends_open_measures()
    {
        var cmd = await CommandAsync();
        cmd.NeedOutcomes[_inProgress.Id] = NeedStatus.PartlyMet;

        await _t.Get<CloseMandate.Handler>().HandleAsync(cmd);

        await using var db = _t.CreateContext();
        var needs = await db.Needs.Where(n => n.MandateId == _mandate.Id).ToDictionaryAsync(n => n.Id);
        Assert.Equal(NeedStatus.NotMet, needs[_identified.Id].Status); // not chosen: ej tillgodosett
        Assert.Equal(NeedStatus.PartlyMet, needs[_inProgress.Id].Status);
        Assert.Equal(ClosedOn, needs[_identified.Id].ResolvedOn);
        Assert.Equal(ClosedOn, needs[_inProgress.Id].ResolvedOn);
        Assert.Equal(NeedStatus.Met, needs[_met.Id].Status); // resolved before: untouched
        Assert.Equal(new DateOnly(2026, 6, 1), needs[_met.Id].ResolvedOn);

        var meetings = await db.SipMeetings.Include(s => s.Measures).Where(s => s.MandateId == _mandate.Id).ToDictionaryAsync(s => s.Id);
        Assert.Equal(SipStatus.Held, meetings[_held.Id].Status); // what happened stays
        Assert.Equal(SipStatus.Cancelled, meetings[_plannedFollowUp.Id].Status);
        Assert.DoesNotContain(meetings.Values.SelectMany(s => s.Measures), m => m.IsOpen);
        Assert.Equal(SipMeasureStatus.Done, meetings[_held.Id].Measures.Single(m => m.What == "Skicka beslut").Status);
        Assert.Equal(SipMeasureStatus.NotDone, meetings[_held.Id].Measures.Single(m => m.What == "Utreda aktivitetsersättning").Status);
    }

    [Fact]
    public async Task A_closed_mandate_has_no_open_needs_no_next_SIP_meeting_and_nothing_due()
    {
        await _t.Get<CloseMandate.Handler>().HandleAsync(await CommandAsync());

        Assert.True((await _t.Get<CloseMandate.Handler>().ListOpenWorkAsync(_mandate.Id)).IsEmpty);
        var row = (await _t.Get<ListMyClients.Handler>().HandleAsync(new ListMyClients.Query())).Rows.Single();
        Assert.Equal(MandateStatus.Closed, row.Status);
        Assert.Equal(0, row.OpenNeeds);
        var sip = await _t.Get<LoadSipPanel.Handler>().HandleAsync(_mandate.Id);
        Assert.Equal(_held.Id, sip.Current!.Id); // the cancelled follow-up hands the current SIP back to the held meeting
        Assert.Empty(sip.Current.OpenMeasures);
        Assert.All(sip.Meetings, m => Assert.NotEqual(SipStatus.Planned, m.Status));
    }

    [Fact]
    public async Task Closing_and_removing_identity_also_ends_the_open_work()
    {
        await _t.Get<CloseMandate.Handler>().HandleAsync(await CommandAsync(removeIdentityNow: true));

        await using var db = _t.CreateContext();
        Assert.All(await db.Needs.Where(n => n.MandateId == _mandate.Id).ToListAsync(), n => Assert.True(Need.IsResolved(n.Status)));
        Assert.DoesNotContain(await db.SipMeetings.Where(s => s.MandateId == _mandate.Id).ToListAsync(),
            s => s.Status == SipStatus.Planned);
    }

    [Theory]
    [InlineData(NeedStatus.Identified)]
    [InlineData(NeedStatus.InProgress)]
    public async Task An_open_status_as_a_needs_outcome_is_refused_and_nothing_is_closed(NeedStatus outcome)
    {
        var cmd = await CommandAsync();
        cmd.NeedOutcomes[_identified.Id] = outcome;

        var ex = await Assert.ThrowsAsync<FluentValidation.ValidationException>(() => _t.Get<CloseMandate.Handler>().HandleAsync(cmd));
        Assert.Contains("tillgodosett, delvis tillgodosett eller ej tillgodosett", ex.Message);
        await using var db = _t.CreateContext();
        Assert.Equal(MandateStatus.Active, (await db.Mandates.SingleAsync(m => m.Id == _mandate.Id)).Status);
        Assert.Equal(NeedStatus.Identified, (await db.Needs.SingleAsync(n => n.Id == _identified.Id)).Status);
    }

    [Fact]
    public async Task Another_ombud_cannot_list_the_open_work()
    {
        _t.User = await _t.AddUserAsync(_ombud.UnitId, Roles.Ombud);
        await Assert.ThrowsAsync<NotFoundOrForbiddenException>(() => _t.Get<CloseMandate.Handler>().ListOpenWorkAsync(_mandate.Id));
    }
}
