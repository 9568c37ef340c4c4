using System.Text;

namespace Ombud.Web.Features.Import;

/// <summary>
/// Reads an import file into a table of text cells: CSV read with CsvHelper (UTF-8 with or without BOM, UTF-16 with BOM,
/// Latin-1 as a fallback; <c>;</c> or <c>,</c> separated — detected from the header row — quoted fields with doubled
/// quotes and line breaks, as Swedish Excel writes them) or
/// .xlsx (the first worksheet). Knows nothing about columns' meaning: that is <see cref="ImportPlanner"/>'s job.
/// </summary>
public static class ImportFile
{
    /// <summary>Largest file accepted (the page and the handler both check it).</summary>
    public const long MaxBytes = 5 * 1024 * 1024;
    /// <summary>Most data rows in one file.</summary>
    public const int MaxRows = 10_000;
    /// <summary>Most columns read from an .xlsx worksheet's used range.</summary>
    public const int MaxColumns = 100;

    /// <summary>One data row: its row number as the spreadsheet shows it (the header is row 1) and its cells.</summary>
    public sealed record Row(int Number, IReadOnlyList<string> Cells);

    /// <summary>The header cells and the non-empty data rows (blank rows, e.g. Excel's trailing ones, are left out).</summary>
    public sealed record Table(IReadOnlyList<string> Headers, IReadOnlyList<Row> Rows);

    /// <summary>Reads the file; throws <see cref="DomainException"/> with a Swedish message when it cannot be read at all.</summary>
    public static Table Read(string fileName, byte[] content)
    {
        if (content.Length == 0) throw new DomainException("Filen är tom.");
        if (content.Length > MaxBytes)
            throw new DomainException($"Filen är för stor. Största tillåtna storlek är {MaxBytes / (1024 * 1024)} MB.");
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
        if (data.Count > MaxRows)
            throw new DomainException($"Filen har {data.Count} rader. Högst {MaxRows} rader kan importeras åt gången: dela upp filen.");
        return new Table(header.Cells.Select(Clean).ToList(), data.Select(r => new Row(r.Number, r.Cells.Select(Clean).ToList())).ToList());
    }

    /// <summary>Trimmed, Unicode-normalised (NFC: "å" typed on a Mac matches "å" typed on Windows).</summary>
    private static string Clean(string s) => s.Trim().Normalize(NormalizationForm.FormC);

    /// <summary>
    /// UTF-8 (BOM optional), or UTF-16/UTF-32 with a byte order mark ("Unicode-text" from Excel). A file that is not valid
    /// UTF-8 is read as Latin-1, which is what older Swedish Excel saves. A file with NUL bytes but no byte order mark is
    /// UTF-16 that cannot be told apart from binary data: refused with advice to save it as CSV UTF-8.
    /// </summary>
    internal static string Decode(byte[] content)
    {
        var bom = content.AsSpan(0, Math.Min(4, content.Length));
        Encoding? unicode = bom switch
        {
            [0xFF, 0xFE, 0x00, 0x00] => new UTF32Encoding(bigEndian: false, byteOrderMark: true, throwOnInvalidCharacters: true),
            [0x00, 0x00, 0xFE, 0xFF] => new UTF32Encoding(bigEndian: true, byteOrderMark: true, throwOnInvalidCharacters: true),
            [0xFF, 0xFE, ..] => new UnicodeEncoding(bigEndian: false, byteOrderMark: true, throwOnInvalidBytes: true),
            [0xFE, 0xFF, ..] => new UnicodeEncoding(bigEndian: true, byteOrderMark: true, throwOnInvalidBytes: true),
            _ => null,
        };
        if (unicode is not null)
        {
            var skip = unicode.Preamble.Length;
            try
            {
                return unicode.GetString(content, skip, content.Length - skip);
            }
            catch (DecoderFallbackException)
            {
                throw new DomainException(SaveAsUtf8);
            }
        }
        if (content.AsSpan().Contains((byte)0)) throw new DomainException(SaveAsUtf8);
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

    private const string SaveAsUtf8 =
        "Filens teckenkodning känns inte igen (den verkar vara sparad som Unicode-text). Spara den i Excel som \"CSV UTF-8 " +
        "(kommaavgränsad)\" och försök igen.";

    /// <summary>
    /// Text from a file made safe to show in a message: control characters (line breaks, tabs, escape sequences, NUL) and
    /// bidirectional overrides become U+FFFD, so a cell cannot break a message's lines or reorder what the reader sees.
    /// </summary>
    public static string Visible(string text) =>
        text.Any(IsUnsafe) ? string.Concat(text.Select(c => IsUnsafe(c) ? '\uFFFD' : c)) : text;

    private static bool IsUnsafe(char c) =>
        char.IsControl(c) || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u200E' or '\u200F';

    /// <summary>
    /// Parses CSV text with CsvHelper (RFC 4180: quoted fields with doubled quotes and line breaks). The separator is the
    /// one of <c>;</c> and <c>,</c> that occurs most often (outside quotes) in the first line. Row numbers are the file's
    /// line numbers where each record starts, so a quoted line break uses a line, as a text editor shows it.
    /// </summary>
    internal static List<Row> ReadCsv(string text)
    {
        var unterminated = 0L;
        var options = new CsvHelper.CsvReaderOptions
        {
            Separator = DetectSeparator(text),
            HasHeader = false,
            TrackLineNumbers = true,
            SkipEmptyLines = true,
            DetectSeparatorHint = false,
            OnMalformedRecord = m =>
            {
                if (m.Reason == CsvHelper.CsvMalformedReason.UnterminatedQuote && unterminated == 0) unterminated = m.LineNumber;
            },
        };
        var rows = new List<Row>();
        using (var csv = CsvHelper.CsvReader.FromText(text, options))
        {
            while (csv.Read())
            {
                var cells = new string[csv.FieldCount];
                for (var i = 0; i < cells.Length; i++) cells[i] = csv.GetString(i) ?? "";
                rows.Add(new Row(checked((int)csv.LineNumber), cells));
            }
        }
        if (unterminated > 0)
            throw new DomainException($"Filen slutar mitt i ett citerat fält (citattecknet på rad {unterminated} avslutas aldrig).");
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

    /// <summary>
    /// The first worksheet, read as a stream with the row and column limits applied while reading (<see cref="XlsxRows"/>),
    /// after <see cref="XlsxGuard"/> checked the zip's sizes, ratios, parts and DTDs.
    /// </summary>
    private static List<Row> ReadXlsx(byte[] content)
    {
        XlsxGuard.Check(content);
        return XlsxRows.Read(content);
    }
}
