using System.Text;
using ClosedXML.Excel;

namespace Ombud.Web.Features.Import;

/// <summary>
/// Reads an import file into a table of text cells: CSV (UTF-8 with or without BOM, <c>;</c> or <c>,</c> separated —
/// detected from the header row — quoted fields with doubled quotes and line breaks, as Swedish Excel writes them) or
/// .xlsx (the first worksheet). Knows nothing about columns' meaning: that is <see cref="ImportPlanner"/>'s job.
/// </summary>
public static class ImportFile
{
    /// <summary>Largest file accepted (the page and the handler both check it).</summary>
    public const long MaxBytes = 5 * 1024 * 1024;
    /// <summary>Most data rows in one file.</summary>
    public const int MaxRows = 10_000;

    /// <summary>One data row: its row number as the spreadsheet shows it (the header is row 1) and its cells.</summary>
    public sealed record Row(int Number, IReadOnlyList<string> Cells);

    /// <summary>The header cells and the non-empty data rows (blank rows, e.g. Excel's trailing ones, are left out).</summary>
    public sealed record Table(IReadOnlyList<string> Headers, IReadOnlyList<Row> Rows);

    /// <summary>Reads the file; throws <see cref="DomainException"/> with a Swedish message when it cannot be read at all.</summary>
    public static Table Read(string fileName, byte[] content)
    {
        if (content.Length == 0) throw new DomainException("Filen är tom.");
        if (content.Length > MaxBytes) throw new DomainException($"Filen är för stor. Största tillåtna storlek är {MaxBytes / (1024 * 1024)} MB.");
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        var rows = extension switch
        {
            ".xlsx" => ReadXlsx(content),
            ".csv" or ".txt" => ReadCsv(Decode(content)),
            _ => throw new DomainException("Filen måste vara en CSV-fil (.csv) eller en Excel-fil (.xlsx)."),
        };
        if (rows.Count == 0 || rows[0].Cells.All(string.IsNullOrWhiteSpace))
            throw new DomainException("Filen saknar rubrikrad. Första raden ska innehålla kolumnnamnen, t.ex. Klientkod;Startdatum.");
        var header = rows[0];
        var data = rows.Skip(1).Where(r => r.Cells.Any(c => !string.IsNullOrWhiteSpace(c))).ToList();
        if (data.Count == 0) throw new DomainException("Filen innehåller bara en rubrikrad och inga uppdrag.");
        if (data.Count > MaxRows) throw new DomainException($"Filen har {data.Count} rader. Högst {MaxRows} rader kan importeras åt gången: dela upp filen.");
        return new Table(header.Cells.Select(Clean).ToList(), data.Select(r => new Row(r.Number, r.Cells.Select(Clean).ToList())).ToList());
    }

    /// <summary>Trimmed, Unicode-normalised (NFC: "å" typed on a Mac matches "å" typed on Windows).</summary>
    private static string Clean(string s) => s.Trim().Normalize(NormalizationForm.FormC);

    /// <summary>UTF-8 (BOM optional). A file that is not valid UTF-8 is read as Latin-1, which is what older Swedish Excel saves.</summary>
    internal static string Decode(byte[] content)
    {
        var start = content.Length >= 3 && content[0] == 0xEF && content[1] == 0xBB && content[2] == 0xBF ? 3 : 0;
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(content, start, content.Length - start);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.Latin1.GetString(content);
        }
    }

    /// <summary>Parses CSV text. The separator is the one of <c>;</c> and <c>,</c> that occurs most often (outside quotes) in the first line.</summary>
    internal static List<Row> ReadCsv(string text)
    {
        var separator = DetectSeparator(text);
        var rows = new List<Row>();
        var cells = new List<string>();
        var cell = new StringBuilder();
        var inQuotes = false;
        var line = 1;
        var rowStart = 1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i++; }
                    else inQuotes = false;
                }
                else
                {
                    if (c == '\n') line++;
                    cell.Append(c);
                }
                continue;
            }
            if (c == '"' && cell.ToString().Trim().Length == 0) { cell.Clear(); inQuotes = true; }
            else if (c == separator) { cells.Add(cell.ToString()); cell.Clear(); }
            else if (c == '\r' || c == '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                cells.Add(cell.ToString());
                cell.Clear();
                rows.Add(new Row(rowStart, cells));
                cells = [];
                line++;
                rowStart = line;
            }
            else cell.Append(c);
        }
        if (inQuotes) throw new DomainException($"Filen slutar mitt i ett citerat fält (citattecknet på rad {rowStart} avslutas aldrig).");
        if (cell.Length > 0 || cells.Count > 0)
        {
            cells.Add(cell.ToString());
            rows.Add(new Row(rowStart, cells));
        }
        return rows;
    }

    private static char DetectSeparator(string text)
    {
        int semicolons = 0, commas = 0;
        var inQuotes = false;
        foreach (var c in text)
        {
            if (c == '"') inQuotes = !inQuotes;
            else if (!inQuotes && c is '\r' or '\n') break;
            else if (!inQuotes && c == ';') semicolons++;
            else if (!inQuotes && c == ',') commas++;
        }
        return commas > semicolons ? ',' : ';';
    }

    /// <summary>The first worksheet. Date cells become YYYY-MM-DD, whole numbers lose their decimals; everything else is the cell's text.</summary>
    private static List<Row> ReadXlsx(byte[] content)
    {
        XLWorkbook workbook;
        try
        {
            workbook = new XLWorkbook(new MemoryStream(content));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new DomainException("Excel-filen kunde inte läsas. Kontrollera att det är en .xlsx-fil (inte .xls) och att den inte är lösenordsskyddad.");
        }
        using (workbook)
        {
            var sheet = workbook.Worksheets.FirstOrDefault() ?? throw new DomainException("Excel-filen har inget kalkylblad.");
            var used = sheet.RangeUsed();
            if (used is null) return [];
            var lastColumn = used.LastColumn().ColumnNumber();
            var lastRow = used.LastRow().RowNumber();
            if (lastRow > MaxRows + 1000) throw new DomainException($"Excel-filen har för många rader. Högst {MaxRows} rader kan importeras åt gången.");
            var rows = new List<Row>();
            for (var r = 1; r <= lastRow; r++)
            {
                var cells = new List<string>(lastColumn);
                for (var c = 1; c <= lastColumn; c++) cells.Add(CellText(sheet.Cell(r, c)));
                rows.Add(new Row(r, cells));
            }
            return rows;
        }
    }

    private static string CellText(IXLCell cell)
    {
        if (cell.IsEmpty()) return "";
        switch (cell.DataType)
        {
            case XLDataType.DateTime:
                return cell.GetDateTime().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            case XLDataType.Number:
                var d = cell.GetDouble();
                return d == Math.Floor(d) && Math.Abs(d) < 1e15
                    ? ((long)d).ToString(CultureInfo.InvariantCulture)
                    : d.ToString(CultureInfo.InvariantCulture);
            default:
                return cell.GetString();
        }
    }
}
