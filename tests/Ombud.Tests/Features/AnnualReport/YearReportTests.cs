using System.Text;
using ClosedXML.Excel;
using FluentValidation;
using Ombud.Web.Features.AnnualReport;
using static Ombud.Web.Features.AnnualReport.AnnualStatistics;

namespace Ombud.Tests.Features.AnnualReport;

/// <summary>The previous-year comparison and the .xlsx/CSV writers (one model, several outputs).</summary>
public class YearReportTests
{
    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    private static MandateFact M(int client, DateOnly start, DateOnly? closed = null, Gender g = Gender.Woman, int? born = 1980,
        string referral = "Egen kontakt", params string[] reasons) =>
        new(client, g, born, ChildrenAtHome.No, start, closed, referral,
            closed is null ? null : "Uppdraget slutfört", reasons.Length == 0 ? ["Ekonomi"] : reasons);

    /// <summary>
    /// 2024: clients 1 (woman) and 2 (man, closed in 2024, referred by Psykiatrin). 2025: clients 1 and 3 (woman, new, born 1970).
    /// </summary>
    private static YearReport.Report Sample(string? municipality = null)
    {
        MandateFact[] facts =
        [
            M(1, D(2023, 3, 1)),
            M(2, D(2024, 2, 1), D(2024, 10, 1), Gender.Man, referral: "Psykiatrin", reasons: "Bostad"),
            M(3, D(2025, 4, 1), born: 1970, reasons: ["Ekonomi", "Bostad"]),
        ];
        var current = Compute(2025, facts) with
        {
            Fte = 3.5m,
            SteeringGroupMeetings = 4,
            SteeringGroupOrganisations = ["Försäkringskassan", "Region Demo"],
        };
        var previous = Compute(2024, facts) with { SteeringGroupMeetings = 3 };
        return YearReport.Build(new YearReport.Header("Testenheten", 2025, municipality, D(2026, 1, 10)), current, previous);
    }

    [Fact]
    public void Every_row_has_the_year_the_previous_year_and_the_difference()
    {
        var r = Sample();
        var clients = r["clients"].Rows;
        Assert.Equal(["Totalt", "Kvinnor", "Män", "Annat", "Uppgift saknas"], clients.Select(x => x.Label));
        Assert.Equal(new YearReport.Row("Totalt", 2, 2), clients[0]);
        Assert.Equal(0, clients[0].Difference);
        Assert.Equal(new YearReport.Row("Kvinnor", 2, 1), clients[1]);
        Assert.Equal(1, clients[1].Difference);
        Assert.Equal(-1, clients[2].Difference); // Män: 0 − 1
        Assert.Equal(new YearReport.Row("Totalt", 1, 1), r["new-clients"].Rows[0]);
        Assert.Equal(new YearReport.Row("Totalt", 0, 1), r["closed-clients"].Rows[0]);
        Assert.Equal(new YearReport.Row("50–64 år", 1, 0), r["age-groups"].Rows[2]);
        Assert.Equal(new YearReport.Row("Möten under året", 4, 3), r["steering-group"].Rows[0]);
        Assert.Contains("Försäkringskassan, Region Demo", r["steering-group"].Note);
    }

    [Fact]
    public void A_category_only_the_previous_year_had_is_kept_with_zero_this_year_and_a_missing_fte_has_no_difference()
    {
        var r = Sample();
        var referral = r["referral-paths"].Rows;
        Assert.Equal(new YearReport.Row("Egen kontakt", 2, 1), referral[0]);
        Assert.Equal(new YearReport.Row("Psykiatrin", 0, 1), referral[1]);
        Assert.Equal(-1, referral[1].Difference);
        Assert.Equal(["Ekonomi", "Bostad"], r["contact-reasons"].Rows.Select(x => x.Label)); // this year's order: most clients first
        var fte = Assert.Single(r["fte"].Rows);
        Assert.Equal(3.5m, fte.Value);
        Assert.Null(fte.Previous);
        Assert.Null(fte.Difference);
        Assert.Equal("–", YearReport.FormatDifference(fte.Difference));
        Assert.Equal("3,5", YearReport.Format(fte.Value));
        Assert.Equal("−1", YearReport.FormatDifference(-1));
        Assert.Equal("+2", YearReport.FormatDifference(2));
    }

    [Fact]
    public void Table_titles_are_valid_unique_sheet_names()
    {
        var titles = Sample().Tables.Select(t => t.Title).ToList();
        Assert.Equal(titles.Count, titles.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(titles, t => Assert.True(t.Length <= 31 && t.IndexOfAny(['/', '\\', '?', '*', '[', ']', ':']) < 0, t));
    }

    [Fact]
    public void The_xlsx_has_a_cover_sheet_and_one_sheet_per_table_with_both_years_and_the_difference()
    {
        var report = Sample("Demostad");
        using var wb = new XLWorkbook(new MemoryStream(ReportFiles.Xlsx(report)));
        Assert.Equal([ReportFiles.CoverSheetName, .. report.Tables.Select(t => t.Title)], wb.Worksheets.Select(w => w.Name));

        var cover = wb.Worksheet("Försättsblad");
        Assert.Equal("Årsrapport till Länsstyrelsen", cover.Cell(1, 1).GetString());
        Assert.Equal(["Enhet", "År", "Jämförs med", "Kommun", "Framtagen"],
            Enumerable.Range(3, 5).Select(r => cover.Cell(r, 1).GetString()));
        Assert.Equal(["Testenheten", "2025", "2024", "Demostad", "2026-01-10"],
            Enumerable.Range(3, 5).Select(r => cover.Cell(r, 2).GetString()));

        var clients = wb.Worksheet("Klienter under året");
        Assert.Equal(["Kön", "2025", "2024", "Skillnad"], Enumerable.Range(1, 4).Select(c => clients.Cell(1, c).GetString()));
        Assert.Equal("Kvinnor", clients.Cell(3, 1).GetString());
        Assert.Equal(2, clients.Cell(3, 2).GetDouble());
        Assert.Equal(1, clients.Cell(3, 3).GetDouble());
        Assert.Equal(1, clients.Cell(3, 4).GetDouble());
        Assert.Equal(-1, wb.Worksheet("Kontaktvägar").Cell(3, 4).GetDouble());

        var fte = wb.Worksheet("Årsarbetare");
        Assert.Equal(3.5, fte.Cell(2, 2).GetDouble());
        Assert.True(fte.Cell(2, 3).IsEmpty()); // not entered for 2024
        Assert.True(fte.Cell(2, 4).IsEmpty());
    }

    [Fact]
    public void The_xlsx_says_all_municipalities_when_none_is_chosen()
    {
        using var wb = new XLWorkbook(new MemoryStream(ReportFiles.Xlsx(Sample())));
        Assert.Equal("Alla kommuner", wb.Worksheet("Försättsblad").Cell(6, 2).GetString());
        Assert.Equal("arsrapport-2025.xlsx", ReportFiles.FileName(Sample().Header, "xlsx"));
        Assert.Equal("arsrapport-2025-malmo.csv", ReportFiles.FileName(Sample("Malmö").Header, "csv"));
    }

    [Fact]
    public void The_csv_is_utf8_with_bom_semicolons_and_one_section_per_table_for_swedish_excel()
    {
        var bytes = ReportFiles.Csv(Sample());
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        var lines = text.Split("\r\n");
        Assert.Equal("Årsrapport till Länsstyrelsen", lines[0]);
        Assert.Equal("Kommun;Alla kommuner", lines[4]);
        Assert.Contains("\r\n\r\nKlienter under året\r\nKön;2025;2024;Skillnad\r\nTotalt;2;2;0\r\nKvinnor;2;1;1\r\nMän;0;1;-1\r\n", text);
        Assert.Contains("\r\nÅrsarbetare\r\nUppgift;2025;2024;Skillnad\r\nÅrsarbetare;3,5;;\r\n", text);
        Assert.Equal(Sample().Tables.Count, Sample().Tables.Count(t => lines.Contains(t.Title)));
    }

    [Fact]
    public void Csv_cells_are_quoted_when_needed_and_never_read_as_formulas()
    {
        var f = Compute(2025, [M(1, D(2025, 1, 1), referral: "=HYPERLINK(\"x\")"), M(2, D(2025, 1, 1), referral: "A; B")]);
        var r = YearReport.Build(new YearReport.Header("Enhet", 2025, null, D(2025, 6, 1)), f, Compute(2024, []));
        var text = Encoding.UTF8.GetString(ReportFiles.Csv(r));
        Assert.Contains("\r\n\"'=HYPERLINK(\"\"x\"\")\";1;0;1\r\n", text);
        Assert.Contains("\r\n\"A; B\";1;0;1\r\n", text);
    }
}

public sealed class SaveFteTests : IAsyncLifetime
{
    private TestDb _t = null!;
    private Unit _unit = null!;

    public async Task InitializeAsync()
    {
        _t = await TestDb.CreateAsync();
        _unit = await _t.AddUnitAsync();
    }

    public async Task DisposeAsync() => await _t.DisposeAsync();

    private SaveFte.Handler Handler() => _t.Get<SaveFte.Handler>();

    [Fact]
    public async Task The_lead_saves_one_value_per_year_and_saving_again_replaces_it()
    {
        _t.User = await _t.AddUserAsync(_unit.Id, Roles.UnitLead);
        await Handler().HandleAsync(new SaveFte.Command { Year = 2025, Fte = 3.5m });
        await Handler().HandleAsync(new SaveFte.Command { Year = 2025, Fte = 4.25m });
        await Handler().HandleAsync(new SaveFte.Command { Year = 2024, Fte = 3m });
        await using var db = _t.CreateContext();
        Assert.Equal([(2024, 3m), (2025, 4.25m)], db.UnitYearFtes
            .Where(x => x.UnitId == _unit.Id)
            .OrderBy(x => x.Year)
            .AsEnumerable()
            .Select(x => (x.Year, x.Fte)));
        var f = await WithUnitFiguresAsync(Compute(2025, []), db, _unit.Id, new DateOnly(2025, 6, 1), default);
        Assert.Equal(4.25m, f.Fte);
        Assert.Null((await WithUnitFiguresAsync(Compute(2023, []), db, _unit.Id, new DateOnly(2025, 6, 1), default)).Fte);
    }

    [Fact]
    public async Task An_admin_may_too_but_an_ombud_may_not()
    {
        _t.User = TestDb.Admin(_unit.Id);
        await Handler().HandleAsync(new SaveFte.Command { Year = 2025, Fte = 1m });
        _t.User = TestDb.Ombud(_unit.Id);
        var ex = await Assert.ThrowsAsync<DomainException>(() => Handler().HandleAsync(new SaveFte.Command { Year = 2025, Fte = 2m }));
        Assert.Contains("enhetschef", ex.Message);
    }

    [Theory]
    [InlineData(null, "Ange antal årsarbetare.")]
    [InlineData("-0.5", "Årsarbetare ska vara mellan 0 och 1000.")]
    [InlineData("1000.01", "Årsarbetare ska vara mellan 0 och 1000.")]
    [InlineData("3.555", "Ange högst två decimaler, till exempel 3,5.")]
    public async Task Bad_values_are_refused_in_swedish(string? fte, string message)
    {
        _t.User = await _t.AddUserAsync(_unit.Id, Roles.UnitLead);
        var cmd = new SaveFte.Command
        {
            Year = 2025,
            Fte = fte is null ? null : decimal.Parse(fte, System.Globalization.CultureInfo.InvariantCulture),
        };
        var ex = await Assert.ThrowsAsync<ValidationException>(() => Handler().HandleAsync(cmd));
        Assert.Contains(message, ex.Errors.Select(e => e.ErrorMessage));
        Assert.True(new SaveFte.Validator().Validate(new SaveFte.Command { Year = 2025, Fte = 0m }).IsValid);
        Assert.True(new SaveFte.Validator().Validate(new SaveFte.Command { Year = 2025, Fte = 1000m }).IsValid);
    }
}
