using FluentValidation;
using Ombud.Web.Features.SystemFaults;

namespace Ombud.Tests.Features.SystemFaults;

/// <summary>Reporting or editing a system fault.</summary>
public class SaveFaultTests
{
    // 23:30 UTC on 23 Nov is already 24 Nov in Sweden.
    private static readonly FakeTimeProvider Clock = TestClock.At(2026, 11, 23, 23);
    private static readonly DateTime SwedishToday = new(2026, 11, 24);

    private static SaveFault.Command ValidFault() => new()
    {
        Date = SwedishToday,
        CategoryId = 1,
        Level = FaultLevel.Local,
        Description = "Väntetiden till psykiatrin är över sex månader.",
        Consequence = "Klienter blir utan behandling.",
        ClientsAffected = 4,
    };

    private readonly SaveFault.Validator _fault = new(Clock);

    [Fact]
    public void A_complete_fault_is_valid() => Assert.True(_fault.Validate(ValidFault()).IsValid);

    [Fact]
    public void Today_in_Swedish_time_is_allowed_but_not_tomorrow()
    {
        var cmd = ValidFault();
        Assert.Empty(_fault.ErrorsFor(cmd, nameof(cmd.Date)));
        cmd.Date = SwedishToday.AddDays(1);
        Assert.Contains("Datumet kan inte ligga i framtiden.", _fault.ErrorsFor(cmd, nameof(cmd.Date)));
        cmd.Date = null;
        Assert.Contains("Ange datum.", _fault.ErrorsFor(cmd, nameof(cmd.Date)));
    }

    [Fact]
    public void Category_and_level_are_required()
    {
        var cmd = ValidFault();
        cmd.CategoryId = null;
        cmd.Level = null;
        Assert.Contains("Välj kategori.", _fault.ErrorsFor(cmd, nameof(cmd.CategoryId)));
        Assert.Contains("Välj nivå.", _fault.ErrorsFor(cmd, nameof(cmd.Level)));
        cmd.Level = (FaultLevel)9;
        Assert.Contains("Välj nivå.", _fault.ErrorsFor(cmd, nameof(cmd.Level)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Description_is_required(string? text)
    {
        var cmd = ValidFault();
        cmd.Description = text!;
        Assert.Contains("Beskriv systembristen.", _fault.ErrorsFor(cmd, nameof(cmd.Description)));
    }

    [Fact]
    public void Texts_may_not_exceed_the_limit()
    {
        var cmd = ValidFault();
        cmd.Description = new string('ä', Limits.LongText);
        cmd.Consequence = new string('ö', Limits.LongText);
        Assert.True(_fault.Validate(cmd).IsValid);
        cmd.Description += "x";
        cmd.Consequence += "x";
        Assert.Contains($"Högst {Limits.LongText} tecken.", _fault.ErrorsFor(cmd, nameof(cmd.Description)));
        Assert.Contains($"Högst {Limits.LongText} tecken.", _fault.ErrorsFor(cmd, nameof(cmd.Consequence)));
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(10000, true)]
    [InlineData(-1, false)]
    [InlineData(10001, false)]
    [InlineData(null, false)]
    public void Clients_affected_is_between_0_and_10000(int? n, bool valid)
    {
        var cmd = ValidFault();
        cmd.ClientsAffected = n;
        Assert.Equal(valid, !_fault.ErrorsFor(cmd, nameof(cmd.ClientsAffected)).Any());
    }

    /// <summary>The handler on an in-memory SQLite database (see <see cref="SystemFaultTestData"/>).</summary>
    public class Handler : SystemFaultTestData
    {
        [Fact]
        public async Task An_ombud_reports_a_draft_with_actors_and_own_needs()
        {
            var need = await NeedOfAsync(_ombud, "Psykiatrisk vård");
            var id = await SaveAsync(Fault(actors: [_pa.Id, _fk.Id], needs: [need.Id]));

            var d = (await Get().HandleAsync(id))!;
            Assert.Equal((FaultStatus.Draft, "Psykiatrin", FaultLevel.Local, 3), (d.Status, d.Category, d.Level, d.ClientsAffected));
            Assert.Equal(["Försäkringskassan", "Psykiatrin"], d.Actors.Select(a => a.Name));
            Assert.Equal(1, d.LinkedNeedCount);
            Assert.Equal(["Psykiatrisk vård"], d.LinkedLifeAreas);
            Assert.True(d.CanEdit);
            Assert.Equal([need.Id], d.OwnLinkedNeedIds);
            Assert.Equal([FaultStatus.ReportedToSteeringGroup], d.NextSteps);
        }

        [Fact]
        public async Task Linking_another_ombuds_clients_need_is_refused()
        {
            var foreign = await NeedOfAsync(_ombud2);
            var ex = await Assert.ThrowsAsync<DomainException>(() => Save().HandleAsync(Fault(needs: [foreign.Id])));
            Assert.Equal("Du kan bara koppla behov hos dina egna klienter.", ex.Message);
            await using var db = _t.CreateContext();
            Assert.False(await db.SystemFaults.AnyAsync());
        }

        [Fact]
        public async Task A_need_whose_client_moved_to_another_ombud_stays_linked_when_the_draft_is_edited()
        {
            var need = await NeedOfAsync(_ombud);
            var id = await SaveAsync(Fault(needs: [need.Id]));
            await using (var db = _t.CreateContext())
            {
                var client = await db.Clients.SingleAsync(c => c.Mandates.Any(m => m.Id == need.MandateId));
                client.OmbudId = _ombud2.Id;
                await db.SaveChangesAsync();
            }
            var cmd = SaveFault.Command.From((await Get().HandleAsync(id))!);
            Assert.Empty(cmd.NeedIds); // the ombud no longer sees it
            cmd.Description = "Ny text";
            await SaveAsync(cmd);
            Assert.Equal(1, (await Get().HandleAsync(id))!.LinkedNeedCount);
        }

        [Fact]
        public async Task Text_that_looks_like_personal_data_needs_confirmation_before_it_is_saved()
        {
            await NeedOfAsync(_ombud, clientName: "Örjan Åberg");
            var cmd = Fault("Örjans ansökan om bostad låg i sex månader", category: _bostad);
            cmd.Consequence = "Ring 070-123 45 67";

            var first = await Save().HandleAsync(cmd);

            Assert.Equal(SaveFault.Outcome.NeedsPersonalDataConfirmation, first.Outcome);
            Assert.Equal(
                [
                    (SaveFault.DescriptionField, PersonalDataDetector.Kind.ClientName, "Örjans"),
                    (SaveFault.ConsequenceField, PersonalDataDetector.Kind.Phone, "070-123 45 67")],
                first.Warnings!.Select(w => (w.Field, w.Kind, w.Value)));
            await using (var db = _t.CreateContext()) Assert.False(await db.SystemFaults.AnyAsync());

            cmd.ConfirmPersonalData = true;
            await SaveAsync(cmd);
            await using (var db = _t.CreateContext()) Assert.Equal(1, await db.SystemFaults.CountAsync());
        }

        [Theory]
        [InlineData("description", false)]
        [InlineData("consequence", false)]
        [InlineData("description", true)]
        [InlineData("consequence", true)]
        public async Task A_personnummer_in_a_text_is_refused_even_when_confirmed(string field, bool confirmed)
        {
            var cmd = Fault();
            if (field == "description") cmd.Description = "Klient 19850505-1234 fick vänta i sex månader";
            else cmd.Consequence = "Klienten (850505-1234) blev utan behandling";
            cmd.ConfirmPersonalData = confirmed;

            var ex = await Assert.ThrowsAsync<DomainException>(() => Save().HandleAsync(cmd));

            var label = field == "description" ? SaveFault.DescriptionField : SaveFault.ConsequenceField;
            Assert.Equal(
                label + ": Texten innehåller ett personnummer. Ta bort det – en systembrist ska inte gå att koppla till en person.",
                ex.Message);
            await using var db = _t.CreateContext();
            Assert.False(await db.SystemFaults.AnyAsync());
        }

        [Fact]
        public async Task A_personnummer_in_an_edited_draft_is_refused_and_the_draft_is_kept()
        {
            var id = await SaveAsync(Fault());
            var cmd = SaveFault.Command.From((await Get().HandleAsync(id))!);
            cmd.Description = "Gäller 19850505-1234";
            cmd.ConfirmPersonalData = true;

            await Assert.ThrowsAsync<DomainException>(() => Save().HandleAsync(cmd));

            Assert.Equal("Väntetiden till psykiatrin är över sex månader.", (await Get().HandleAsync(id))!.Description);
        }

        [Fact]
        public async Task Only_the_ombuds_own_clients_names_are_checked()
        {
            await NeedOfAsync(_ombud2, clientName: "Örjan Åberg");
            var r = await Save().HandleAsync(Fault("Örjan på försäkringskassan svarar inte"));
            Assert.Equal(SaveFault.Outcome.Saved, r.Outcome);
        }

        [Fact]
        public async Task Only_an_ombud_reports_and_only_the_reporter_edits_and_only_the_draft()
        {
            _t.User = _lead;
            await Assert.ThrowsAsync<DomainException>(() => Save().HandleAsync(Fault()));
            _t.User = _ombud;
            var id = await SaveAsync(Fault());

            var edit = SaveFault.Command.From((await Get().HandleAsync(id))!);
            _t.User = _ombud2;
            Assert.Null(await Get().HandleAsync(id)); // another's draft is not shown
            await Assert.ThrowsAsync<DomainException>(() => Save().HandleAsync(edit));

            _t.User = _ombud;
            var meeting = await MeetingAsync();
            await Step().HandleAsync(
                new ChangeFaultStatus.Command { FaultId = id, To = FaultStatus.ReportedToSteeringGroup, MeetingId = meeting.Id });
            edit.Description = "Ändrad efter rapport";
            var ex = await Assert.ThrowsAsync<DomainException>(() => Save().HandleAsync(edit));
            Assert.Contains("redan rapporterad", ex.Message);
        }

        [Fact]
        public async Task The_ombuds_own_client_code_in_the_text_needs_confirmation()
        {
            var need = await NeedOfAsync(_ombud);
            var code = await CodeOfNeedAsync(need);
            var r = await Save().HandleAsync(Fault($"Klient {code.ToLowerInvariant()} har väntat i sju månader."));
            Assert.Equal(SaveFault.Outcome.NeedsPersonalDataConfirmation, r.Outcome);
            var w = Assert.Single(r.Warnings!);
            Assert.Equal(
                (SaveFault.DescriptionField, PersonalDataDetector.Kind.ClientCode, code.ToLowerInvariant()),
                (w.Field, w.Kind, w.Value));
            await using var db = _t.CreateContext();
            Assert.False(await db.SystemFaults.AnyAsync());
        }

        [Fact]
        public async Task Validation_runs_in_the_handler_too()
        {
            var cmd = Fault();
            cmd.ClientsAffected = 10001;
            await Assert.ThrowsAsync<ValidationException>(() => Save().HandleAsync(cmd));
        }
    }

    /// <summary>Two people edit the same record (see <see cref="EditConflictTest"/>).</summary>
    public class Concurrency : EditConflictTest
    {
        [Fact]
        public async Task System_fault_second_save_is_refused_then_overwrite_works()
        {
            var category = await _t.CategoryAsync(CategoryKind.FaultCategory, "Bostad");
            var handler = _t.Get<SaveFault.Handler>();
            var created = await handler.HandleAsync(new SaveFault.Command
            {
                Date = new DateTime(2026, 11, 2),
                CategoryId = category.Id,
                Level = FaultLevel.Local,
                Description = "Långa väntetider på bostadsbeslut",
                ClientsAffected = 3,
            });
            var version = await VersionOf<SystemFault>(created.Id!.Value);
            SaveFault.Command Load() => SaveFault.Command.Edit(() => new SaveFault.Command
            {
                Id = created.Id,
                Date = new DateTime(2026, 11, 2),
                CategoryId = category.Id,
                Level = FaultLevel.Local,
                Description = "Långa väntetider på bostadsbeslut",
                ClientsAffected = 3,
                Version = version,
            });
            var first = Load();
            var second = Load();
            first.Description = "Mycket långa väntetider på bostadsbeslut";
            first.ClientsAffected = 5;
            await handler.HandleAsync(first);
            second.Consequence = "Klienter blir bostadslösa";
            var ex = await AssertConflictAsync(() => handler.HandleAsync(second), "Beskrivning", "Antal berörda klienter");
            ex.Command!.OverwriteFrom(ex.CurrentVersion);
            await handler.HandleAsync(second);
            await using var db = _t.CreateContext();
            var fault = await db.SystemFaults.SingleAsync(f => f.Id == created.Id);
            Assert.Equal("Långa väntetider på bostadsbeslut", fault.Description);
            Assert.Equal("Klienter blir bostadslösa", fault.Consequence);
        }
    }
}
