using ClosedXML.Excel;
using Ombud.Web.Features.SystemFaults;

namespace Ombud.Tests.Features.SystemFaults;

/// <summary>The fault list: what each user sees, the filters, the years and the pages.</summary>
public class ListFaultsTests : SystemFaultTestData
{
    [Fact]
    public async Task A_draft_is_its_authors_only_in_the_list_the_details_and_the_export()
    {
        var id = await SaveAsync(Fault("Utkast som bara författaren ser"));
        foreach (var other in new[] { _ombud2, _lead })
        {
            _t.User = other;
            Assert.Null(await Get().HandleAsync(id));
            foreach (var filter in new FaultFilter[]
            {
                new(),
                new(Status: FaultStatus.Draft),
                new(Ids: [id]),
                new(Status: FaultStatus.Draft, Ids: [id])
            })
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
    public async Task The_year_is_the_year_reported_to_the_steering_group_and_the_count_equals_the_yearly_reports()
    {
        var sept2025 = await MeetingAsync(new DateOnly(2025, 9, 1));
        var jan2026 = await MeetingAsync(new DateOnly(2026, 1, 15));
        var nov2026 = await MeetingAsync(new DateOnly(2026, 11, 20));
        async Task<int> Reported(string text, DateTime date, SteeringGroupMeeting meeting)
        {
            var id = await SaveAsync(Fault(text, date: date));
            await Step().HandleAsync(
                new ChangeFaultStatus.Command { FaultId = id, To = FaultStatus.ReportedToSteeringGroup, MeetingId = meeting.Id });
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
        Assert.Contains(
            ownDraft, (await List().HandleAsync(new ListFaults.Query(new FaultFilter(Year: 2026), 0, 200))).Rows.Select(r => r.Id));
        Assert.Equal([2026, 2025], (await List().HandleAsync(new ListFaults.Query(new FaultFilter()))).Years);
        Assert.Equal(
            new DateOnly(2026, 1, 15),
            (await List().HandleAsync(new ListFaults.Query(new FaultFilter(Year: 2026), 0, 200))).Rows.Single(r => r.Id == b).ReportedOn);
    }

    [Fact]
    public async Task Faults_naming_an_inactive_actor_can_be_filtered_and_the_filter_offers_it_marked()
    {
        var old = await _t.AddActorAsync(_unit.Id, "Gamla boendeenheten", active: false);
        await using (var db = _t.CreateContext()) // named while it was active
        {
            var fault = new SystemFault
            {
                UnitId = _unit.Id,
                ReportedById = _ombud.Id,
                Date = new DateOnly(2026, 2, 1),
                CategoryId = _bostad.Id,
                Level = FaultLevel.Local,
                Description = "Gammal"
            };
            fault.Actors.Add(await db.Actors.SingleAsync(a => a.Id == old.Id));
            db.SystemFaults.Add(fault);
            await db.SaveChangesAsync();
        }
        await SaveAsync(Fault("Annan"));
        var lookups = _t.Get<Lookups.Handler>();

        Assert.DoesNotContain(await lookups.ActorsAsync(), a => a.Id == old.Id);
        Assert.Equal("Gamla boendeenheten (inaktiv)", (await lookups.ActorsAsync(includeInactive: true)).Single(a => a.Id == old.Id).Name);
        Assert.Equal(
            ["Försäkringskassan", "Gamla boendeenheten (inaktiv)", "Psykiatrin"],
            (await lookups.ActorsAsync(includeInactive: true)).Select(a => a.Name));
        Assert.Equal(
            ["Gammal"], (await List().HandleAsync(new ListFaults.Query(new FaultFilter(ActorId: old.Id)))).Rows.Select(r => r.Description));
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
}
