using System.IO.Compression;
using System.Xml;

namespace Ombud.Web.Features.Import;

/// <summary>
/// Reads the first worksheet of an .xlsx (already passed by <see cref="XlsxGuard"/>) as a stream of rows: the sheet's XML
/// is read element by element with an <see cref="XmlReader"/> (DTDs prohibited) straight from the zip entry, and the row
/// and column limits are applied as each cell is read, so a huge sheet is refused at its first cell past the limits
/// without ever being held in memory. Only the shared strings (the workbook's text table, at most 40 MB with the guard)
/// and the kept rows (at most <see cref="ImportFile.MaxRows"/> + 1 000 rows of <see cref="ImportFile.MaxColumns"/>
/// cells) are kept. Date cells (a number with a date format) become YYYY-MM-DD, whole numbers lose their decimals;
/// everything else is the cell's text. Empty cells count for nothing: the columns read are those up to the last
/// non-empty cell of the sheet, as the sheet's used range.
/// </summary>
public static class XlsxRows
{
    private const string MainNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string RelNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string PackageRelNs = "http://schemas.openxmlformats.org/package/2006/relationships";

    public static readonly string TooManyRows = $"Excel-filen har för många rader. Högst {ImportFile.MaxRows} rader kan importeras åt " +
                                                "gången.";
    public static readonly string TooManyColumns = $"Excel-filen har för många kolumner. Högst {ImportFile.MaxColumns} kolumner kan läsas.";
    public const string NoSheet = "Excel-filen har inget kalkylblad.";

    /// <summary>The rows from row 1 to the last non-empty one (row 1 always first, empty if the sheet has none).</summary>
    public static List<ImportFile.Row> Read(byte[] content)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
            var relations = Relations(zip, "xl/_rels/workbook.xml.rels");
            var sheetPath = FirstWorksheet(zip, relations) ?? throw new DomainException(NoSheet);
            var strings = SharedStrings(zip, relations);
            var dateStyles = DateStyles(zip, relations);
            var entry = zip.GetEntry(sheetPath) ?? throw new DomainException(XlsxGuard.Unreadable);
            return SheetRows(entry, strings, dateStyles);
        }
        catch (Exception ex) when (ex is XmlException or InvalidDataException or FormatException or OverflowException
                                       or ArgumentOutOfRangeException or IndexOutOfRangeException)
        {
            throw new DomainException(XlsxGuard.Unreadable);
        }
    }

    private static XmlReader Xml(ZipArchiveEntry entry) => XmlReader.Create(entry.Open(), new XmlReaderSettings
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = true,
    });

    /// <summary>Relationship id → (type, part path inside the zip) of a .rels part.</summary>
    private static Dictionary<string, (string Type, string Path)> Relations(ZipArchive zip, string relsPath)
    {
        var result = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        if (zip.GetEntry(relsPath) is not { } entry) return result;
        using var xml = Xml(entry);
        while (xml.Read())
        {
            if (xml.NodeType != XmlNodeType.Element || xml.LocalName != "Relationship" || xml.NamespaceURI != PackageRelNs) continue;
            if (xml.GetAttribute("Id") is not { } id || xml.GetAttribute("Target") is not { } target) continue;
            if (xml.GetAttribute("TargetMode") == "External") continue;
            var path = target.StartsWith('/') ? target.TrimStart('/') : "xl/" + target;
            result[id] = (xml.GetAttribute("Type") ?? "", Normalise(path));
        }
        return result;
    }

    /// <summary>Resolves "xl/worksheets/../x.xml" segments.</summary>
    private static string Normalise(string path)
    {
        var parts = new List<string>();
        foreach (var p in path.Split('/'))
        {
            if (p == "..") { if (parts.Count > 0) parts.RemoveAt(parts.Count - 1); }
            else if (p is not ("." or "")) parts.Add(p);
        }
        return string.Join('/', parts);
    }

    /// <summary>The part of the first sheet in the workbook's order that is a worksheet (not a chart sheet).</summary>
    private static string? FirstWorksheet(ZipArchive zip, Dictionary<string, (string Type, string Path)> relations)
    {
        if (zip.GetEntry("xl/workbook.xml") is not { } entry) throw new DomainException(XlsxGuard.Unreadable);
        using var xml = Xml(entry);
        while (xml.Read())
        {
            if (xml.NodeType != XmlNodeType.Element || xml.LocalName != "sheet" || xml.NamespaceURI != MainNs) continue;
            if (xml.GetAttribute("id", RelNs) is { } id
                && relations.TryGetValue(id, out var r)
                && r.Type.EndsWith("/worksheet", StringComparison.Ordinal))
                return r.Path;
        }
        return null;
    }

    private static string? PartOfType(Dictionary<string, (string Type, string Path)> relations, string type, string fallback) =>
        relations.Values.Where(r => r.Type.EndsWith(type, StringComparison.Ordinal)).Select(r => r.Path).FirstOrDefault() ?? fallback;

    /// <summary>The shared-string table: each item's text (rich-text runs joined, phonetic guides left out).</summary>
    private static List<string> SharedStrings(ZipArchive zip, Dictionary<string, (string Type, string Path)> relations)
    {
        var strings = new List<string>();
        if (zip.GetEntry(PartOfType(relations, "/sharedStrings", "xl/sharedStrings.xml")!) is not { } entry) return strings;
        using var xml = Xml(entry);
        xml.Read();
        while (!xml.EOF)
        {
            if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "si" && xml.NamespaceURI == MainNs) strings.Add(ItemText(xml));
            else xml.Read();
        }
        return strings;
    }

    /// <summary>The text of the &lt;si&gt; or &lt;is&gt; element the reader is on; leaves the reader after its end.</summary>
    private static string ItemText(XmlReader xml)
    {
        if (xml.IsEmptyElement) { xml.Read(); return ""; }
        var depth = xml.Depth;
        var text = new System.Text.StringBuilder();
        xml.Read();
        while (!xml.EOF && xml.Depth > depth)
        {
            if (xml.NodeType == XmlNodeType.Element && xml.LocalName is "rPh" or "phoneticPr") xml.Skip();
            else if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "t") text.Append(xml.ReadElementContentAsString());
            else xml.Read();
        }
        xml.Read(); // past the end tag
        return text.ToString();
    }

    /// <summary>Indexes of the cell formats (cellXfs) whose number format shows a date.</summary>
    private static HashSet<int> DateStyles(ZipArchive zip, Dictionary<string, (string Type, string Path)> relations)
    {
        var dates = new HashSet<int>();
        if (zip.GetEntry(PartOfType(relations, "/styles", "xl/styles.xml")!) is not { } entry) return dates;
        var customDates = new HashSet<int>();
        using var xml = Xml(entry);
        var inCellXfs = false;
        var index = 0;
        while (xml.Read())
        {
            if (xml.NamespaceURI != MainNs) continue;
            if (xml.NodeType == XmlNodeType.EndElement && xml.LocalName == "cellXfs") inCellXfs = false;
            if (xml.NodeType != XmlNodeType.Element) continue;
            switch (xml.LocalName)
            {
                case "numFmt" when int.TryParse(xml.GetAttribute("numFmtId"), out var id)
                    && IsDateFormat(xml.GetAttribute("formatCode") ?? ""):
                    customDates.Add(id);
                    break;
                case "cellXfs":
                    inCellXfs = !xml.IsEmptyElement;
                    break;
                case "xf" when inCellXfs:
                    if (int.TryParse(xml.GetAttribute("numFmtId"), out var fmt) && (IsBuiltInDate(fmt) || customDates.Contains(fmt)))
                        dates.Add(index);
                    index++;
                    break;
            }
        }
        return dates;
    }

    private static bool IsBuiltInDate(int id) => id is >= 14 and <= 17 or 22;

    /// <summary>A format code that shows a date: y, m or d outside quoted text, brackets (colours, locales) and escapes.</summary>
    internal static bool IsDateFormat(string code)
    {
        var section = code.Split(';')[0];
        var quoted = false;
        var bracket = false;
        for (var i = 0; i < section.Length; i++)
        {
            var c = section[i];
            if (c == '"') quoted = !quoted;
            else if (quoted) continue;
            else if (c == '[') bracket = true;
            else if (c == ']') bracket = false;
            else if (bracket) continue;
            else if (c is '\\' or '_' or '*') i++;
            else if (char.ToLowerInvariant(c) is 'y' or 'm' or 'd') return true;
        }
        return false;
    }

    private static List<ImportFile.Row> SheetRows(ZipArchiveEntry entry, List<string> strings, HashSet<int> dateStyles)
    {
        var rows = new List<ImportFile.Row>();
        var lastColumn = 0;
        var rowNumber = 0;
        using var xml = Xml(entry);
        xml.Read();
        while (!xml.EOF)
        {
            if (xml.NodeType != XmlNodeType.Element || xml.LocalName != "row" || xml.NamespaceURI != MainNs) { xml.Read(); continue; }
            rowNumber = int.TryParse(xml.GetAttribute("r"), NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? r : rowNumber + 1;
            if (xml.IsEmptyElement) { xml.Read(); continue; }
            var cells = new Dictionary<int, string>();
            var column = 0;
            var depth = xml.Depth;
            xml.Read();
            while (!xml.EOF && xml.Depth > depth)
            {
                if (xml.NodeType != XmlNodeType.Element || xml.LocalName != "c" || xml.NamespaceURI != MainNs) { xml.Read(); continue; }
                column = xml.GetAttribute("r") is { } reference ? ColumnOf(reference) : column + 1;
                var text = CellText(xml, strings, dateStyles);
                if (text.Length == 0) continue;
                // The limits, checked at the first non-empty cell past them: nothing more of the sheet is read.
                if (rowNumber > ImportFile.MaxRows + 1000) throw new DomainException(TooManyRows);
                if (column > ImportFile.MaxColumns) throw new DomainException(TooManyColumns);
                cells[column] = text;
                lastColumn = Math.Max(lastColumn, column);
            }
            xml.Read(); // past </row>
            if (cells.Count > 0) rows.Add(new ImportFile.Row(rowNumber, Cells(cells)));
        }
        // Every row as wide as the widest, and row 1 first (a sheet without a header row has an empty one).
        var result = new List<ImportFile.Row>(rows.Count + 1);
        if (rows.Count == 0 || rows[0].Number != 1) result.Add(new ImportFile.Row(1, Enumerable.Repeat("", lastColumn).ToArray()));
        result.AddRange(rows);
        return result.Select(row => row.Cells.Count == lastColumn ? row : new ImportFile.Row(row.Number,
            Enumerable.Range(0, lastColumn).Select(i => i < row.Cells.Count ? row.Cells[i] ?? "" : "").ToList())).ToList();
    }

    private static string[] Cells(Dictionary<int, string> cells)
    {
        var array = new string[cells.Keys.Max()];
        Array.Fill(array, "");
        foreach (var (column, text) in cells) array[column - 1] = text;
        return array;
    }

    /// <summary>"AB12" → 28.</summary>
    private static int ColumnOf(string reference)
    {
        var column = 0;
        foreach (var c in reference)
        {
            if (c is >= 'A' and <= 'Z') column = checked(column * 26 + c - 'A' + 1);
            else if (c is >= 'a' and <= 'z') column = checked(column * 26 + c - 'a' + 1);
            else break;
        }
        return column == 0 ? throw new FormatException() : column;
    }

    /// <summary>The text of the &lt;c&gt; element the reader is on; leaves the reader after its end.</summary>
    private static string CellText(XmlReader xml, List<string> strings, HashSet<int> dateStyles)
    {
        var type = xml.GetAttribute("t") ?? "n";
        var style = int.TryParse(xml.GetAttribute("s"), out var s) ? s : 0;
        if (xml.IsEmptyElement) { xml.Read(); return ""; }
        string? value = null, inline = null;
        var depth = xml.Depth;
        xml.Read();
        while (!xml.EOF && xml.Depth > depth)
        {
            if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "v") value = xml.ReadElementContentAsString();
            else if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "is") inline = ItemText(xml);
            else xml.Read();
        }
        xml.Read(); // past </c>
        switch (type)
        {
            case "s":
                return value is null ? "" : strings[int.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture)];
            case "inlineStr":
                return inline ?? value ?? "";
            case "b":
                return value == "1" ? "TRUE" : value == "0" ? "FALSE" : value ?? "";
            case "d":
                return DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var iso)
                    ? iso.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : value ?? "";
            case "n":
                if (value is null || !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
                    return value ?? "";
                if (dateStyles.Contains(style) && d is >= -657435 and < 2958466)
                    return DateTime.FromOADate(d).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                return d == Math.Floor(d) && Math.Abs(d) < 1e15
                    ? ((long)d).ToString(CultureInfo.InvariantCulture)
                    : d.ToString(CultureInfo.InvariantCulture);
            default: // "str" (a formula's text), "e" (an error such as #N/A)
                return value ?? "";
        }
    }
}
