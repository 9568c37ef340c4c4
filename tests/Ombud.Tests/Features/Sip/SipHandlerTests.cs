using FluentValidation;
using Ombud.Web.Features.Sip;

namespace Ombud.Tests.Features.Sip;

/// <summary>SaveSipMeeting, GetSipMeeting, LoadSipPanel and GetSipSummary on an in-memory database.</summary>
public class SipHandlerTests : IAsyncLifetime
{
    private static readonly FakeTimeProvider Clock = TestClock.At(2026, 11, 23);
    private static readonly DateOnly Today = new(2026, 11, 23);
    private TestDb _t = default!;
    private UserInfo _ombud = default!;
    private Mandate _mandate = default!;
    private Actor _socpsyk = default!, _psykiatrin = default!;

    public async Task InitializeAsync()
    {
        _t = await TestDb.CreateAsync(clock: Clock);
        var unit = await _t.AddUnitAsync();
        _ombud = await _t.AddUserAsync(unit.Id, Roles.Ombud);
        _t.User = _ombud;
        _mandate = await _t.AddMandateAsync(_ombud, new DateOnly(2026, 3, 1));
        _socpsyk = await _t.AddActorAsync(unit.Id, "Socialtjänsten – socialpsykiatri");
        _psykiatrin = await _t.AddActorAsync(unit.Id, "Psykiatrin");
        await using var db = _t.CreateContext();
        db.Consents.Add(new Consent { MandateId = _mandate.Id, ActorId = _socpsyk.Id, GivenOn = new DateOnly(2026, 3, 1) });
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _t.DisposeAsync();

    private SaveSipMeeting.Handler Save() => _t.Get<SaveSipMeeting.Handler>();
    private GetSipMeeting.Handler Get() => _t.Get<GetSipMeeting.Handler>();
    private LoadSipPanel.Handler Overview() => _t.Get<LoadSipPanel.Handler>();
    private GetSipSummary.Handler Summary() => _t.Get<GetSipSummary.Handler>();

    private SaveSipMeeting.Command Meeting(int? mandateId = null) => new()
    {
        MandateId = mandateId ?? _mandate.Id,
        Date = new DateTime(2026, 11, 10),
        Time = new TimeSpan(13, 30, 0),
        Status = SipStatus.Held,
        Place = "Socialkontoret",
        CalledById = _socpsyk.Id,
        LeadActorId = _socpsyk.Id,
        ClientGoals = "Bo kvar i lägenheten",
        FollowUpOn = new DateTime(2026, 12, 15),
        PlanReference = "Hos socialpsykiatrin",
        ConsentConfirmed = true,
        RequestedByOmbud = true,
        PreparedClient = true,
        OmbudAttended = true,
        Participants = [new() { ActorId = _socpsyk.Id, ContactPerson = "Handläggaren", Role = "handläggare" }, new() { ActorId = _psykiatrin.Id, Role = "sjuksköterska" }],
        Measures =
        [
            new() { ActorId = _socpsyk.Id, What = "Ansöka om boendestöd", DueOn = new DateTime(2026, 11, 20), Status = SipMeasureStatus.InProgress },
            new() { ActorId = _psykiatrin.Id, What = "Boka läkarbesök", DueOn = new DateTime(2026, 12, 1) },
            new() { ActorId = _psykiatrin.Id, What = "Se över medicinen", DueOn = new DateTime(2026, 11, 1), Status = SipMeasureStatus.Done },
        ],
    };

    [Fact]
    public async Task Saving_stores_the_meeting_and_flags_participants_without_consent_without_refusing()
    {
        var result = await Save().HandleAsync(Meeting());

        Assert.Equal(["Psykiatrin"], result.ParticipantsWithoutConsent);
        await using var db = _t.CreateContext();
        var sip = await db.SipMeetings.Include(s => s.Participants).Include(s => s.Measures).SingleAsync(s => s.Id == result.Id);
        Assert.Equal((new DateOnly(2026, 11, 10), new TimeOnly(13, 30), SipStatus.Held, new DateOnly(2026, 12, 15)), (sip.Date, sip.Time!.Value, sip.Status, sip.FollowUpOn!.Value));
        Assert.Equal((_socpsyk.Id, "Bo kvar i lägenheten", "Hos socialpsykiatrin"), (sip.LeadActorId!.Value, sip.ClientGoals, sip.PlanReference));
        Assert.Equal(2, sip.Participants.Count);
        Assert.Equal(3, sip.Measures.Count);
        Assert.Equal(Today, (await db.Mandates.SingleAsync(m => m.Id == _mandate.Id)).LastActivityOn);
    }

    [Fact]
    public async Task Changes_are_audited_with_the_client_and_never_values()
    {
        var id = (await Save().HandleAsync(Meeting())).Id;
        await using var db = _t.CreateContext();
        var entries = await db.AuditEntries.Where(a => a.ClientId == _mandate.ClientId).ToListAsync();
        Assert.Contains(entries, e => e.Action == AuditActions.Created && e.EntityType == nameof(SipMeeting) && e.EntityId == id.ToString() && e.UserId == _ombud.Id);
        Assert.Equal(3, entries.Count(e => e.Action == AuditActions.Created && e.EntityType == nameof(SipMeasure)));
        Assert.Equal(2, entries.Count(e => e.Action == AuditActions.Created && e.EntityType == nameof(SipParticipant)));
        Assert.DoesNotContain(entries, e => $"{e.EntityType}{e.EntityId}{e.Action}".Contains("boendestöd"));
    }

    [Fact]
    public async Task Another_ombuds_mandate_is_refused_audited_and_left_unchanged()
    {
        var id = (await Save().HandleAsync(Meeting())).Id;
        var other = await _t.AddUserAsync(_ombud.UnitId, Roles.Ombud);
        _t.User = other;

        await Assert.ThrowsAsync<NotFoundOrForbiddenException>(() => Save().HandleAsync(Meeting()));
        var edit = Meeting();
        edit.Id = id;
        edit.ClientGoals = "Kapat";
        await Assert.ThrowsAsync<NotFoundOrForbiddenException>(() => Save().HandleAsync(edit));
        await Assert.ThrowsAsync<NotFoundOrForbiddenException>(() => Overview().HandleAsync(_mandate.Id));
        Assert.Null(await Get().HandleAsync(new GetSipMeeting.Query(_mandate.ClientId, id)));
        Assert.Null(await Summary().HandleAsync(_mandate.ClientId, id));

        await using var db = _t.CreateContext();
        Assert.Equal(1, await db.SipMeetings.CountAsync());
        Assert.Equal("Bo kvar i lägenheten", (await db.SipMeetings.SingleAsync()).ClientGoals);
        Assert.True(await db.AuditEntries.CountAsync(a => a.Action == AuditActions.AccessDenied && a.UserId == other.Id) >= 5);
    }

    [Fact]
    public async Task A_meeting_of_another_client_cannot_be_reached_through_the_own_clients_address()
    {
        var id = (await Save().HandleAsync(Meeting())).Id;
        var second = await _t.AddMandateAsync(_ombud);
        Assert.Null(await Get().HandleAsync(new GetSipMeeting.Query(second.ClientId, id)));
        Assert.Null(await Summary().HandleAsync(second.ClientId, id));
        // and an edit must stay in the meeting's own mandate
        var edit = Meeting(second.Id);
        edit.Id = id;
        await Assert.ThrowsAsync<DomainException>(() => Save().HandleAsync(edit));
    }

    [Fact]
    public async Task The_handler_validates_again_and_checks_dates_actors_and_open_mandates()
    {
        var noActor = Meeting();
        noActor.Measures[0].ActorId = null;
        var ex = await Assert.ThrowsAsync<ValidationException>(() => Save().HandleAsync(noActor));
        Assert.Contains(ex.Errors, e => e.ErrorMessage.StartsWith("Välj vilken aktör"));

        var early = Meeting();
        early.Date = new DateTime(2026, 2, 1);
        await Assert.ThrowsAsync<DomainException>(() => Save().HandleAsync(early));

        var otherUnit = await _t.AddUnitAsync("Annan enhet", "Annan kommun");
        var foreignActor = await _t.AddActorAsync(otherUnit.Id, "Försäkringskassan");
        var foreign = Meeting();
        foreign.Measures[1].ActorId = foreignActor.Id;
        Assert.Contains("aktörsregister", (await Assert.ThrowsAsync<DomainException>(() => Save().HandleAsync(foreign))).Message);

        await using (var db = _t.CreateContext())
        {
            var m = await db.Mandates.SingleAsync(x => x.Id == _mandate.Id);
            m.Close(Today, await db.Categories.FirstAsync(c => c.Kind == CategoryKind.ClosureReason));
            await db.SaveChangesAsync();
        }
        Assert.Contains("avslutat", (await Assert.ThrowsAsync<DomainException>(() => Save().HandleAsync(Meeting()))).Message);
        await using var check = _t.CreateContext();
        Assert.Equal(0, await check.SipMeetings.CountAsync());
    }

    [Fact]
    public async Task Editing_keeps_row_ids_updates_changed_rows_and_removes_dropped_ones()
    {
        var id = (await Save().HandleAsync(Meeting())).Id;
        var form = (await Get().HandleAsync(new GetSipMeeting.Query(_mandate.ClientId, id)))!;
        var cmd = form.Command;
        var keptIds = cmd.Measures.Take(2).Select(m => m.Id!.Value).ToList();
        cmd.Measures[0].Status = SipMeasureStatus.Done;
        cmd.Measures.RemoveAt(2);
        cmd.Measures.Add(new() { ActorId = _socpsyk.Id, What = "Ny åtgärd", DueOn = new DateTime(2027, 1, 15) });
        cmd.Participants.RemoveAt(1);

        var result = await Save().HandleAsync(cmd);

        Assert.Empty(result.ParticipantsWithoutConsent);
        await using var db = _t.CreateContext();
        var measures = await db.SipMeasures.Where(m => m.SipMeetingId == id).OrderBy(m => m.Id).ToListAsync();
        Assert.Equal(keptIds, measures.Take(2).Select(m => m.Id));
        Assert.Equal(["Ansöka om boendestöd", "Boka läkarbesök", "Ny åtgärd"], measures.Select(m => m.What));
        Assert.Equal(SipMeasureStatus.Done, measures[0].Status);
        Assert.Equal(1, await db.SipParticipants.CountAsync(p => p.SipMeetingId == id));
        Assert.Contains(await db.AuditEntries.ToListAsync(), a => a.Action == AuditActions.Deleted && a.EntityType == nameof(SipMeasure) && a.ClientId == _mandate.ClientId);
    }

    [Fact]
    public async Task A_follow_up_is_prefilled_with_goals_and_open_measures_and_becomes_the_current_SIP()
    {
        var firstId = (await Save().HandleAsync(Meeting())).Id;

        var form = (await Get().HandleAsync(new GetSipMeeting.Query(_mandate.ClientId, FollowUpOf: firstId)))!;
        var cmd = form.Command;
        Assert.Null(cmd.Id);
        Assert.Equal(firstId, cmd.PreviousMeetingId);
        Assert.Equal(new DateTime(2026, 12, 15), cmd.Date);
        Assert.Equal(SipStatus.Planned, cmd.Status);
        Assert.Equal("Bo kvar i lägenheten", cmd.ClientGoals);
        Assert.Equal(["Ansöka om boendestöd", "Boka läkarbesök"], cmd.Measures.Select(m => m.What));
        Assert.All(cmd.Measures, m => Assert.Null(m.Id));
        Assert.True(form.HasValidConsent(_socpsyk.Id, Today));
        Assert.False(form.HasValidConsent(_psykiatrin.Id, Today));

        var followUpId = (await Save().HandleAsync(cmd)).Id;

        var overview = await Overview().HandleAsync(_mandate.Id);
        Assert.Equal(followUpId, overview.Current!.Id);
        Assert.Equal(2, overview.Meetings.Count);
        Assert.Equal(["Ansöka om boendestöd", "Boka läkarbesök"], overview.Current.OpenMeasures.Select(m => m.What));
        Assert.Equal([true, false], overview.Current.OpenMeasures.Select(m => m.Overdue)); // 20 Nov has passed on 23 Nov
        var first = (await Get().HandleAsync(new GetSipMeeting.Query(_mandate.ClientId, firstId)))!;
        Assert.Equal(followUpId, first.FollowUpMeetingId);
        await using var db = _t.CreateContext();
        Assert.Equal(3, await db.SipMeasures.CountAsync(m => m.SipMeetingId == firstId)); // the earlier meeting is left as it was
    }

    [Fact]
    public async Task The_overview_shows_the_next_follow_up_open_measures_and_participants_without_consent()
    {
        Assert.Null((await Overview().HandleAsync(_mandate.Id)).Current);
        var cmd = Meeting();
        cmd.FollowUpOn = new DateTime(2026, 11, 22); // passed on 23 Nov
        await Save().HandleAsync(cmd);

        var o = await Overview().HandleAsync(_mandate.Id);

        Assert.Equal(_mandate.ClientId, o.ClientId);
        Assert.True(o.MandateOpen);
        var c = o.Current!;
        Assert.Equal((new DateOnly(2026, 11, 22), true), (c.FollowUpOn!.Value, c.FollowUpOverdue));
        Assert.Equal(["Socialtjänsten – socialpsykiatri", "Psykiatrin"], c.OpenMeasures.Select(m => m.Actor));
        Assert.Equal((1, 1), (c.OverdueMeasures, c.ClosedMeasures));
        Assert.Equal(["Psykiatrin"], c.ParticipantsWithoutConsent);
    }

    [Fact]
    public async Task Reading_a_meeting_or_its_printout_is_audited()
    {
        var id = (await Save().HandleAsync(Meeting())).Id;
        await Get().HandleAsync(new GetSipMeeting.Query(_mandate.ClientId, id));
        var summary = (await Summary().HandleAsync(_mandate.ClientId, id))!;

        Assert.Equal(["Ansöka om boendestöd", "Boka läkarbesök", "Se över medicinen"], summary.Measures.Select(m => m.What));
        Assert.Equal([true, false, false], summary.Measures.Select(m => m.Overdue));
        Assert.Equal("Socialtjänsten – socialpsykiatri", summary.LeadActor);
        await using var db = _t.CreateContext();
        Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.Action == AuditActions.Viewed && a.EntityType == nameof(SipMeeting) && a.EntityId == id.ToString() && a.ClientId == _mandate.ClientId));
    }

    [Fact]
    public async Task A_meeting_can_be_followed_up_once_and_a_second_follow_up_is_refused_with_nothing_saved()
    {
        var firstId = (await Save().HandleAsync(Meeting())).Id;
        var firstForm = (await Get().HandleAsync(new GetSipMeeting.Query(_mandate.ClientId, FollowUpOf: firstId)))!;
        var secondForm = (await Get().HandleAsync(new GetSipMeeting.Query(_mandate.ClientId, FollowUpOf: firstId)))!; // e.g. another tab
        Assert.False(firstForm.AlreadyFollowedUp);
        var followUpId = (await Save().HandleAsync(firstForm.Command)).Id;

        var ex = await Assert.ThrowsAsync<DomainException>(() => Save().HandleAsync(secondForm.Command));
        Assert.Contains("redan en uppföljning", ex.Message);
        await using (var db = _t.CreateContext())
        {
            Assert.Equal(2, await db.SipMeetings.CountAsync());
            Assert.Equal(2 + 3, await db.SipMeasures.CountAsync()); // the carried-over measures were copied once
        }

        // Asking for a follow-up again offers the existing one instead of a form.
        var again = (await Get().HandleAsync(new GetSipMeeting.Query(_mandate.ClientId, FollowUpOf: firstId)))!;
        Assert.True(again.AlreadyFollowedUp);
        Assert.Equal(followUpId, again.FollowUpMeetingId);
        Assert.Empty(again.Command.Measures);
    }

    [Fact]
    public async Task Cancelling_the_follow_up_hands_the_measures_back_and_allows_a_new_follow_up_but_not_two_standing_ones()
    {
        var firstId = (await Save().HandleAsync(Meeting())).Id;
        var followUp = (await Get().HandleAsync(new GetSipMeeting.Query(_mandate.ClientId, FollowUpOf: firstId)))!.Command;
        var followUpId = (await Save().HandleAsync(followUp)).Id;
        Assert.True((await Get().HandleAsync(new GetSipMeeting.Query(_mandate.ClientId, firstId)))!.MeasuresHandedOn);

        var cancel = (await Get().HandleAsync(new GetSipMeeting.Query(_mandate.ClientId, followUpId)))!.Command;
        cancel.Status = SipStatus.Cancelled;
        await Save().HandleAsync(cancel);
        var first = (await Get().HandleAsync(new GetSipMeeting.Query(_mandate.ClientId, firstId)))!;
        Assert.False(first.MeasuresHandedOn);
        Assert.Equal(firstId, (await Overview().HandleAsync(_mandate.Id)).Current!.Id);

        var newFollowUp = (await Get().HandleAsync(new GetSipMeeting.Query(_mandate.ClientId, FollowUpOf: firstId)))!;
        Assert.False(newFollowUp.AlreadyFollowedUp);
        await Save().HandleAsync(newFollowUp.Command);

        // Taking the cancelled one up again would give the first meeting two follow-ups.
        var revive = (await Get().HandleAsync(new GetSipMeeting.Query(_mandate.ClientId, followUpId)))!.Command;
        revive.Status = SipStatus.Planned;
        Assert.Contains("redan en uppföljning", (await Assert.ThrowsAsync<DomainException>(() => Save().HandleAsync(revive))).Message);
    }

    [Fact]
    public async Task A_follow_up_cannot_precede_the_meeting_it_follows_up_nor_follow_up_a_cancelled_one()
    {
        var firstId = (await Save().HandleAsync(Meeting())).Id;
        var early = (await Get().HandleAsync(new GetSipMeeting.Query(_mandate.ClientId, FollowUpOf: firstId)))!.Command;
        early.Date = new DateTime(2026, 11, 9);
        early.FollowUpOn = null;
        Assert.Equal("Uppföljningsmötet kan inte vara före mötet som följs upp.", (await Assert.ThrowsAsync<DomainException>(() => Save().HandleAsync(early))).Message);

        var cancelled = Meeting();
        cancelled.Status = SipStatus.Cancelled;
        cancelled.Measures.Clear();
        var cancelledId = (await Save().HandleAsync(cancelled)).Id;
        var sneaky = Meeting();
        sneaky.PreviousMeetingId = cancelledId;
        sneaky.Status = SipStatus.Planned;
        sneaky.Date = new DateTime(2026, 12, 1);
        Assert.Contains("inställt", (await Assert.ThrowsAsync<DomainException>(() => Save().HandleAsync(sneaky))).Message);
        await using var db = _t.CreateContext();
        Assert.Equal(2, await db.SipMeetings.CountAsync());
    }

    [Fact]
    public async Task Measures_carried_over_to_a_follow_up_are_handed_on_not_open_in_the_history_nor_overdue_in_the_printout()
    {
        var firstId = (await Save().HandleAsync(Meeting())).Id;
        var followUp = (await Get().HandleAsync(new GetSipMeeting.Query(_mandate.ClientId, FollowUpOf: firstId)))!.Command;
        var followUpId = (await Save().HandleAsync(followUp)).Id;

        var o = await Overview().HandleAsync(_mandate.Id);
        Assert.Equal(followUpId, o.Current!.Id);
        var rows = o.Meetings.ToDictionary(r => r.Id);
        Assert.Equal((3, 0, 2), (rows[firstId].Measures, rows[firstId].OpenMeasures, rows[firstId].HandedOnMeasures));
        Assert.Equal((2, 2, 0), (rows[followUpId].Measures, rows[followUpId].OpenMeasures, rows[followUpId].HandedOnMeasures));

        var printout = (await Summary().HandleAsync(_mandate.ClientId, firstId))!;
        Assert.Equal([true, true, false], printout.Measures.Select(m => m.HandedOn));
        Assert.All(printout.Measures, m => Assert.False(m.Overdue)); // 20 Nov has passed, but the follow-up carries it now
        Assert.Equal([true, false], (await Summary().HandleAsync(_mandate.ClientId, followUpId))!.Measures.Select(m => m.Overdue));
    }
}
