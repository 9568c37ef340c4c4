using System.Text.Json;
using System.Text.Json.Nodes;
using ClosedXML.Excel;
using Ombud.Web.Features.AnnualReport;

namespace Ombud.Web.Features.Region;

/// <summary>
/// The roll-up laid out for reading: each table of the yearly report with one column per unit and the sum
/// (<see cref="Grid"/>, the page and the overview sheet), as .xlsx (a cover sheet, the overview, one sheet per unit and
/// one for the sum, each with the unit's tables one under the other) and as JSON (the sum in the yearly report's
/// documented shape, plus <c>units</c>: each unit's report in the same shape with its name). Pure.
/// </summary>
public static class RollUpFiles
{
    public const string OverviewSheetName = "Sammanställning";

    /// <summary>
    /// A cell of the grid: the value, or suppressed ("–"); Missing = the unit has no such row (e.g. another unit's municipality).
    /// </summary>
    public sealed record Cell(decimal? Value, bool Suppressed, bool Missing = false)
    {
        public string Text => Missing ? "" : Suppressed ? ReportFiles.Suppressed : YearReport.Format(Value);
    }

    public sealed record GridRow(string Label, IReadOnlyList<Cell> Units, Cell Sum);

    public sealed record GridTable(string Key, string Title, string LabelHeading, IReadOnlyList<GridRow> Rows, bool HasSuppressed);

    /// <summary>The year's figures of every table: a row per label of the sum's table, a cell per unit and the sum.</summary>
    public static IReadOnlyList<GridTable> Grid(RollUpYearReport.RollUp r) => r.Sum.Tables.Select(t =>
    {
        var rows = t.Rows.Select(row => new GridRow(row.Label,
            r.Units.Select(u => UnitCell(u.Report, t, row)).ToList(),
            new Cell(row.Value, row.ValueSuppressed))).ToList();
        return new GridTable(t.Key, t.Title, t.LabelHeading, rows, rows.Any(x => x.Sum.Suppressed || x.Units.Any(c => c.Suppressed)));
    }).ToList();

    /// <summary>
    /// A unit's cell for a row of the sum's table: the unit's own row; where the unit has none, Missing in a table about
    /// the unit (<see cref="Publication.UnitTables"/>) or for a median or quartile, otherwise 0.
    /// </summary>
    private static Cell UnitCell(YearReport.Report report, YearReport.Table sumTable, YearReport.Row sumRow) =>
        report.Tables.FirstOrDefault(x => x.Key == sumTable.Key)?.Rows.FirstOrDefault(x => x.JsonName == sumRow.JsonName) is { } own
            ? new Cell(own.Value, own.ValueSuppressed)
            : Publication.UnitTables.Contains(sumTable.Key) || sumRow.DependsOn is not null
                ? new Cell(null, false, Missing: true)
                : new Cell(0, false);

    public static string FileName(RollUpYearReport.RollUp r, string extension) => $"regional-sammanstallning-{r.Year}.{extension}";

    /// <summary>Sheet names: at most 31 characters, none of : \ / ? * [ ], unique (case-insensitive) in the workbook.</summary>
    private static string SheetName(string name, HashSet<string> taken)
    {
        var clean = new string(name.Select(c => ":\\/?*[]".Contains(c) ? '-' : c).ToArray()).Trim().Trim('\'');
        if (clean.Length == 0) clean = "Enhet";
        var candidate = clean.Length > 31 ? clean[..31] : clean;
        for (var n = 2; !taken.Add(candidate); n++)
        {
            var suffix = $" ({n})";
            candidate = (clean.Length + suffix.Length > 31 ? clean[..(31 - suffix.Length)] : clean) + suffix;
        }
        return candidate;
    }

    public static byte[] Xlsx(RollUpYearReport.RollUp r)
    {
        using var wb = new XLWorkbook();
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var cover = wb.Worksheets.Add(SheetName(ReportFiles.CoverSheetName, taken));
        Text(cover.Cell(1, 1), "Regional sammanställning av årsrapporterna");
        cover.Cell(1, 1).Style.Font.Bold = true;
        cover.Cell(1, 1).Style.Font.FontSize = 14;
        (string, string)[] lines =
        [
            ("År", r.Year.ToString(CultureInfo.InvariantCulture)), ("Jämförs med", (r.Year - 1).ToString(CultureInfo.InvariantCulture)),
            ("Enheter", string.Join(", ", r.Units.Select(u => u.Name))), ("Framtagen", Dates.Format(r.Sum.Header.Produced)),
            ("Publicering", $"Ja: tal från 1 till {r.Threshold} och det som kan räknas fram ur dem, "
                + "också ur summan och de andra enheterna, är dolda (–)"),
        ];
        for (var i = 0; i < lines.Length; i++)
        {
            Text(cover.Cell(i + 3, 1), lines[i].Item1);
            cover.Cell(i + 3, 1).Style.Font.Bold = true;
            Text(cover.Cell(i + 3, 2), lines[i].Item2);
        }
        Text(cover.Cell(lines.Length + 4, 1), "Definitionerna finns i Ombuds dokumentation (docs/statistics.md).");
        cover.Column(1).Width = 16;
        cover.Column(2).Width = 60;

        // the overview: the year's figures, a column per unit and the sum
        var overview = wb.Worksheets.Add(SheetName(OverviewSheetName, taken));
        var row = 1;
        foreach (var t in Grid(r))
        {
            string[] headings = [t.Title, .. r.Units.Select(u => u.Name), RollUpYearReport.SumName];
            for (var c = 0; c < headings.Length; c++) Text(overview.Cell(row, c + 1), headings[c]);
            Heading(overview.Range(row, 1, row, headings.Length));
            row++;
            foreach (var x in t.Rows)
            {
                Text(overview.Cell(row, 1), x.Label);
                for (var c = 0; c < x.Units.Count; c++) Value(overview.Cell(row, c + 2), x.Units[c]);
                Value(overview.Cell(row, x.Units.Count + 2), x.Sum);
                row++;
            }
            row++;
        }
        Text(overview.Cell(row, 1), Publication.Footnote(r.Threshold));
        overview.Column(1).Width = 44;
        overview.Columns(2, r.Units.Count + 2).Width = 14;

        foreach (var (name, report) in r.Units.Select(u => (u.Name, u.Report)).Append((RollUpYearReport.SumName, r.Sum)))
            ReportSheet(wb.Worksheets.Add(SheetName(name, taken)), name, report);

        using var stream = new MemoryStream();
        wb.SaveAs(stream);
        return stream.ToArray();
    }

    /// <summary>One unit's (or the sum's) tables one under the other: label · the year · the previous year · difference.</summary>
    private static void ReportSheet(IXLWorksheet ws, string name, YearReport.Report report)
    {
        var h = report.Header;
        Text(ws.Cell(1, 1), name);
        ws.Cell(1, 1).Style.Font.Bold = true;
        var row = 3;
        foreach (var t in report.Tables)
        {
            string[] headings =
                [t.Title, h.Year.ToString(CultureInfo.InvariantCulture), h.PreviousYear.ToString(CultureInfo.InvariantCulture), "Skillnad"];
            for (var c = 0; c < headings.Length; c++) Text(ws.Cell(row, c + 1), headings[c]);
            Heading(ws.Range(row, 1, row, headings.Length));
            row++;
            foreach (var x in t.Rows)
            {
                Text(ws.Cell(row, 1), x.Label);
                Value(ws.Cell(row, 2), new Cell(x.Value, x.ValueSuppressed));
                Value(ws.Cell(row, 3), new Cell(x.Previous, x.PreviousSuppressed));
                Value(ws.Cell(row, 4), new Cell(x.Difference, x.ValueSuppressed || x.PreviousSuppressed));
                row++;
            }
            if (t.Note is not null) Text(ws.Cell(row++, 1), t.Note);
            row++;
        }
        ws.Column(1).Width = 44;
        ws.Columns(2, 4).Width = 12;
    }

    private static void Heading(IXLRange range)
    {
        range.Style.Font.Bold = true;
        range.Style.Fill.BackgroundColor = XLColor.FromHtml("#DDEBF7");
    }

    private static void Text(IXLCell cell, string value)
    {
        cell.DataType = XLDataType.Text;
        cell.SetValue(value);
        cell.DataType = XLDataType.Text;
    }

    private static void Value(IXLCell cell, Cell value)
    {
        if (value.Suppressed) Text(cell, ReportFiles.Suppressed);
        else if (value.Value is { } v) cell.SetValue(v);
    }

    /// <summary>
    /// The sum's JSON exactly as <c>report --format json --publish</c> writes one report (the same keys, suppressed counts
    /// null, <c>publication</c>), with a <c>units</c> array beside it: each unit's report in the same shape plus <c>unit</c>
    /// (its name), in the roll-up's order.
    /// </summary>
    public static string Json(RollUpYearReport.RollUp r)
    {
        var root = JsonNode.Parse(ReportJson.Serialize(r.Sum))!.AsObject();
        var units = new JsonArray();
        foreach (var u in r.Units)
        {
            var one = JsonNode.Parse(ReportJson.Serialize(u.Report))!.AsObject();
            one.Remove("publication");
            var named = new JsonObject { ["unit"] = u.Name };
            foreach (var (key, value) in one.ToList())
            {
                one.Remove(key);
                named[key] = value;
            }
            units.Add(named);
        }
        root["units"] = units;
        return root.ToJsonString(new JsonSerializerOptions
        {
            WriteIndented = true,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });
    }
}
