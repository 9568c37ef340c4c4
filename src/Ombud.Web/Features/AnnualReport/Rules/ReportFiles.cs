using System.Text;
using ClosedXML.Excel;

namespace Ombud.Web.Features.AnnualReport;

/// <summary>
/// Writes the yearly report as files: .xlsx (a cover sheet plus one sheet per table) and CSV (one file, one section
/// per table). The download endpoints and the command line both use these writers, so the files are identical.
/// Every table has the columns: label · the year · the previous year · difference.
/// </summary>
public static class ReportFiles
{
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string CsvContentType = "text/csv; charset=utf-8";
    public const string CoverSheetName = "Försättsblad";
    public const string Title = "Årsrapport till Länsstyrelsen";

    public static string FileName(YearReport.Header h, string extension) =>
        $"arsrapport-{h.Year}{(h.Municipality is null ? "" : "-" + Slug(h.Municipality))}.{extension}";

    private static string Slug(string s)
    {
        var folded = new StringBuilder();
        foreach (var c in s.ToLowerInvariant())
            folded.Append(c switch { 'å' or 'ä' => 'a', 'ö' => 'o', 'é' => 'e', _ when char.IsAsciiLetterOrDigit(c) => c, _ => '-' });
        return folded.ToString().Trim('-');
    }

    private static (string Label, string Value)[] CoverLines(YearReport.Header h) =>
    [
        ("Enhet", h.Unit), ("År", h.Year.ToString(CultureInfo.InvariantCulture)),
        ("Jämförs med", h.PreviousYear.ToString(CultureInfo.InvariantCulture)), ("Kommun", h.MunicipalityText),
        ("Framtagen", Dates.Format(h.Produced)),
        .. h.PublicationThreshold is { } t ? new[] { ("Publicering", $"Ja: tal från 1 till {t} och det som kan räknas fram ur dem är dolda (–)") } : [],
    ];

    public static byte[] Xlsx(YearReport.Report report)
    {
        var h = report.Header;
        using var wb = new XLWorkbook();
        var cover = wb.Worksheets.Add(CoverSheetName);
        Text(cover.Cell(1, 1), Title);
        cover.Cell(1, 1).Style.Font.Bold = true;
        cover.Cell(1, 1).Style.Font.FontSize = 14;
        var lines = CoverLines(h);
        for (var i = 0; i < lines.Length; i++)
        {
            Text(cover.Cell(i + 3, 1), lines[i].Label);
            cover.Cell(i + 3, 1).Style.Font.Bold = true;
            Text(cover.Cell(i + 3, 2), lines[i].Value);
        }
        var r = lines.Length + 4;
        Text(cover.Cell(r, 1), "Flikar");
        cover.Cell(r, 1).Style.Font.Bold = true;
        foreach (var t in report.Tables) Text(cover.Cell(r++, 2), t.Title);
        Text(cover.Cell(r + 1, 1), "Definitionerna finns i Ombuds dokumentation (docs/statistics.md). Siffrorna påverkas inte av att klientuppgifter avidentifieras.");
        cover.Column(1).Width = 16;
        cover.Column(2).Width = 44;

        foreach (var t in report.Tables)
        {
            var ws = wb.Worksheets.Add(t.Title);
            string[] headings = [t.LabelHeading, h.Year.ToString(CultureInfo.InvariantCulture), h.PreviousYear.ToString(CultureInfo.InvariantCulture), "Skillnad"];
            for (var c = 0; c < headings.Length; c++) Text(ws.Cell(1, c + 1), headings[c]);
            var head = ws.Range(1, 1, 1, headings.Length);
            head.Style.Font.Bold = true;
            head.Style.Fill.BackgroundColor = XLColor.FromHtml("#DDEBF7");
            ws.SheetView.FreezeRows(1);
            var row = 2;
            foreach (var x in t.Rows)
            {
                Text(ws.Cell(row, 1), x.Label);
                Number(ws.Cell(row, 2), x.Value, x.ValueSuppressed);
                Number(ws.Cell(row, 3), x.Previous, x.PreviousSuppressed);
                Number(ws.Cell(row, 4), x.Difference, x.ValueSuppressed || x.PreviousSuppressed);
                row++;
            }
            if (t.Rows.Count == 0) Text(ws.Cell(row++, 1), "Inga klienter.");
            if (t.Note is not null) Text(ws.Cell(row + 1, 1), t.Note);
            ws.Column(1).Width = 44;
            ws.Columns(2, 4).Width = 12;
        }

        using var stream = new MemoryStream();
        wb.SaveAs(stream);
        return stream.ToArray();
    }

    /// <summary>
    /// CSV for Swedish Excel: UTF-8 with BOM, semicolons, CRLF, decimal comma. One file: a header block, then one section
    /// per table (the table's title on a line of its own, a heading line, the rows), sections separated by an empty line.
    /// </summary>
    public static byte[] Csv(YearReport.Report report)
    {
        var h = report.Header;
        var sb = new StringBuilder();
        void Line(params string[] cells) => sb.Append(string.Join(';', cells.Select(Cell))).Append("\r\n");
        Line(Title);
        foreach (var (label, value) in CoverLines(h)) Line(label, value);
        foreach (var t in report.Tables)
        {
            sb.Append("\r\n");
            Line(t.Title);
            Line(t.LabelHeading, h.Year.ToString(CultureInfo.InvariantCulture), h.PreviousYear.ToString(CultureInfo.InvariantCulture), "Skillnad");
            foreach (var x in t.Rows)
                Line(x.Label, Num(x.Value, x.ValueSuppressed), Num(x.Previous, x.PreviousSuppressed), Num(x.Difference, x.ValueSuppressed || x.PreviousSuppressed));
            if (t.Note is not null) Line(t.Note);
        }
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(sb.ToString())];
    }

    private static readonly CultureInfo Sv = CultureInfo.GetCultureInfo("sv-SE");

    /// <summary>A number as Swedish Excel reads it: decimal comma, plain ASCII minus; empty when missing.</summary>
    private static string Num(decimal? v, bool suppressed = false) =>
        suppressed ? Suppressed : v is { } x ? x.ToString("0.##", Sv).Replace('\u2212', '-') : "";

    /// <summary>A suppressed cell in the files (publication mode); a missing value stays empty.</summary>
    public const string Suppressed = "–";

    private static string Cell(string s) => CsvCell.Escape(s);

    private static void Text(IXLCell cell, string value)
    {
        cell.DataType = XLDataType.Text;
        cell.SetValue(value);
        cell.DataType = XLDataType.Text;
    }

    private static void Number(IXLCell cell, decimal? value, bool suppressed = false)
    {
        if (suppressed) Text(cell, Suppressed);
        if (value is null) return;
        cell.SetValue(value.Value); // General format: 3 and 3.5 as they are
    }
}
