using ClosedXML.Excel;

namespace Ombud.Web.Features.SystemFaults;

/// <summary>
/// The selected (filtered) fault reports as an Excel file for the ledningsgrupp: the same filter and order as the list,
/// all rows — but drafts only when the status Utkast is chosen (see <see cref="FaultFilter"/>). Filtered on a meeting it
/// is that meeting's agenda. No client data: linked needs appear only as a count and their life areas. Column widths are set explicitly
/// (ClosedXML's AdjustToContents needs GDI, which Linux lacks), and all free text is written as text, never as a formula. Each free text is
/// run through
/// <see cref="PersonalDataDetector"/> again and left out if flagged; the Urval sheet counts them.
/// </summary>
public static class ExportFaults
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string SheetName = "Systembrister";

    public sealed record File(byte[] Content, string FileName, int Count);

    /// <summary>What an exported free text flagged by <see cref="PersonalDataDetector"/> is replaced with.</summary>
    public const string LeftOut = "[utelämnad: kan innehålla personuppgifter]";

    /// <summary>The Urval sheet's heading for how many texts were left out.</summary>
    public const string LeftOutHeading = "Texter utelämnade (kan innehålla personuppgifter)";

    /// <summary>The column headings, in order (tests and readers of the file use them).</summary>
    public static readonly string[] Headings =
    [
        "Nr", "Datum", "Kategori", "Nivå", "Berörda aktörer", "Beskrivning", "Konsekvens för klienter", "Antal berörda klienter",
        "Kopplade behov", "Livsområden", "Status", "Rapporterad till ledningsgrupp", "Vidarerapporterad till", "Vidarerapporterad",
        "Svar", "Besvarad", "Avslutad",
    ];

    private static readonly double[] Widths = [6, 12, 22, 16, 30, 60, 50, 12, 10, 28, 24, 16, 28, 14, 50, 12, 12];

    public sealed class Handler(IDbContextFactory<OmbudDbContext> dbf, ICurrentUser currentUser, TimeProvider clock, ILogger<Handler> log)
    {
        public async Task<File> HandleAsync(FaultFilter filter, CancellationToken ct = default)
        {
            var me = await currentUser.RequireStaffAsync();
            await using var db = await dbf.CreateDbContextAsync(ct);
            var rows = await filter.Apply(
                db.SystemFaults.AsNoTracking().Where(f => f.UnitId == me.UnitId),
                me.Id,
                ownDraftsWithoutStatus: false)
                .OrderByDescending(f => f.Date).ThenByDescending(f => f.Id)
                .Select(f => new
                {
                    f.Id,
                    f.Date,
                    Category = f.Category!.Name,
                    f.Level,
                    Actors = f.Actors.Select(a => a.Name).ToList(),
                    f.Description,
                    f.Consequence,
                    f.ClientsAffected,
                    LinkedNeeds = f.Needs.Count,
                    LifeAreas = f.Needs.Select(n => n.LifeArea!.Name).ToList(),
                    f.Status,
                    f.ReportedOn,
                    f.ForwardedToCountyBoard,
                    f.ForwardedToActor,
                    f.ForwardedOn,
                    f.Response,
                    f.AnsweredOn,
                    f.ClosedOn,
                })
                .ToListAsync(ct);
            var sv = StringComparer.Create(CultureInfo.GetCultureInfo("sv-SE"), ignoreCase: true);
            var today = clock.Today();
            // Every free text is checked again as it leaves: a text saved past the warning (or before the check existed) is left out.
            var own = await FaultAccess.OwnClientsAsync(db, me, ct);
            var leftOut = 0;
            string? Safe(string? text)
            {
                if (PersonalDataDetector.Find(text, own.Names, own.Codes).Count == 0) return text;
                leftOut++;
                return LeftOut;
            }

            using var wb = new XLWorkbook();
            var ws = wb.Worksheets.Add(SheetName);
            for (var c = 0; c < Headings.Length; c++)
            {
                ws.Cell(1, c + 1).SetValue(Headings[c]);
                ws.Column(c + 1).Width = Widths[c];
            }
            var header = ws.Range(1, 1, 1, Headings.Length);
            header.Style.Font.Bold = true;
            header.Style.Fill.BackgroundColor = XLColor.FromHtml("#DDEBF7");
            ws.SheetView.FreezeRows(1);

            var r = 2;
            foreach (var f in rows)
            {
                var forwardedTo = string.Join(
                    ", ",
                    new[]
                    {
                        f.ForwardedToCountyBoard ? "Länsstyrelsen" : null,
                        f.ForwardedToActor ? "Berörd aktör" : null
                    }.OfType<string>());
                ws.Cell(r, 1).SetValue(f.Id);
                Date(ws.Cell(r, 2), f.Date);
                Text(ws.Cell(r, 3), f.Category);
                Text(ws.Cell(r, 4), f.Level.Name());
                Text(ws.Cell(r, 5), string.Join(", ", f.Actors.Order(sv)));
                Text(ws.Cell(r, 6), Safe(f.Description));
                Text(ws.Cell(r, 7), Safe(f.Consequence));
                ws.Cell(r, 8).SetValue(f.ClientsAffected);
                ws.Cell(r, 9).SetValue(f.LinkedNeeds);
                Text(ws.Cell(r, 10), string.Join(", ", f.LifeAreas.Distinct().Order(sv)));
                Text(ws.Cell(r, 11), f.Status.Name());
                Date(ws.Cell(r, 12), f.ReportedOn);
                Text(ws.Cell(r, 13), forwardedTo);
                Date(ws.Cell(r, 14), f.ForwardedOn);
                Text(ws.Cell(r, 15), Safe(f.Response));
                Date(ws.Cell(r, 16), f.AnsweredOn);
                Date(ws.Cell(r, 17), f.ClosedOn);
                r++;
            }
            var all = ws.Range(1, 1, Math.Max(1, r - 1), Headings.Length);
            all.Style.Alignment.Vertical = XLAlignmentVerticalValues.Top;
            all.Style.Alignment.WrapText = true;
            if (rows.Count > 0) all.SetAutoFilter();

            await AddSelectionSheetAsync(wb, db, me, filter, today, rows.Count, leftOut, ct);

            using var stream = new MemoryStream();
            wb.SaveAs(stream);
            log.LogInformation(
                "System faults exported by user {UserId}: {Count} faults, {LeftOut} texts left out",
                me.Id,
                rows.Count,
                leftOut);
            var name = filter.MeetingId is not null && await MeetingDateAsync(db, me, filter.MeetingId.Value, ct) is { } md
                ? $"systembrister-mote-{Dates.Format(md)}.xlsx"
                : filter.Year is { } y
                    ? $"systembrister-{y}-uttag-{Dates.Format(today)}.xlsx"
                    : $"systembrister-uttag-{Dates.Format(today)}.xlsx";
            return new File(stream.ToArray(), name, rows.Count);
        }

        private static async Task<DateOnly?> MeetingDateAsync(OmbudDbContext db, UserInfo me, int meetingId, CancellationToken ct) =>
            await db.SteeringGroupMeetings.Where(x => x.Id == meetingId && x.UnitId == me.UnitId)
                .Select(x => (DateOnly?)x.Date)
                .FirstOrDefaultAsync(ct);

        /// <summary>A second sheet saying what the file holds: the unit, when, and the filter.</summary>
        private static async Task AddSelectionSheetAsync(
            XLWorkbook wb, OmbudDbContext db, UserInfo me, FaultFilter filter, DateOnly today, int count,
            int leftOut, CancellationToken ct)
        {
            var unit = await db.Units.Where(u => u.Id == me.UnitId).Select(u => u.Name).FirstOrDefaultAsync(ct);
            var category = filter.CategoryId is { } c
                ? await db.Categories.Where(x => x.Id == c).Select(x => x.Name).FirstOrDefaultAsync(ct)
                : null;
            var actor = filter.ActorId is { } a
                ? await db.Actors.Where(x => x.Id == a && x.UnitId == me.UnitId).Select(x => x.Name).FirstOrDefaultAsync(ct)
                : null;
            var meeting = filter.MeetingId is { } m ? await MeetingDateAsync(db, me, m, ct) : null;
            var ws = wb.Worksheets.Add("Urval");
            (string, string?)[] lines =
            [
                ("Enhet", unit), ("Uttaget", Dates.Format(today)),
                ("År (rapporterad till ledningsgrupp)", filter.Year?.ToString(CultureInfo.InvariantCulture) ?? "Alla"),
                ("Kategori", category ?? "Alla"), ("Nivå", filter.Level?.Name() ?? "Alla"),
                ("Status", filter.Status?.Name() ?? (filter.Ids is null ? "Alla utom utkast" : "Alla")),
                ("Aktör", actor ?? "Alla"),
                ("Presenterad på möte", filter.MeetingId is null ? "Alla" : meeting is { } md ? Dates.Format(md) : "–"),
                ("Valda systembrister", filter.Ids is { } ids ? "Nr " + string.Join(", ", ids.Order()) : "Alla i urvalet"),
                ("Antal systembrister", count.ToString(CultureInfo.InvariantCulture)),
                (LeftOutHeading, leftOut.ToString(CultureInfo.InvariantCulture)),
            ];
            for (var i = 0; i < lines.Length; i++)
            {
                Text(ws.Cell(i + 1, 1), lines[i].Item1);
                Text(ws.Cell(i + 1, 2), lines[i].Item2);
            }
            ws.Column(1).Width = 34;
            ws.Column(2).Width = 40;
            ws.Column(1).Style.Font.Bold = true;
        }

        private static void Text(IXLCell cell, string? value)
        {
            cell.DataType = XLDataType.Text;
            cell.SetValue(value ?? "");
            cell.DataType = XLDataType.Text;
        }

        private static void Date(IXLCell cell, DateOnly? value)
        {
            if (value is null) return;
            cell.SetValue(value.Value.ToDateTime(TimeOnly.MinValue));
            cell.Style.NumberFormat.Format = "yyyy-mm-dd";
        }
    }
}
