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
        .. h.PublicationThreshold is { } t
            ? new[] { ("Publicering", $"Ja: tal från 1 till {t} och det som kan räknas fram ur dem är dolda (–)") }
            : [],
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
        if (report.Surveys is not null) Text(cover.Cell(r++, 2), SurveySheetName);
        Text(cover.Cell(r + 1, 1), "Definitionerna finns i Ombuds dokumentation (docs/statistics.md). "
            + "Siffrorna påverkas inte av att klientuppgifter avidentifieras.");
        cover.Column(1).Width = 16;
        cover.Column(2).Width = 44;

        foreach (var t in report.Tables)
        {
            var ws = wb.Worksheets.Add(t.Title);
            string[] headings =
            [
                t.LabelHeading, h.Year.ToString(CultureInfo.InvariantCulture), h.PreviousYear.ToString(CultureInfo.InvariantCulture),
                "Skillnad",
            ];
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

        if (report.Surveys is { } surveys) SurveySheet(wb.Worksheets.Add(SurveySheetName), report.Header, surveys);

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
            Line(t.LabelHeading, h.Year.ToString(CultureInfo.InvariantCulture), h.PreviousYear.ToString(CultureInfo.InvariantCulture),
                "Skillnad");
            foreach (var x in t.Rows)
            {
                Line(x.Label, Num(x.Value, x.ValueSuppressed), Num(x.Previous, x.PreviousSuppressed),
                    Num(x.Difference, x.ValueSuppressed || x.PreviousSuppressed));
            }
            if (t.Note is not null) Line(t.Note);
        }
        if (report.Surveys is { } surveys)
        {
            sb.Append("\r\n");
            foreach (var line in SurveyLines(h, surveys)) Line([.. line.Select(c => c.Text ?? Num(c.Number, c.Suppressed))]);
        }
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(sb.ToString())];
    }

    private static readonly CultureInfo Sv = CultureInfo.GetCultureInfo("sv-SE");

    /// <summary>The .xlsx sheet and the CSV section of the brukarundersökning (<see cref="YearSurveys"/>).</summary>
    public const string SurveySheetName = "Brukarundersökning";

    /// <summary>A cell of the survey section: a text, or a number (suppressed in publication mode: "–").</summary>
    private sealed record SurveyCell(string? Text, decimal? Number = null, bool Suppressed = false)
    {
        public static implicit operator SurveyCell(string text) => new(text);
        public static SurveyCell Of(int? count) => new(null, count, count is null);
        public static SurveyCell Of(decimal? value, bool suppressed) => new(null, value, suppressed && value is null);
    }

    /// <summary>
    /// The survey section, row by row: per round its name, period and response figures, then per question a heading
    /// line and its options (svar · antal · andel %); free texts that passed review under their question.
    /// </summary>
    private static List<SurveyCell[]> SurveyLines(YearReport.Header h, IReadOnlyList<YearSurveys.Round> surveys)
    {
        var publish = h.PublicationThreshold is not null;
        var lines = new List<SurveyCell[]> { new SurveyCell[] { SurveySheetName } };
        if (surveys.Count == 0)
            lines.Add(["Ingen brukarundersökning avslutades under " + h.Year.ToString(CultureInfo.InvariantCulture) + "."]);
        foreach (var s in surveys)
        {
            lines.Add([]);
            lines.Add([s.Name, $"{Dates.Format(s.OpensOn)}–{Dates.Format(s.ClosesOn)}"]);
            lines.Add(["Svar", SurveyCell.Of(s.Answers)]);
            lines.Add(["varav på webben", SurveyCell.Of(s.WebAnswers)]);
            lines.Add(["varav på papper", SurveyCell.Of(s.PaperAnswers)]);
            lines.Add(["Utdelade enkäter", SurveyCell.Of(s.FormsHandedOut)]);
            lines.Add(["Möjliga svarande", SurveyCell.Of(s.PossibleRespondents)]);
            lines.Add(["Inte tillfrågade", SurveyCell.Of(s.NotAsked)]);
            lines.Add(["Svarsfrekvens av möjliga svarande, %", SurveyCell.Of(s.RateOfPossible, publish)]);
            lines.Add(["Svarsfrekvens av utdelade enkäter, %", SurveyCell.Of(s.RateOfHandedOut, publish)]);
            foreach (var q in s.Questions)
            {
                lines.Add([]);
                lines.Add([$"{q.Number}. {q.Text}", "Antal", "Andel, %"]);
                lines.Add(["Besvarad av", SurveyCell.Of(q.Answered)]);
                foreach (var o in q.Options) lines.Add([o.Text, SurveyCell.Of(o.Count), SurveyCell.Of(o.Percent, publish)]);
                if (q.Mean is { } mean) lines.Add(["Medelvärde", new SurveyCell(null, (decimal)mean)]);
                foreach (var text in q.Texts) lines.Add(["Kommentar: " + text]);
            }
            foreach (var b in s.Breakdowns.Where(b => !b.Shown && b.Note is not null)) lines.Add([b.Note!]);
            if (s.AnySuppressed && h.PublicationThreshold is { } t) lines.Add([YearSurveys.Footnote(t)]);
        }
        return lines;
    }

    /// <summary>One round's results as a workbook of one sheet (the round page's download).</summary>
    public static byte[] SurveyXlsx(YearReport.Header h, YearSurveys.Round round)
    {
        using var wb = new XLWorkbook();
        SurveySheet(wb.Worksheets.Add(SurveySheetName), h, [round]);
        using var stream = new MemoryStream();
        wb.SaveAs(stream);
        return stream.ToArray();
    }

    private static void SurveySheet(IXLWorksheet ws, YearReport.Header h, IReadOnlyList<YearSurveys.Round> surveys)
    {
        var row = 1;
        foreach (var line in SurveyLines(h, surveys))
        {
            for (var c = 0; c < line.Length; c++)
            {
                var cell = ws.Cell(row, c + 1);
                if (line[c].Text is { } text) Text(cell, text);
                else Number(cell, line[c].Number, line[c].Suppressed);
            }
            if (line.Length == 3 && line[1].Text is "Antal") ws.Row(row).Style.Font.Bold = true; // a question's heading
            row++;
        }
        ws.Cell(1, 1).Style.Font.Bold = true;
        ws.Column(1).Width = 60;
        ws.Columns(2, 3).Width = 14;
    }

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
