using FluentValidation;
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
        Assert.Equal(
            new HashSet<string>
            {
                "ClientGoals",
                "Measures[0].What",
                "Place",
                "Relatives",
                "PlanReference",
                "Participants[0].ContactPerson"
            },
            errors);
    }

    [Fact]
    public void A_meeting_takes_at_most_thirty_measures()
    {
        var cmd = Valid();
        cmd.Measures = Enumerable.Range(0, SaveSipMeeting.Validator.MaxRows + 1)
            .Select(_ => new SaveSipMeeting.Measure { ActorId = 1, What = "x", DueOn = new DateTime(2026, 12, 1) }).ToList();
        Assert.Contains(V.Validate(cmd).Errors, e => e.ErrorMessage.Contains("Högst 30 åtgärder"));
    }

    /// <summary>The handler on an in-memory SQLite database (see <see cref="SipTestData"/>).</summary>
    public class Handler : SipTestData
    {
        [Fact]
        public async Task Saving_stores_the_meeting_and_flags_participants_without_consent_without_refusing()
        {
            var result = await Save().HandleAsync(Meeting());

            Assert.Equal(["Psykiatrin"], result.ParticipantsWithoutConsent);
            await using var db = _t.CreateContext();
            var sip = await db.SipMeetings.Include(s => s.Participants).Include(s => s.Measures).SingleAsync(s => s.Id == result.Id);
            Assert.Equal(
                (new DateOnly(2026, 11, 10), new TimeOnly(13, 30), SipStatus.Held, new DateOnly(2026, 12, 15)),
                (sip.Date, sip.Time!.Value, sip.Status, sip.FollowUpOn!.Value));
            Assert.Equal(
                (_socpsyk.Id, "Bo kvar i lägenheten", "Hos socialpsykiatrin"),
                (sip.LeadActorId!.Value, sip.ClientGoals, sip.PlanReference));
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
            Assert.Contains(
                entries,
                e => e.Action == AuditActions.Created
                    && e.EntityType == nameof(SipMeeting)
                    && e.EntityId == id.ToString()
                    && e.UserId == _ombud.Id);
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
            Assert.Contains(
                await db.AuditEntries.ToListAsync(),
                a => a.Action == AuditActions.Deleted && a.EntityType == nameof(SipMeasure) && a.ClientId == _mandate.ClientId);
        }

        [Fact]
        public async Task A_meeting_can_be_followed_up_once_and_a_second_follow_up_is_refused_with_nothing_saved()
        {
            var firstId = (await Save().HandleAsync(Meeting())).Id;
            var firstForm = (await Get().HandleAsync(new GetSipMeeting.Query(_mandate.ClientId, FollowUpOf: firstId)))!;
            // e.g. another tab
            var secondForm = (await Get().HandleAsync(new GetSipMeeting.Query(_mandate.ClientId, FollowUpOf: firstId)))!;
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
            Assert.Equal(
                "Uppföljningsmötet kan inte vara före mötet som följs upp.",
                (await Assert.ThrowsAsync<DomainException>(() => Save().HandleAsync(early))).Message);

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
