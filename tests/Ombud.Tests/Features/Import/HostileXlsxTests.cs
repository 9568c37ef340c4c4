using System.IO.Compression;
using System.Text;
using ClosedXML.Excel;
using Ombud.Web.Features.Import;

namespace Ombud.Tests.Features.Import;

/// <summary>
/// Hostile .xlsx uploads (docs/security.md): zip bombs, lying sizes, many parts or sheets, DTDs and huge used ranges are
/// refused with a Swedish message before the sheet is read. The workbooks are built here, small on disk, with the
/// big parts written in chunks so the tests themselves stay small in memory.
/// </summary>
public class HostileXlsxTests
{
    private const string Sheet1 = "xl/worksheets/sheet1.xml";
    private const string SheetStart =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">";
    private const string SheetEnd = "<sheetData/></worksheet>";

    private static byte[] Workbook(Action<XLWorkbook>? more = null)
    {
        using var wb = new XLWorkbook();
        var ws = wb.AddWorksheet("Uppdrag");
        ws.Cell(1, 1).Value = "Klientkod";
        ws.Cell(2, 1).Value = "A1";
        more?.Invoke(wb);
        using var ms = new MemoryStream();
        wb.SaveAs(ms);
        return ms.ToArray();
    }

    /// <summary>
    /// The normal workbook rewritten in create mode (update mode would buffer a new entry uncompressed in memory):
    /// <paramref name="replaced"/> parts are left out, then <paramref name="add"/> writes new ones, streamed.
    /// </summary>
    private static byte[] Changed(Action<ZipArchive> add, params string[] replaced)
    {
        using var source = new ZipArchive(new MemoryStream(Workbook()), ZipArchiveMode.Read);
        var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var e in source.Entries.Where(e => !replaced.Contains(e.FullName)))
            {
                using var from = e.Open();
                using var to = zip.CreateEntry(e.FullName).Open();
                from.CopyTo(to);
            }
            add(zip);
        }
        return ms.ToArray();
    }

    /// <summary>A valid worksheet sheet1.xml padded with <paramref name="spaces"/> spaces, written in chunks.</summary>
    private static byte[] PaddedSheet(long spaces) => Changed(zip =>
    {
        using var s = zip.CreateEntry(Sheet1, CompressionLevel.Optimal).Open();
        s.Write(Encoding.UTF8.GetBytes(SheetStart));
        var chunk = new byte[64 * 1024];
        Array.Fill(chunk, (byte)' ');
        for (long left = spaces; left > 0; left -= chunk.Length) s.Write(chunk, 0, (int)Math.Min(chunk.Length, left));
        s.Write(Encoding.UTF8.GetBytes(SheetEnd));
    }, Sheet1);

    /// <summary>Sets an entry's uncompressed size in the central directory (what ZipArchive reports as its Length).</summary>
    private static byte[] DeclaredSize(byte[] zip, string name, uint size)
    {
        var found = false;
        for (var i = 0; i + 46 < zip.Length; i++)
        {
            if (zip[i] != 0x50 || zip[i + 1] != 0x4B || zip[i + 2] != 0x01 || zip[i + 3] != 0x02) continue;
            var nameLength = BitConverter.ToUInt16(zip, i + 28);
            if (Encoding.UTF8.GetString(zip, i + 46, nameLength) != name) continue;
            BitConverter.TryWriteBytes(zip.AsSpan(i + 24, 4), size);
            found = true;
        }
        Assert.True(found);
        return zip;
    }

    private static string Refusal(byte[] xlsx) => Assert.Throws<DomainException>(() => ImportFile.Read("lista.xlsx", xlsx)).Message;

    [Fact]
    public void A_normal_workbook_still_imports()
    {
        var t = ImportFile.Read("lista.xlsx", Workbook());
        Assert.Equal(["Klientkod"], t.Headers);
        Assert.Equal(["A1"], t.Rows[0].Cells);
    }

    [Fact]
    public void A_zip_bomb_part_of_60_MB_whitespace_is_refused()
    {
        var xlsx = PaddedSheet(60L * 1024 * 1024);
        Assert.True(xlsx.Length < 1024 * 1024, $"{xlsx.Length} bytes on disk");
        Assert.Equal(XlsxGuard.TooBig, Refusal(xlsx));
        Assert.Contains("packas upp till för mycket data (högst 40 MB)", XlsxGuard.TooBig);
    }

    [Fact]
    public void A_part_that_expands_more_than_100_times_is_refused_even_under_the_total()
    {
        var xlsx = PaddedSheet(20L * 1024 * 1024);
        Assert.Equal(XlsxGuard.TooCompressed, Refusal(xlsx));
        Assert.Contains("mer än 100 gånger", XlsxGuard.TooCompressed);
    }

    [Fact]
    public void Huge_declared_sizes_are_refused()
    {
        var xlsx = DeclaredSize(Workbook(), Sheet1, 100u * 1024 * 1024);
        Assert.Contains("Filen är inte en vanlig Excel-fil", Refusal(xlsx));
    }

    [Fact]
    public void A_part_that_lies_about_its_size_is_counted_while_read()
    {
        // Declares 10 bytes (no ratio check below 1 MB), holds 30 MB: counted while read, stopped past the limit.
        var xlsx = DeclaredSize(PaddedSheet(30L * 1024 * 1024), Sheet1, 10);
        var message = Refusal(xlsx);
        Assert.True(message == XlsxGuard.TooCompressed || message == XlsxGuard.Unreadable, message);
    }

    [Fact]
    public void Too_many_entries_are_refused()
    {
        var xlsx = Changed(zip =>
        {
            for (var i = 0; i <= XlsxGuard.MaxEntries; i++) zip.CreateEntry($"customXml/item{i}.bin");
        });
        Assert.Equal(XlsxGuard.TooManyEntries, Refusal(xlsx));
        Assert.Contains("för många delar (högst 200)", XlsxGuard.TooManyEntries);
    }

    [Fact]
    public void Too_many_worksheets_are_refused()
    {
        var xlsx = Workbook(wb =>
        {
            for (var i = 0; i < XlsxGuard.MaxWorksheets; i++) wb.AddWorksheet($"Blad{i}");
        });
        Assert.Equal(XlsxGuard.TooManySheets, Refusal(xlsx));
        Assert.Contains("för många kalkylblad (högst 20)", XlsxGuard.TooManySheets);
    }

    [Fact]
    public void A_part_with_a_dtd_billion_laughs_is_refused()
    {
        var laughs = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
            + string.Concat(Enumerable.Range(1, 9)
                .Select(i => $"<!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat($"&lol{(i == 1 ? "" : i - 1)};", 10))}\">"))
            + "]><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><si><t>&lol9;</t></si></sst>";
        var xlsx = Changed(zip =>
        {
            using var s = zip.CreateEntry("xl/sharedStrings.xml").Open();
            s.Write(Encoding.UTF8.GetBytes(laughs));
        }, "xl/sharedStrings.xml");
        Assert.Equal(XlsxGuard.HasDtd, Refusal(xlsx));
        Assert.Contains("dokumenttypsdefinition (DTD)", XlsxGuard.HasDtd);
    }

    [Fact]
    public void A_single_cell_at_XFD1048576_is_refused_by_its_used_range()
    {
        var xlsx = Workbook(wb => wb.Worksheet(1).Cell("XFD1048576").Value = "x");
        Assert.Contains("för många rader", Refusal(xlsx));
    }

    [Fact]
    public void A_used_range_wider_than_100_columns_is_refused()
    {
        var xlsx = Workbook(wb => wb.Worksheet(1).Cell(2, ImportFile.MaxColumns + 1).Value = "x");
        Assert.Contains("för många kolumner", Refusal(xlsx));
    }

    /// <summary>A workbook whose sheet1.xml is <paramref name="sheetData"/>, written as given.</summary>
    private static byte[] WithSheet(string sheetData) => Changed(zip =>
    {
        using var s = zip.CreateEntry(Sheet1).Open();
        s.Write(Encoding.UTF8.GetBytes(SheetStart + "<sheetData>" + sheetData + "</sheetData></worksheet>"));
    }, Sheet1);

    [Fact]
    public void A_40_MB_workbook_is_read_as_a_stream_with_a_fraction_of_the_memory_loading_it_whole_took()
    {
        // 10 001 rows × 100 number cells, padded with whitespace to 39 MB uncompressed (4.5 MB on disk): just within the
        // guard's limits. Loaded whole by ClosedXML it allocated 2.1 GB (a 600 MB managed heap); read as a stream ~240 MB.
        var xlsx = Changed(zip =>
        {
            using var s = new StreamWriter(zip.CreateEntry(Sheet1, CompressionLevel.Optimal).Open(), new UTF8Encoding(false));
            s.Write(SheetStart + "<sheetData>");
            var random = new Random(1);
            var padding = new string(' ', 1050);
            for (var r = 1; r <= ImportFile.MaxRows + 1; r++)
            {
                s.Write($"<row r=\"{r}\">");
                for (var c = 0; c < ImportFile.MaxColumns; c++)
                    s.Write(
                        $"<c r=\"{(c < 26 ? "" : (char)('A' + c / 26 - 1))}{(char)('A' + c % 26)}{r}\">" +
                        $"<v>{random.Next(1900, 2030)}</v></c>");
                s.Write("</row>");
                s.Write(padding);
            }
            s.Write("</sheetData></worksheet>");
        }, Sheet1);
        Assert.True(xlsx.Length <= ImportFile.MaxBytes, $"{xlsx.Length} bytes on disk");

        var before = GC.GetAllocatedBytesForCurrentThread();
        var table = ImportFile.Read("lista.xlsx", xlsx);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(ImportFile.MaxRows, table.Rows.Count);
        Assert.Equal(ImportFile.MaxColumns, table.Headers.Count);
        Assert.True(allocated < 500L * 1024 * 1024, $"{allocated / (1024 * 1024)} MB allocated");
    }

    [Fact]
    public void Inline_and_rich_text_formula_results_and_cells_without_references_are_read_and_empty_styled_cells_ignored()
    {
        var xlsx = WithSheet("""
            <row r="1"><c r="A1" t="inlineStr"><is><t>Klientkod</t></is></c>
              <c r="B1" t="inlineStr"><is><r><t>Kom</t></r><r><t xml:space="preserve">mun</t></r>
                <rPh sb="0" eb="1"><t>x</t></rPh></is></c></row>
            <row r="3"><c t="str"><f>"A"&amp;"2"</f><v>A2</v></c><c><v>1980</v></c><c r="E3" s="0"/></row>
            <row r="20000"><c r="XFD20000" s="0"/></row>
            """);
        var t = ImportFile.Read("lista.xlsx", xlsx);
        Assert.Equal(["Klientkod", "Kommun"], t.Headers);
        var row = Assert.Single(t.Rows);
        Assert.Equal(3, row.Number);
        Assert.Equal(["A2", "1980"], row.Cells);
    }

    [Fact]
    public void A_value_past_row_11000_is_refused_while_reading_and_a_sheet_without_row_1_has_no_header()
    {
        Assert.Contains(
            "för många rader",
            Refusal(WithSheet("""<row r="1"><c t="inlineStr"><is><t>Klientkod</t></is></c></row><row r="11001"><c><v>1</v></c></row>""")));
        Assert.Contains("rubrikrad", Refusal(WithSheet("""<row r="2"><c t="inlineStr"><is><t>A1</t></is></c></row>""")));
        Assert.Contains("rubrikrad", Refusal(WithSheet("")));
    }
}
