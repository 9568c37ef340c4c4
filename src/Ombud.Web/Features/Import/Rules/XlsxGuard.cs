using System.IO.Compression;
using System.Text;
using System.Xml;

namespace Ombud.Web.Features.Import;

/// <summary>
/// Looks inside an .xlsx (a zip) before its sheet is read (<see cref="XlsxRows"/>), so a small upload cannot expand to gigabytes in
/// the server's memory (docs/security.md). The entries' declared sizes are checked first, then every entry is read and
/// its bytes counted — declared sizes can lie — stopping as soon as a limit is passed. XML parts are read with an
/// <see cref="XmlReader"/> that prohibits DTDs (no entity expansion, "billion laughs"). Nothing is kept in memory.
/// </summary>
public static class XlsxGuard
{
    /// <summary>Most bytes all the entries together may expand to.</summary>
    public const long MaxUncompressedBytes = 40 * 1024 * 1024;
    /// <summary>Largest expansion (uncompressed / compressed) of an entry over <see cref="RatioCheckedAbove"/> bytes.</summary>
    public const int MaxRatio = 100;
    public const long RatioCheckedAbove = 1024 * 1024;
    public const int MaxEntries = 200;
    public const int MaxWorksheets = 20;

    private const string Resave = " Spara den på nytt i Excel eller som CSV UTF-8.";
    public const string Unreadable =
        "Excel-filen kunde inte läsas. Kontrollera att det är en .xlsx-fil (inte .xls) och att den inte är lösenordsskyddad.";
    public static readonly string TooBig =
        $"Filen är inte en vanlig Excel-fil: den packas upp till för mycket data (högst {MaxUncompressedBytes / (1024 * 1024)} MB)."
            + Resave;
    public static readonly string TooCompressed =
        $"Filen är inte en vanlig Excel-fil: en del av den packas upp till mer än {MaxRatio} gånger sin storlek." + Resave;
    public static readonly string TooManyEntries =
        $"Filen är inte en vanlig Excel-fil: den består av för många delar (högst {MaxEntries})." + Resave;
    public static readonly string TooManySheets =
        $"Excel-filen har för många kalkylblad (högst {MaxWorksheets}). Spara kalkylbladet som ska importeras i en egen fil.";
    public const string HasDtd =
        "Filen är inte en vanlig Excel-fil: den innehåller en dokumenttypsdefinition (DTD), som Excel aldrig skriver." + Resave;

    /// <summary>Throws <see cref="DomainException"/> with a Swedish message when the workbook is not safe to load.</summary>
    public static void Check(byte[] content)
    {
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
        }
        catch (InvalidDataException)
        {
            throw new DomainException(Unreadable);
        }
        using (zip)
        {
            IReadOnlyList<ZipArchiveEntry> entries;
            try { entries = zip.Entries; }
            catch (InvalidDataException) { throw new DomainException(Unreadable); }
            if (entries.Count > MaxEntries) throw new DomainException(TooManyEntries);
            if (entries.Count(IsWorksheet) > MaxWorksheets) throw new DomainException(TooManySheets);
            long declared = 0;
            foreach (var e in entries)
            {
                declared += e.Length;
                if (declared > MaxUncompressedBytes) throw new DomainException(TooBig);
                if (e.Length > RatioCheckedAbove && e.Length > MaxRatio * Math.Max(1, e.CompressedLength))
                    throw new DomainException(TooCompressed);
            }
            var budget = new Budget();
            foreach (var e in entries) Read(e, budget);
        }
    }

    private static bool IsWorksheet(ZipArchiveEntry e) =>
        e.FullName.StartsWith("xl/worksheets/", StringComparison.OrdinalIgnoreCase)
        && e.FullName.EndsWith(".xml", StringComparison.OrdinalIgnoreCase);

    private static bool IsXml(ZipArchiveEntry e) =>
        e.FullName.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) || e.FullName.EndsWith(".rels", StringComparison.OrdinalIgnoreCase)
        || e.FullName.EndsWith(".vml", StringComparison.OrdinalIgnoreCase);

    private sealed class Budget
    {
        public long Total;
    }

    private static void Read(ZipArchiveEntry entry, Budget budget)
    {
        if (entry.FullName.EndsWith('/')) return;
        try
        {
            using var stream = new CountingStream(entry.Open(), entry.CompressedLength, budget);
            if (!IsXml(entry))
            {
                stream.CopyTo(Stream.Null);
                return;
            }
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, CloseInput = false };
            try
            {
                using var xml = XmlReader.Create(stream, settings);
                while (xml.Read()) { }
            }
            catch (XmlException)
            {
                throw new DomainException(StartsWithDtd(entry) ? HasDtd : Unreadable);
            }
        }
        catch (InvalidDataException)
        {
            throw new DomainException(Unreadable);
        }
    }

    /// <summary>Whether the entry's first 64 kB hold a DOCTYPE (the XML reader refused it; this picks the message).</summary>
    private static bool StartsWithDtd(ZipArchiveEntry entry)
    {
        using var s = entry.Open();
        var buffer = new byte[64 * 1024];
        var n = s.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        return Encoding.UTF8.GetString(buffer, 0, n).Contains("<!DOCTYPE", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Passes an entry's bytes through, counting them against the workbook's total and the entry's ratio.</summary>
    private sealed class CountingStream(Stream inner, long compressed, Budget budget) : Stream
    {
        private long _read;

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));
        public override int Read(Span<byte> buffer) => Count(inner.Read(buffer));

        private int Count(int n)
        {
            _read += n;
            budget.Total += n;
            if (budget.Total > MaxUncompressedBytes) throw new DomainException(TooBig);
            if (_read > RatioCheckedAbove && _read > MaxRatio * Math.Max(1, compressed)) throw new DomainException(TooCompressed);
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
