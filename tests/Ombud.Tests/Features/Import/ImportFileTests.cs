using System.Text;
using ClosedXML.Excel;
using Ombud.Web.Features.Import;

namespace Ombud.Tests.Features.Import;

/// <summary>Reading CSV (separators, BOM, quotes, encodings) and .xlsx into rows of text cells.</summary>
public class ImportFileTests
{
    private static byte[] Utf8(string s, bool bom = false) =>
        (bom ? Encoding.UTF8.GetPreamble() : []).Concat(Encoding.UTF8.GetBytes(s)).ToArray();

    [Fact]
    public void Semicolon_csv_with_bom_as_swedish_Excel_saves_it()
    {
        var t = ImportFile.Read("lista.csv", Utf8("Klientkod;Kön;Kommun\r\nA1;Kvinna;Malmö\r\nA2;Man;Örebro\r\n", bom: true));
        Assert.Equal(["Klientkod", "Kön", "Kommun"], t.Headers);
        Assert.Equal(2, t.Rows.Count);
        Assert.Equal(["A1", "Kvinna", "Malmö"], t.Rows[0].Cells);
        Assert.Equal(2, t.Rows[0].Number);
        Assert.Equal("Örebro", t.Rows[1].Cells[2]);
    }

    [Fact]
    public void Comma_csv_is_detected_from_the_header_row()
    {
        var t = ImportFile.Read("lista.csv", Utf8("Klientkod,Startdatum\nA1,2025-01-02\n"));
        Assert.Equal(["Klientkod", "Startdatum"], t.Headers);
        Assert.Equal(["A1", "2025-01-02"], t.Rows[0].Cells);
    }

    [Fact]
    public void Quoted_fields_keep_separators_doubled_quotes_and_line_breaks_and_row_numbers_follow_the_file()
    {
        var csv = "Klientkod;Kontaktorsaker;Kommun\n\"A1\";\"Ekonomi; och \"\"annat\"\"\";\"Malmö\"\n\"A2\";\"rad ett\nrad två\";X\n" +
                  "A3;Annat;Y\n";
        var t = ImportFile.Read("lista.csv", Utf8(csv));
        Assert.Equal("Ekonomi; och \"annat\"", t.Rows[0].Cells[1]);
        Assert.Equal("rad ett\nrad två", t.Rows[1].Cells[1]);
        Assert.Equal(3, t.Rows[1].Number);
        Assert.Equal(5, t.Rows[2].Number); // the quoted line break used a line of the file
    }

    [Fact]
    public void Blank_rows_are_left_out_but_keep_the_numbering()
    {
        var t = ImportFile.Read("lista.csv", Utf8("Klientkod;Kön\n\nA1;Man\n;\n;;\nA2;\n\n"));
        Assert.Equal([3, 6], t.Rows.Select(r => r.Number));
    }

    [Fact]
    public void A_file_that_is_not_utf8_is_read_as_latin1_so_swedish_letters_survive()
    {
        var t = ImportFile.Read("lista.csv", Encoding.Latin1.GetBytes("Klientkod;Kön\nA1;Kvinna\nA2;Man\n" + "A3;Ö\n"));
        Assert.Equal("Kön", t.Headers[1]);
        Assert.Equal("Ö", t.Rows[2].Cells[1]);
    }

    [Fact]
    public void Decomposed_unicode_is_normalised_so_headers_match()
    {
        var t = ImportFile.Read("lista.csv", Utf8("Klientkod;Ko\u0308n\nA1;Man\n"));
        Assert.Equal("Kön", t.Headers[1]);
    }

    [Theory]
    [InlineData("lista.csv", "", "tom")]
    [InlineData("lista.csv", "\n\n", "rubrikrad")]
    [InlineData("lista.csv", "Klientkod;Kön\n", "bara en rubrikrad")]
    [InlineData("lista.csv", "Klientkod;Kön\n\"A1;Man\n", "citerat fält")]
    [InlineData("lista.xls", "Klientkod\nA1\n", ".xlsx")]
    [InlineData("lista.pdf", "Klientkod\nA1\n", "CSV-fil")]
    [InlineData("lista.xlsx", "inte en zip", "kunde inte läsas")]
    public void Unreadable_files_give_a_swedish_message(string name, string content, string expected)
    {
        var ex = Assert.Throws<DomainException>(() => ImportFile.Read(name, Utf8(content)));
        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public void Too_large_and_too_many_rows_are_refused()
    {
        var big = new byte[ImportFile.MaxBytes + 1];
        Assert.Contains("för stor", Assert.Throws<DomainException>(() => ImportFile.Read("a.csv", big)).Message);
        var many = "Klientkod\n" + string.Concat(Enumerable.Range(0, ImportFile.MaxRows + 1).Select(i => $"A{i}\n"));
        Assert.Contains("Högst", Assert.Throws<DomainException>(() => ImportFile.Read("a.csv", Utf8(many))).Message);
    }

    [Fact]
    public void Xlsx_first_sheet_with_date_and_number_cells_becomes_text()
    {
        using var wb = new XLWorkbook();
        var ws = wb.AddWorksheet("Uppdrag");
        ws.Cell(1, 1).Value = "Startdatum";
        ws.Cell(1, 2).Value = "FÖDELSEÅR";
        ws.Cell(1, 3).Value = "Klientkod";
        ws.Cell(2, 1).Value = new DateTime(2025, 3, 14);
        ws.Cell(2, 2).Value = 1980;
        ws.Cell(2, 3).Value = "A1";
        ws.Cell(4, 1).Value = "2025-04-01"; // row 3 blank
        ws.Cell(4, 3).Value = "A2";
        using var ms = new MemoryStream();
        wb.SaveAs(ms);

        var t = ImportFile.Read("lista.XLSX", ms.ToArray());
        Assert.Equal(["Startdatum", "FÖDELSEÅR", "Klientkod"], t.Headers);
        Assert.Equal(["2025-03-14", "1980", "A1"], t.Rows[0].Cells);
        Assert.Equal(4, t.Rows[1].Number);
        Assert.Equal(["2025-04-01", "", "A2"], t.Rows[1].Cells);
    }
}

/// <summary>Unicode text files and control characters (CsvHelper era).</summary>
public class ImportFileEncodingTests
{
    private const string Csv = "Klientkod;Kön;Kommun\r\nA1;Kvinna;Malmö\r\nA2;Man;Örebro\r\n";

    [Theory]
    [InlineData("utf-16le")]
    [InlineData("utf-16BE")]
    [InlineData("utf-32")]
    public void Unicode_text_with_a_byte_order_mark_is_read(string encoding)
    {
        var e = Encoding.GetEncoding(encoding);
        var t = ImportFile.Read("lista.csv", [.. e.GetPreamble(), .. e.GetBytes(Csv)]);
        Assert.Equal(["Klientkod", "Kön", "Kommun"], t.Headers);
        Assert.Equal(["A2", "Man", "Örebro"], t.Rows[1].Cells);
        Assert.Equal(3, t.Rows[1].Number);
    }

    [Fact]
    public void Utf16_without_a_byte_order_mark_is_refused_with_advice_to_save_as_csv_utf8()
    {
        var ex = Assert.Throws<DomainException>(() => ImportFile.Read("lista.csv", Encoding.Unicode.GetBytes(Csv)));
        Assert.Contains("CSV UTF-8", ex.Message);
    }

    [Fact]
    public void Visible_replaces_control_and_bidi_characters_and_keeps_the_rest()
    {
        Assert.Equal("a\uFFFDb\uFFFDc\uFFFDÅ", ImportFile.Visible("a\nb\u0000c\u202EÅ"));
        Assert.Equal("Örebro – 2", ImportFile.Visible("Örebro – 2"));
    }
}
