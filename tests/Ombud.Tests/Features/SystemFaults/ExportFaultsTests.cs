using ClosedXML.Excel;
using Ombud.Web.Features.SystemFaults;

namespace Ombud.Tests.Features.SystemFaults;

/// <summary>The fault export (xlsx): which faults, which texts, and the selection sheet.</summary>
public class ExportFaultsTests : SystemFaultTestData
{
    [Fact]
    public async Task The_export_leaves_out_a_flagged_text_and_counts_it_on_the_Urval_sheet()
    {
        var clean = await SaveAsync(Fault("Väntetiden är lång"));
        var phone = Fault("Handläggaren på 070-123 45 67 svarar inte");
        phone.ConfirmPersonalData = true;
        var flagged = await SaveAsync(phone);
        await using (var db = _t.CreateContext()) // saved before the refusal existed
            await db.SystemFaults.Where(f => f.Id == clean)
                .ExecuteUpdateAsync(u => u.SetProperty(f => f.Consequence, "Gäller 19850505-1234"));

        var file = await Export().HandleAsync(new FaultFilter(Status: FaultStatus.Draft));

        using var wb = new XLWorkbook(new MemoryStream(file.Content));
        var ws = wb.Worksheet(ExportFaults.SheetName);
        var rows = ws.RowsUsed().Skip(1).ToDictionary(r => r.Cell(1).GetValue<int>());
        Assert.Equal(("Väntetiden är lång", ExportFaults.LeftOut), (rows[clean].Cell(6).GetString(), rows[clean].Cell(7).GetString()));
        Assert.Equal(
            (ExportFaults.LeftOut, "Klienter blir utan behandling."),
            (rows[flagged].Cell(6).GetString(), rows[flagged].Cell(7).GetString()));
        Assert.DoesNotContain(
            wb.Worksheets.SelectMany(w => w.CellsUsed()),
            c => c.GetString().Contains("1234") || c.GetString().Contains("070-"));
        var urval = wb.Worksheet("Urval").RowsUsed().Single(r => r.Cell(1).GetString() == ExportFaults.LeftOutHeading);
        Assert.Equal("2", urval.Cell(2).GetString());
    }

    public static TheoryData<string> Filters() =>
        ["", "year=2026", "year=2025", "category=BOSTAD", "level=Local", "status=ReportedToSteeringGroup",
        "actor=FK", "year=2026&category=BOSTAD&level=Central&status=ReportedToSteeringGroup&actor=PA", "year=2024"];

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
    public async Task Drafts_are_left_out_of_the_export_unless_Utkast_is_chosen_and_others_drafts_always()
    {
        var reported = await SaveAsync(Fault("Rapporterad"));
        await Step().HandleAsync(
            new ChangeFaultStatus.Command
            {
                FaultId = reported,
                To = FaultStatus.ReportedToSteeringGroup,
                MeetingId = (await MeetingAsync()).Id
            });
        var mine = await SaveAsync(Fault("Mitt utkast"));
        _t.User = _ombud2;
        var theirs = await SaveAsync(Fault("Någon annans utkast"));
        _t.User = _ombud;
        async Task<int[]> Listed(FaultFilter f) =>
            (await List().HandleAsync(new ListFaults.Query(f, 0, 200))).Rows.Select(r => r.Id).Order().ToArray();
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
        await Step().HandleAsync(
            new ChangeFaultStatus.Command
            {
                FaultId = reported,
                To = FaultStatus.ReportedToSteeringGroup,
                MeetingId = (await MeetingAsync()).Id
            });
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
        Assert.Equal(
            new[] { reported, draft }.Order(),
            wb.Worksheet(ExportFaults.SheetName).RowsUsed().Skip(1).Select(r => r.Cell(1).GetValue<int>()).Order());
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
            await Step().HandleAsync(
                new ChangeFaultStatus.Command { FaultId = id, To = FaultStatus.ReportedToSteeringGroup, MeetingId = meeting.Id });
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
}
