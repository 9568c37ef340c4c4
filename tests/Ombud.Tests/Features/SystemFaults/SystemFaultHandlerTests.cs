using ClosedXML.Excel;
using FluentValidation;
using Ombud.Web.Features.SystemFaults;

namespace Ombud.Tests.Features.SystemFaults;

/// <summary>The fault use cases against a real (in-memory SQLite) database.</summary>
public class SystemFaultHandlerTests : IAsyncLifetime
{
    private static readonly FakeTimeProvider Clock = TestClock.At(2026, 11, 23);
    private static readonly DateTime Today = new(2026, 11, 23);
    private TestDb _t = default!;
    private Unit _unit = default!;
    private UserInfo _ombud = default!, _ombud2 = default!, _lead = default!;
    private Category _psykiatrin = default!, _bostad = default!;
    private Actor _pa = default!, _fk = default!;

    public async Task InitializeAsync()
    {
        _t = await TestDb.CreateAsync(clock: Clock);
        _unit = await _t.AddUnitAsync();
        _ombud = await _t.AddUserAsync(_unit.Id, Roles.Ombud);
        _ombud2 = await _t.AddUserAsync(_unit.Id, Roles.Ombud);
        _lead = await _t.AddUserAsync(_unit.Id, Roles.UnitLead);
        _psykiatrin = await _t.CategoryAsync(CategoryKind.FaultCategory, "Psykiatrin");
        _bostad = await _t.CategoryAsync(CategoryKind.FaultCategory, "Bostad");
        _pa = await _t.AddActorAsync(_unit.Id, "Psykiatrin");
        _fk = await _t.AddActorAsync(_unit.Id, "Försäkringskassan");
        _t.User = _ombud;
    }

    public async Task DisposeAsync() => await _t.DisposeAsync();

    private SaveFault.Handler Save() => _t.Get<SaveFault.Handler>();
    private ChangeFaultStatus.Handler Step() => _t.Get<ChangeFaultStatus.Handler>();
    private ListFaults.Handler List() => _t.Get<ListFaults.Handler>();
    private GetFault.Handler Get() => _t.Get<GetFault.Handler>();
    private ExportFaults.Handler Export() => _t.Get<ExportFaults.Handler>();

    private SaveFault.Command Fault(string description = "Väntetiden till psykiatrin är över sex månader.", Category? category = null,
        DateTime? date = null, FaultLevel level = FaultLevel.Local, IEnumerable<int>? actors = null, IEnumerable<int>? needs = null) => new()
        {
            Date = date ?? Today.AddDays(-5),
            CategoryId = (category ?? _psykiatrin).Id,
            Level = level,
            Description = description,
            Consequence = "Klienter blir utan behandling.",
            ClientsAffected = 3,
            ActorIds = actors ?? [_pa.Id],
            NeedIds = needs ?? [],
        };

    private async Task<int> SaveAsync(SaveFault.Command cmd)
    {
        var r = await Save().HandleAsync(cmd);
        Assert.Equal(SaveFault.Outcome.Saved, r.Outcome);
        return r.Id!.Value;
    }

    /// <summary>A need in a new mandate of <paramref name="owner"/>'s, in the given life area; the client may get a name.</summary>
    private async Task<Need> NeedOfAsync(UserInfo owner, string lifeArea = "Boende", string? clientName = null)
    {
        var mandate = await _t.AddMandateAsync(owner);
        var area = await _t.CategoryAsync(CategoryKind.LifeArea, lifeArea);
        await using var db = _t.CreateContext();
        var need = new Need { MandateId = mandate.Id, LifeAreaId = area.Id, ClientWords = "Vill ha en bostad", IdentifiedOn = new DateOnly(2026, 2, 1) };
        db.Needs.Add(need);
        if (clientName is not null) (await db.Clients.SingleAsync(c => c.Id == mandate.ClientId)).SetName(clientName);
        await db.SaveChangesAsync();
        return need;
    }

    private async Task<SteeringGroupMeeting> MeetingAsync(DateOnly? date = null, int? unitId = null)
    {
        await using var db = _t.CreateContext();
        var m = new SteeringGroupMeeting { UnitId = unitId ?? _unit.Id, Date = date ?? new DateOnly(2026, 11, 20) };
        db.SteeringGroupMeetings.Add(m);
        await db.SaveChangesAsync();
        return m;
    }

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
        Assert.Equal([(SaveFault.DescriptionField, PersonalDataDetector.Kind.ClientName, "Örjans"), (SaveFault.ConsequenceField, PersonalDataDetector.Kind.Phone, "070-123 45 67")],
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
        Assert.Equal(label + ": Texten innehåller ett personnummer. Ta bort det – en systembrist ska inte gå att koppla till en person.", ex.Message);
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
    public async Task A_personnummer_in_a_response_is_refused_even_when_confirmed()
    {
        var id = await SaveAsync(Fault());
        await Step().HandleAsync(new ChangeFaultStatus.Command { FaultId = id, To = FaultStatus.ReportedToSteeringGroup, MeetingId = (await MeetingAsync()).Id });
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
    public async Task A_draft_is_its_authors_only_in_the_list_the_details_and_the_export()
    {
        var id = await SaveAsync(Fault("Utkast som bara författaren ser"));
        foreach (var other in new[] { _ombud2, _lead })
        {
            _t.User = other;
            Assert.Null(await Get().HandleAsync(id));
            foreach (var filter in new FaultFilter[] { new(), new(Status: FaultStatus.Draft), new(Ids: [id]), new(Status: FaultStatus.Draft, Ids: [id]) })
            {
                Assert.DoesNotContain((await List().HandleAsync(new ListFaults.Query(filter))).Rows, r => r.Id == id);
                var file = await Export().HandleAsync(filter);
                Assert.Equal(0, file.Count);
                using var wb = new XLWorkbook(new MemoryStream(file.Content));
                Assert.DoesNotContain(wb.Worksheet(ExportFaults.SheetName).CellsUsed(), c => c.GetString().Contains("Utkast som bara"));
            }
        }

        _t.User = _ombud;
        Assert.NotNull(await Get().HandleAsync(id));
        Assert.Contains((await List().HandleAsync(new ListFaults.Query(new FaultFilter(Status: FaultStatus.Draft)))).Rows, r => r.Id == id);
        Assert.Equal(1, (await Export().HandleAsync(new FaultFilter(Ids: [id]))).Count);
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
    public async Task The_export_leaves_out_a_flagged_text_and_counts_it_on_the_Urval_sheet()
    {
        var clean = await SaveAsync(Fault("Väntetiden är lång"));
        var phone = Fault("Handläggaren på 070-123 45 67 svarar inte");
        phone.ConfirmPersonalData = true;
        var flagged = await SaveAsync(phone);
        await using (var db = _t.CreateContext()) // saved before the refusal existed
            await db.SystemFaults.Where(f => f.Id == clean).ExecuteUpdateAsync(u => u.SetProperty(f => f.Consequence, "Gäller 19850505-1234"));

        var file = await Export().HandleAsync(new FaultFilter(Status: FaultStatus.Draft));

        using var wb = new XLWorkbook(new MemoryStream(file.Content));
        var ws = wb.Worksheet(ExportFaults.SheetName);
        var rows = ws.RowsUsed().Skip(1).ToDictionary(r => r.Cell(1).GetValue<int>());
        Assert.Equal(("Väntetiden är lång", ExportFaults.LeftOut), (rows[clean].Cell(6).GetString(), rows[clean].Cell(7).GetString()));
        Assert.Equal((ExportFaults.LeftOut, "Klienter blir utan behandling."), (rows[flagged].Cell(6).GetString(), rows[flagged].Cell(7).GetString()));
        Assert.DoesNotContain(wb.Worksheets.SelectMany(w => w.CellsUsed()), c => c.GetString().Contains("1234") || c.GetString().Contains("070-"));
        var urval = wb.Worksheet("Urval").RowsUsed().Single(r => r.Cell(1).GetString() == ExportFaults.LeftOutHeading);
        Assert.Equal("2", urval.Cell(2).GetString());
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
        await Step().HandleAsync(new ChangeFaultStatus.Command { FaultId = id, To = FaultStatus.ReportedToSteeringGroup, MeetingId = meeting.Id });
        edit.Description = "Ändrad efter rapport";
        var ex = await Assert.ThrowsAsync<DomainException>(() => Save().HandleAsync(edit));
        Assert.Contains("redan rapporterad", ex.Message);
    }

    [Fact]
    public async Task Another_units_fault_is_not_found()
    {
        var id = await SaveAsync(Fault());
        var other = await _t.AddUnitAsync("Annan enhet", "Annan kommun");
        _t.User = await _t.AddUserAsync(other.Id, Roles.UnitLead);
        Assert.Null(await Get().HandleAsync(id));
        await Assert.ThrowsAsync<NotFoundOrForbiddenException>(() =>
            Step().HandleAsync(new ChangeFaultStatus.Command { FaultId = id, To = FaultStatus.Closed, Date = Today }));
        Assert.Equal(0, (await List().HandleAsync(new ListFaults.Query(new FaultFilter()))).Total);
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
        await Step().HandleAsync(new ChangeFaultStatus.Command { FaultId = id, To = FaultStatus.Forwarded, Date = Today, ToCountyBoard = true, ToActor = true });
        await Step().HandleAsync(new ChangeFaultStatus.Command { FaultId = id, To = FaultStatus.Answered, Date = Today, Response = "Regionen ser över remissrutinen." });
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
            Step().HandleAsync(new ChangeFaultStatus.Command { FaultId = id, To = FaultStatus.ReportedToSteeringGroup, MeetingId = foreignMeeting.Id }));
        Assert.Equal(FaultStatus.Draft, (await Get().HandleAsync(id))!.Status);
    }

    [Fact]
    public async Task A_response_that_looks_like_personal_data_needs_confirmation()
    {
        var id = await SaveAsync(Fault());
        await Step().HandleAsync(new ChangeFaultStatus.Command { FaultId = id, To = FaultStatus.ReportedToSteeringGroup, MeetingId = (await MeetingAsync()).Id });
        var answer = new ChangeFaultStatus.Command { FaultId = id, To = FaultStatus.Answered, Date = Today, Response = "Kontakta handl@region.se" };

        var r = await Step().HandleAsync(answer);

        Assert.Equal(ChangeFaultStatus.Outcome.NeedsPersonalDataConfirmation, r.Outcome);
        Assert.Equal(PersonalDataDetector.Kind.Email, Assert.Single(r.Warnings!).Kind);
        Assert.Equal(FaultStatus.ReportedToSteeringGroup, (await Get().HandleAsync(id))!.Status);
        answer.ConfirmPersonalData = true;
        Assert.Equal(ChangeFaultStatus.Outcome.Saved, (await Step().HandleAsync(answer)).Outcome);
    }

    [Fact]
    public async Task Only_the_reporter_deletes_a_draft()
    {
        var id = await SaveAsync(Fault());
        var delete = _t.Get<DeleteFault.Handler>();
        _t.User = _lead;
        await Assert.ThrowsAsync<DomainException>(() => delete.HandleAsync(id));
        _t.User = _ombud;
        await delete.HandleAsync(id);
        Assert.Null(await Get().HandleAsync(id));
    }

    /// <summary>Seven faults in two years, categories, levels, statuses and actors.</summary>
    private async Task<List<int>> SeedVarietyAsync()
    {
        var meeting = await MeetingAsync(new DateOnly(2026, 11, 1));
        var ids = new List<int>
        {
            await SaveAsync(Fault("A", _psykiatrin, new DateTime(2025, 3, 1), FaultLevel.CaseOfficer, [_pa.Id])),
            await SaveAsync(Fault("B", _bostad, new DateTime(2025, 12, 31), FaultLevel.Local, [_fk.Id])),
            await SaveAsync(Fault("C", _bostad, new DateTime(2026, 1, 1), FaultLevel.Central, [_pa.Id, _fk.Id])),
            await SaveAsync(Fault("D", _psykiatrin, new DateTime(2026, 5, 5), FaultLevel.Local, [])),
            await SaveAsync(Fault("E", _psykiatrin, new DateTime(2026, 6, 6), FaultLevel.Local, [_fk.Id])),
            await SaveAsync(Fault("=1+1", _bostad, new DateTime(2026, 7, 7), FaultLevel.Central, [_pa.Id])),
            await SaveAsync(Fault("G", _psykiatrin, new DateTime(2026, 8, 8), FaultLevel.CaseOfficer, [_pa.Id])),
        };
        foreach (var id in ids.Skip(4))
            await Step().HandleAsync(new ChangeFaultStatus.Command { FaultId = id, To = FaultStatus.ReportedToSteeringGroup, MeetingId = meeting.Id });
        return ids;
    }

    public static TheoryData<string> Filters() => ["", "year=2026", "year=2025", "category=BOSTAD", "level=Local", "status=ReportedToSteeringGroup",
        "actor=FK", "year=2026&category=BOSTAD&level=Central&status=ReportedToSteeringGroup&actor=PA", "year=2024"];

    private FaultFilter Parse(string query)
    {
        Assert.True(FaultFilter.TryParse("?" + query.Replace("BOSTAD", _bostad.Id.ToString()).Replace("FK", _fk.Id.ToString()).Replace("PA", _pa.Id.ToString()), out var f));
        return f;
    }

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task The_export_holds_exactly_the_faults_the_list_shows_for_the_same_filter(string query)
    {
        var all = await SeedVarietyAsync();
        var filter = Parse(query);

        var list = await List().HandleAsync(new ListFaults.Query(filter, 0, 200));
        var file = await Export().HandleAsync(filter);

        using var wb = new XLWorkbook(new MemoryStream(file.Content));
        var ws = wb.Worksheet(ExportFaults.SheetName);
        var exported = ws.RowsUsed().Skip(1).Select(r => r.Cell(1).GetValue<int>()).ToList();
        // Without a status chosen the list also shows the user's own drafts; the export never holds drafts then.
        var expected = list.Rows.Where(r => filter.Status is not null || r.Status != FaultStatus.Draft).Select(r => r.Id).ToList();
        Assert.Equal(expected, exported);
        Assert.Equal(expected.Count, file.Count);
        Assert.All(exported, id => Assert.Contains(id, all));
        if (filter.Status is null) Assert.Equal(list.Total - list.Rows.Count(r => r.Status == FaultStatus.Draft), file.Count);
        else Assert.Equal(list.Total, file.Count);
    }

    [Fact]
    public async Task The_year_is_the_year_reported_to_the_steering_group_and_the_count_equals_the_yearly_reports()
    {
        var sept2025 = await MeetingAsync(new DateOnly(2025, 9, 1));
        var jan2026 = await MeetingAsync(new DateOnly(2026, 1, 15));
        var nov2026 = await MeetingAsync(new DateOnly(2026, 11, 20));
        async Task<int> Reported(string text, DateTime date, SteeringGroupMeeting meeting)
        {
            var id = await SaveAsync(Fault(text, date: date));
            await Step().HandleAsync(new ChangeFaultStatus.Command { FaultId = id, To = FaultStatus.ReportedToSteeringGroup, MeetingId = meeting.Id });
            return id;
        }
        var a = await Reported("A", new DateTime(2025, 6, 1), sept2025);
        var b = await Reported("B", new DateTime(2025, 12, 20), jan2026); // observed in 2025, reported in 2026
        var c = await Reported("C", new DateTime(2026, 3, 1), nov2026);
        var ownDraft = await SaveAsync(Fault("Eget utkast", date: new DateTime(2026, 5, 1)));
        _t.User = _ombud2;
        await SaveAsync(Fault("Annans utkast", date: new DateTime(2026, 5, 2)));
        _t.User = _ombud;

        foreach (var (year, expected) in new[] { (2025, new[] { a }), (2026, new[] { c, b }) })
        {
            var filter = new FaultFilter(Year: year);
            var list = await List().HandleAsync(new ListFaults.Query(filter, 0, 200));
            var file = await Export().HandleAsync(filter);
            await using var db = _t.CreateContext();
            var report = await Web.Features.AnnualReport.AnnualStatistics.WithUnitFiguresAsync(
                Web.Features.AnnualReport.AnnualStatistics.Compute(year, []), db, _unit.Id, Clock.Today(), default);

            Assert.Equal(expected, list.Rows.Where(r => r.Status != FaultStatus.Draft).Select(r => r.Id));
            Assert.Equal(report.SystemFaults.Total, list.Rows.Count(r => r.Status != FaultStatus.Draft));
            Assert.Equal(report.SystemFaults.Total, file.Count);
        }
        // A draft has no report date: it is listed (to its author) under the year of its own date.
        Assert.Contains(ownDraft, (await List().HandleAsync(new ListFaults.Query(new FaultFilter(Year: 2026), 0, 200))).Rows.Select(r => r.Id));
        Assert.Equal([2026, 2025], (await List().HandleAsync(new ListFaults.Query(new FaultFilter()))).Years);
        Assert.Equal(new DateOnly(2026, 1, 15), (await List().HandleAsync(new ListFaults.Query(new FaultFilter(Year: 2026), 0, 200))).Rows.Single(r => r.Id == b).ReportedOn);
    }

    [Fact]
    public async Task Drafts_are_left_out_of_the_export_unless_Utkast_is_chosen_and_others_drafts_always()
    {
        var reported = await SaveAsync(Fault("Rapporterad"));
        await Step().HandleAsync(new ChangeFaultStatus.Command { FaultId = reported, To = FaultStatus.ReportedToSteeringGroup, MeetingId = (await MeetingAsync()).Id });
        var mine = await SaveAsync(Fault("Mitt utkast"));
        _t.User = _ombud2;
        var theirs = await SaveAsync(Fault("Någon annans utkast"));
        _t.User = _ombud;
        async Task<int[]> Listed(FaultFilter f) => (await List().HandleAsync(new ListFaults.Query(f, 0, 200))).Rows.Select(r => r.Id).Order().ToArray();
        async Task<int[]> Exported(FaultFilter f)
        {
            using var wb = new XLWorkbook(new MemoryStream((await Export().HandleAsync(f)).Content));
            return wb.Worksheet(ExportFaults.SheetName).RowsUsed().Skip(1).Select(r => r.Cell(1).GetValue<int>()).Order().ToArray();
        }

        Assert.Equal([reported, mine], await Listed(new FaultFilter()));
        Assert.Equal([reported], await Exported(new FaultFilter()));
        Assert.Equal([mine], await Listed(new FaultFilter(Status: FaultStatus.Draft)));
        Assert.Equal([mine], await Exported(new FaultFilter(Status: FaultStatus.Draft)));
        Assert.Equal([reported, mine], await Exported(new FaultFilter(Ids: [reported, mine, theirs])));
        _t.User = _lead;
        Assert.Equal([reported], await Listed(new FaultFilter()));
        Assert.Empty(await Listed(new FaultFilter(Status: FaultStatus.Draft)));
        Assert.Empty(await Exported(new FaultFilter(Status: FaultStatus.Draft)));
        using var wb = new XLWorkbook(new MemoryStream((await Export().HandleAsync(new FaultFilter())).Content));
        Assert.Equal("Alla utom utkast", wb.Worksheet("Urval").Cell(6, 2).GetString());
    }

    [Fact]
    public async Task Ticked_faults_are_exported_alone_drafts_included_and_never_another_units()
    {
        var reported = await SaveAsync(Fault("Rapporterad"));
        await Step().HandleAsync(new ChangeFaultStatus.Command { FaultId = reported, To = FaultStatus.ReportedToSteeringGroup, MeetingId = (await MeetingAsync()).Id });
        var draft = await SaveAsync(Fault("Mitt utkast"));
        var notTicked = await SaveAsync(Fault("Inte vald"));
        var otherUnit = await _t.AddUnitAsync("Grannenheten");
        var neighbour = await _t.AddUserAsync(otherUnit.Id, Roles.Ombud);
        _t.User = neighbour;
        var neighbourActor = await _t.AddActorAsync(otherUnit.Id, "Försäkringskassan");
        var foreign = await SaveAsync(Fault("Grannens", actors: [neighbourActor.Id]));
        _t.User = _ombud;

        Assert.True(FaultFilter.TryParse($"?ids={draft},{reported},{foreign}", out var filter));
        var file = await Export().HandleAsync(filter);

        using var wb = new XLWorkbook(new MemoryStream(file.Content));
        Assert.Equal(new[] { reported, draft }.Order(), wb.Worksheet(ExportFaults.SheetName).RowsUsed().Skip(1).Select(r => r.Cell(1).GetValue<int>()).Order());
        Assert.DoesNotContain(notTicked, wb.Worksheet(ExportFaults.SheetName).RowsUsed().Skip(1).Select(r => r.Cell(1).GetValue<int>()));
        var selection = wb.Worksheet("Urval").RowsUsed().ToDictionary(r => r.Cell(1).GetString(), r => r.Cell(2).GetString());
        Assert.Equal($"Nr {string.Join(", ", new[] { draft, reported, foreign }.Order())}", selection["Valda systembrister"]);
        Assert.Equal("2", selection["Antal systembrister"]);
    }

    [Fact]
    public async Task The_meeting_filter_gives_the_meetings_agenda_in_the_list_and_the_export()
    {
        var october = await MeetingAsync(new DateOnly(2026, 10, 5));
        var november = await MeetingAsync(new DateOnly(2026, 11, 20));
        var ids = new List<int>();
        foreach (var (text, meeting) in new[] { ("Okt 1", october), ("Nov 1", november), ("Okt 2", october) })
        {
            var id = await SaveAsync(Fault(text, date: new DateTime(2026, 9, 1)));
            await Step().HandleAsync(new ChangeFaultStatus.Command { FaultId = id, To = FaultStatus.ReportedToSteeringGroup, MeetingId = meeting.Id });
            ids.Add(id);
        }
        await SaveAsync(Fault("Utkast"));
        Assert.True(FaultFilter.TryParse($"?meeting={october.Id}", out var filter));

        var list = await List().HandleAsync(new ListFaults.Query(filter, 0, 200));
        var file = await Export().HandleAsync(filter);

        Assert.Equal(["Okt 2", "Okt 1"], list.Rows.Select(r => r.Description));
        Assert.Equal(2, file.Count);
        Assert.Equal("systembrister-mote-2026-10-05.xlsx", file.FileName);
        using var wb = new XLWorkbook(new MemoryStream(file.Content));
        Assert.Equal([ids[2], ids[0]], wb.Worksheet(ExportFaults.SheetName).RowsUsed().Skip(1).Select(r => r.Cell(1).GetValue<int>()));
        var selection = wb.Worksheet("Urval").RowsUsed().ToDictionary(r => r.Cell(1).GetString(), r => r.Cell(2).GetString());
        Assert.Equal("2026-10-05", selection["Presenterad på möte"]);
        Assert.Equal("2", selection["Antal systembrister"]);
    }

    [Fact]
    public async Task Faults_naming_an_inactive_actor_can_be_filtered_and_the_filter_offers_it_marked()
    {
        var old = await _t.AddActorAsync(_unit.Id, "Gamla boendeenheten", active: false);
        await using (var db = _t.CreateContext()) // named while it was active
        {
            var fault = new SystemFault { UnitId = _unit.Id, ReportedById = _ombud.Id, Date = new DateOnly(2026, 2, 1), CategoryId = _bostad.Id, Level = FaultLevel.Local, Description = "Gammal" };
            fault.Actors.Add(await db.Actors.SingleAsync(a => a.Id == old.Id));
            db.SystemFaults.Add(fault);
            await db.SaveChangesAsync();
        }
        await SaveAsync(Fault("Annan"));
        var lookups = _t.Get<Lookups.Handler>();

        Assert.DoesNotContain(await lookups.ActorsAsync(), a => a.Id == old.Id);
        Assert.Equal("Gamla boendeenheten (inaktiv)", (await lookups.ActorsAsync(includeInactive: true)).Single(a => a.Id == old.Id).Name);
        Assert.Equal(["Försäkringskassan", "Gamla boendeenheten (inaktiv)", "Psykiatrin"], (await lookups.ActorsAsync(includeInactive: true)).Select(a => a.Name));
        Assert.Equal(["Gammal"], (await List().HandleAsync(new ListFaults.Query(new FaultFilter(ActorId: old.Id)))).Rows.Select(r => r.Description));
    }

    [Fact]
    public async Task A_stale_status_step_is_a_conflict_and_changes_nothing()
    {
        var id = await SaveAsync(Fault());
        await Step().HandleAsync(new ChangeFaultStatus.Command { FaultId = id, To = FaultStatus.ReportedToSteeringGroup, MeetingId = (await MeetingAsync()).Id });
        var seen = (await Get().HandleAsync(id))!; // the ombud's page
        _t.User = _lead; // meanwhile the lead records the answer
        await Step().HandleAsync(new ChangeFaultStatus.Command { FaultId = id, To = FaultStatus.Answered, Date = Today, Response = "Regionen svarar.", Version = (await Get().HandleAsync(id))!.Version });

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

    [Fact]
    public async Task Deleting_a_draft_changed_since_the_page_showed_it_is_a_conflict()
    {
        var id = await SaveAsync(Fault());
        var seen = (await Get().HandleAsync(id))!;
        var edit = SaveFault.Command.From(seen); // another tab saves a change
        edit.Description = "Ändrad i en annan flik";
        await SaveAsync(edit);
        var delete = _t.Get<DeleteFault.Handler>();

        var ex = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => delete.HandleAsync(id, seen.Version));
        Assert.Equal("Någon annan har ändrat uppgifterna sedan du öppnade formuläret.", ex.Message);
        Assert.Equal("Ändrad i en annan flik", (await Get().HandleAsync(id))!.Description);

        await delete.HandleAsync(id, (await Get().HandleAsync(id))!.Version);
        Assert.Null(await Get().HandleAsync(id));
    }

    [Fact]
    public async Task The_ombuds_own_client_code_in_the_text_needs_confirmation()
    {
        var need = await NeedOfAsync(_ombud);
        var code = await CodeOfNeedAsync(need);
        var r = await Save().HandleAsync(Fault($"Klient {code.ToLowerInvariant()} har väntat i sju månader."));
        Assert.Equal(SaveFault.Outcome.NeedsPersonalDataConfirmation, r.Outcome);
        var w = Assert.Single(r.Warnings!);
        Assert.Equal((SaveFault.DescriptionField, PersonalDataDetector.Kind.ClientCode, code.ToLowerInvariant()), (w.Field, w.Kind, w.Value));
        await using var db = _t.CreateContext();
        Assert.False(await db.SystemFaults.AnyAsync());
    }

    [Fact]
    public async Task The_filters_select_the_expected_faults()
    {
        await SeedVarietyAsync();
        async Task<string[]> Descriptions(string q) =>
            (await List().HandleAsync(new ListFaults.Query(Parse(q), 0, 200))).Rows.Select(r => r.Description).ToArray();

        Assert.Equal(["G", "=1+1", "E", "D", "C"], await Descriptions("year=2026"));
        Assert.Equal(["B", "A"], await Descriptions("year=2025"));
        Assert.Equal(["=1+1", "C", "B"], await Descriptions("category=BOSTAD"));
        Assert.Equal(["E", "D", "B"], await Descriptions("level=Local"));
        Assert.Equal(["G", "=1+1", "E"], await Descriptions("status=ReportedToSteeringGroup"));
        Assert.Equal(["E", "C", "B"], await Descriptions("actor=FK"));
        Assert.Equal(["=1+1"], await Descriptions("year=2026&category=BOSTAD&level=Central&status=ReportedToSteeringGroup&actor=PA"));
    }

    [Fact]
    public async Task The_list_pages_and_offers_the_years_with_faults()
    {
        await SeedVarietyAsync();
        var page2 = await List().HandleAsync(new ListFaults.Query(new FaultFilter(), Page: 1, PageSize: 3));
        Assert.Equal(7, page2.Total);
        Assert.Equal(["D", "C", "B"], page2.Rows.Select(r => r.Description));
        Assert.Equal([2026, 2025], page2.Years);
    }

    [Fact]
    public async Task The_export_writes_text_as_text_and_no_client_identity()
    {
        var need = await NeedOfAsync(_ombud, "Ekonomi", clientName: "Maja Sjöberg");
        var code = await CodeOfNeedAsync(need);
        var cmd = Fault("=1+1", _bostad, new DateTime(2026, 7, 7), needs: [need.Id]);
        cmd.Consequence = "2026-11-23";
        var id = await SaveAsync(cmd);

        var file = await Export().HandleAsync(new FaultFilter(Status: FaultStatus.Draft)); // drafts are exported only when chosen

        Assert.EndsWith(".xlsx", file.FileName);
        using var wb = new XLWorkbook(new MemoryStream(file.Content));
        var ws = wb.Worksheet(ExportFaults.SheetName);
        Assert.Equal(ExportFaults.Headings, ws.Row(1).Cells(1, ExportFaults.Headings.Length).Select(c => c.GetString()));
        var row = ws.Row(2);
        Assert.Equal(id, row.Cell(1).GetValue<int>());
        Assert.Equal(new DateTime(2026, 7, 7), row.Cell(2).GetDateTime());
        Assert.Equal("Bostad", row.Cell(3).GetString());
        Assert.False(row.Cell(6).HasFormula);
        Assert.Equal("=1+1", row.Cell(6).GetString());
        Assert.Equal(XLDataType.Text, row.Cell(7).DataType);
        Assert.Equal("2026-11-23", row.Cell(7).GetString());
        Assert.Equal(1, row.Cell(9).GetValue<int>());
        Assert.Equal("Ekonomi", row.Cell(10).GetString());
        Assert.Equal("Utkast", row.Cell(11).GetString());
        var everything = string.Join("|", wb.Worksheets.SelectMany(s => s.CellsUsed()).Select(c => c.GetString()));
        Assert.DoesNotContain(code, everything);
        Assert.DoesNotContain("Maja", everything);
        Assert.DoesNotContain("Vill ha en bostad", everything);
    }

    private async Task<string> CodeOfNeedAsync(Need need)
    {
        await using var db = _t.CreateContext();
        return await db.Mandates.Where(m => m.Id == need.MandateId).Select(m => m.Client!.Code).SingleAsync();
    }

    [Fact]
    public async Task Linkable_needs_are_only_the_ombuds_own()
    {
        var own = await NeedOfAsync(_ombud);
        await NeedOfAsync(_ombud2);
        var options = await _t.Get<ListLinkableNeeds.Handler>().HandleAsync();
        Assert.Equal([own.Id], options.Select(o => o.NeedId));
        _t.User = _lead;
        Assert.Empty(await _t.Get<ListLinkableNeeds.Handler>().HandleAsync());
    }

    [Fact]
    public async Task A_used_fault_category_cannot_be_deleted()
    {
        await SaveAsync(Fault(category: _bostad));
        _t.User = TestDb.Admin(_unit.Id);
        await Assert.ThrowsAnyAsync<Exception>(() => _t.Get<Web.Features.Admin.DeleteCategory.Handler>()
            .HandleAsync(new Web.Features.Admin.DeleteCategory.Command(_bostad.Id)));
        await using var db = _t.CreateContext();
        Assert.True(await db.Categories.AnyAsync(c => c.Id == _bostad.Id));
    }

    [Fact]
    public async Task Validation_runs_in_the_handler_too()
    {
        var cmd = Fault();
        cmd.ClientsAffected = 10001;
        await Assert.ThrowsAsync<ValidationException>(() => Save().HandleAsync(cmd));
    }
}
