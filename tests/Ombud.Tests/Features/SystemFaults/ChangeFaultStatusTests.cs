using Ombud.Web.Features.SystemFaults;

namespace Ombud.Tests.Features.SystemFaults;

/// <summary>A system fault's next step.</summary>
public class ChangeFaultStatusTests
{
    // 23:30 UTC on 23 Nov is already 24 Nov in Sweden.
    private static readonly FakeTimeProvider Clock = TestClock.At(2026, 11, 23, 23);
    private static readonly DateTime SwedishToday = new(2026, 11, 24);

    private readonly ChangeFaultStatus.Validator _step = new(Clock);

    [Fact]
    public void Reporting_needs_a_meeting()
    {
        var cmd = new ChangeFaultStatus.Command { FaultId = 1, To = FaultStatus.ReportedToSteeringGroup };
        Assert.Contains("Välj ledningsgruppsmöte.", _step.ErrorsFor(cmd, nameof(cmd.MeetingId)));
        cmd.MeetingId = 3;
        Assert.True(_step.Validate(cmd).IsValid);
    }

    [Theory]
    [InlineData(FaultStatus.Forwarded)]
    [InlineData(FaultStatus.Answered)]
    [InlineData(FaultStatus.Closed)]
    public void Later_steps_need_a_date_that_is_not_in_the_future(FaultStatus to)
    {
        var cmd = new ChangeFaultStatus.Command { FaultId = 1, To = to, ToCountyBoard = true, Response = "Svar" };
        Assert.Contains("Ange datum.", _step.ErrorsFor(cmd, nameof(cmd.Date)));
        cmd.Date = SwedishToday.AddDays(1);
        Assert.Contains("Datumet kan inte ligga i framtiden.", _step.ErrorsFor(cmd, nameof(cmd.Date)));
        cmd.Date = SwedishToday;
        Assert.True(_step.Validate(cmd).IsValid);
    }

    [Fact]
    public void Forwarding_needs_a_recipient_and_an_answer_needs_text()
    {
        var forward = new ChangeFaultStatus.Command { FaultId = 1, To = FaultStatus.Forwarded, Date = SwedishToday };
        Assert.Contains(
            "Ange vart systembristen vidarerapporterades: Länsstyrelsen och/eller aktören.",
            _step.ErrorsFor(forward, nameof(forward.ToCountyBoard)));
        forward.ToActor = true;
        Assert.True(_step.Validate(forward).IsValid);

        var answer = new ChangeFaultStatus.Command { FaultId = 1, To = FaultStatus.Answered, Date = SwedishToday, Response = " " };
        Assert.Contains("Skriv svaret.", _step.ErrorsFor(answer, nameof(answer.Response)));
        answer.Response = new string('a', Limits.LongText + 1);
        Assert.Contains($"Högst {Limits.LongText} tecken.", _step.ErrorsFor(answer, nameof(answer.Response)));
    }

    [Fact]
    public void A_step_is_required_and_never_back_to_draft()
    {
        Assert.Contains("Välj nästa steg.", _step.ErrorsFor(new ChangeFaultStatus.Command(), "To"));
        Assert.Contains(
            "En rapporterad systembrist kan inte bli utkast igen.",
            _step.ErrorsFor(new ChangeFaultStatus.Command { To = FaultStatus.Draft }, "To"));
    }

    /// <summary>The handler on an in-memory SQLite database (see <see cref="SystemFaultTestData"/>).</summary>
    public class Handler : SystemFaultTestData
    {
        [Fact]
        public async Task A_personnummer_in_a_response_is_refused_even_when_confirmed()
        {
            var id = await SaveAsync(Fault());
            await Step().HandleAsync(
                new ChangeFaultStatus.Command
                {
                    FaultId = id,
                    To = FaultStatus.ReportedToSteeringGroup,
                    MeetingId = (await MeetingAsync()).Id
                });
            var answer = new ChangeFaultStatus.Command
            {
                FaultId = id,
                To = FaultStatus.Answered,
                Date = Today,
                Response = "Regionen svarar om 19850505-1234",
                ConfirmPersonalData = true,
            };

            var ex = await Assert.ThrowsAsync<DomainException>(() => Step().HandleAsync(answer));

            Assert.StartsWith(ChangeFaultStatus.ResponseField + ": Texten innehåller ett personnummer.", ex.Message);
            Assert.Equal(FaultStatus.ReportedToSteeringGroup, (await Get().HandleAsync(id))!.Status);
        }

        [Fact]
        public async Task Nobody_but_the_author_can_step_edit_or_delete_a_draft_by_its_id()
        {
            var id = await SaveAsync(Fault("Utkast som bara författaren rör"));
            var meeting = await MeetingAsync();
            ChangeFaultStatus.Command Report() => new() { FaultId = id, To = FaultStatus.ReportedToSteeringGroup, MeetingId = meeting.Id };
            ChangeFaultStatus.Command Close() => new() { FaultId = id, To = FaultStatus.Closed, Date = Today };
            foreach (var other in new[] { _lead, _ombud2 })
            {
                _t.User = other;
                await Assert.ThrowsAsync<DomainException>(() => Step().HandleAsync(Report()));
                await Assert.ThrowsAsync<DomainException>(() => Step().HandleAsync(Close()));
            }
            _t.User = _ombud2;
            var edit = Fault("Ändrat av någon annan");
            edit.Id = id;
            await Assert.ThrowsAsync<DomainException>(() => Save().HandleAsync(edit));
            await Assert.ThrowsAsync<DomainException>(() => _t.Get<DeleteFault.Handler>().HandleAsync(id));

            _t.User = _ombud;
            var draft = await Get().HandleAsync(id);
            Assert.Equal((FaultStatus.Draft, "Utkast som bara författaren rör"), (draft!.Status, draft.Description));
            // Once the author reports it, the unit lead moves it along as before.
            await Step().HandleAsync(Report());
            _t.User = _lead;
            await Step().HandleAsync(Close());
            Assert.Equal(FaultStatus.Closed, (await Get().HandleAsync(id))!.Status);
        }

        [Fact]
        public async Task The_reporter_and_the_unit_lead_move_a_fault_along_but_not_another_ombud_or_an_admin()
        {
            var id = await SaveAsync(Fault());
            var meeting = await MeetingAsync();
            var report = new ChangeFaultStatus.Command { FaultId = id, To = FaultStatus.ReportedToSteeringGroup, MeetingId = meeting.Id };

            _t.User = _ombud2;
            await Assert.ThrowsAsync<DomainException>(() => Step().HandleAsync(report));
            Assert.Null(await Get().HandleAsync(id)); // another's draft is not shown
            _t.User = TestDb.Admin(_unit.Id);
            await Assert.ThrowsAsync<DomainException>(() => Step().HandleAsync(report));

            _t.User = _ombud;
            await Step().HandleAsync(report);
            _t.User = _lead;
            await Step().HandleAsync(
                new ChangeFaultStatus.Command
                {
                    FaultId = id,
                    To = FaultStatus.Forwarded,
                    Date = Today,
                    ToCountyBoard = true,
                    ToActor = true
                });
            await Step().HandleAsync(
                new ChangeFaultStatus.Command
                {
                    FaultId = id,
                    To = FaultStatus.Answered,
                    Date = Today,
                    Response = "Regionen ser över remissrutinen."
                });
            await Step().HandleAsync(new ChangeFaultStatus.Command { FaultId = id, To = FaultStatus.Closed, Date = Today });

            var d = (await Get().HandleAsync(id))!;
            Assert.Equal(FaultStatus.Closed, d.Status);
            Assert.Equal((meeting.Id, meeting.Date), (d.MeetingId!.Value, d.ReportedOn!.Value));
            Assert.Equal("Länsstyrelsen och berörd aktör", d.ForwardedTo);
            Assert.Equal("Regionen ser över remissrutinen.", d.Response);
            Assert.Equal(new DateOnly(2026, 11, 23), d.ClosedOn);
        }

        [Fact]
        public async Task An_illegal_step_or_another_units_meeting_is_refused()
        {
            var id = await SaveAsync(Fault());
            var ex = await Assert.ThrowsAsync<DomainException>(() =>
                Step().HandleAsync(new ChangeFaultStatus.Command { FaultId = id, To = FaultStatus.Closed, Date = Today }));
            Assert.Contains("kan inte bli avslutad", ex.Message);

            var other = await _t.AddUnitAsync("Annan enhet", "Annan kommun");
            var foreignMeeting = await MeetingAsync(unitId: other.Id);
            await Assert.ThrowsAsync<DomainException>(() =>
                Step().HandleAsync(
                    new ChangeFaultStatus.Command
                    {
                        FaultId = id,
                        To = FaultStatus.ReportedToSteeringGroup,
                        MeetingId = foreignMeeting.Id
                    }));
            Assert.Equal(FaultStatus.Draft, (await Get().HandleAsync(id))!.Status);
        }

        [Fact]
        public async Task A_response_that_looks_like_personal_data_needs_confirmation()
        {
            var id = await SaveAsync(Fault());
            await Step().HandleAsync(
                new ChangeFaultStatus.Command
                {
                    FaultId = id,
                    To = FaultStatus.ReportedToSteeringGroup,
                    MeetingId = (await MeetingAsync()).Id
                });
            var answer = new ChangeFaultStatus.Command
            {
                FaultId = id,
                To = FaultStatus.Answered,
                Date = Today,
                Response = "Kontakta handl@region.se"
            };

            var r = await Step().HandleAsync(answer);

            Assert.Equal(ChangeFaultStatus.Outcome.NeedsPersonalDataConfirmation, r.Outcome);
            Assert.Equal(PersonalDataDetector.Kind.Email, Assert.Single(r.Warnings!).Kind);
            Assert.Equal(FaultStatus.ReportedToSteeringGroup, (await Get().HandleAsync(id))!.Status);
            answer.ConfirmPersonalData = true;
            Assert.Equal(ChangeFaultStatus.Outcome.Saved, (await Step().HandleAsync(answer)).Outcome);
        }

        [Fact]
        public async Task A_stale_status_step_is_a_conflict_and_changes_nothing()
        {
            var id = await SaveAsync(Fault());
            await Step().HandleAsync(
                new ChangeFaultStatus.Command
                {
                    FaultId = id,
                    To = FaultStatus.ReportedToSteeringGroup,
                    MeetingId = (await MeetingAsync()).Id
                });
            var seen = (await Get().HandleAsync(id))!; // the ombud's page
            _t.User = _lead; // meanwhile the lead records the answer
            await Step().HandleAsync(new ChangeFaultStatus.Command
            {
                FaultId = id,
                To = FaultStatus.Answered,
                Date = Today,
                Response = "Regionen svarar.",
                Version = (await Get().HandleAsync(id))!.Version
            });

            _t.User = _ombud; // the ombud, on the stale page, closes it (Answered → Closed is allowed, so only the version catches it)
            var stale = new ChangeFaultStatus.Command { FaultId = id, To = FaultStatus.Closed, Date = Today, Version = seen.Version };
            var ex = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Step().HandleAsync(stale));
            Assert.Equal("Någon annan har ändrat uppgifterna sedan du öppnade formuläret.", ex.Message);
            var now = (await Get().HandleAsync(id))!;
            Assert.Equal((FaultStatus.Answered, (DateOnly?)null), (now.Status, now.ClosedOn));

            stale.Version = now.Version; // after reloading
            await Step().HandleAsync(stale);
            Assert.Equal(FaultStatus.Closed, (await Get().HandleAsync(id))!.Status);
        }
    }
}
