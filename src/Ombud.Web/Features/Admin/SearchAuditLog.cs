using System.Text;

namespace Ombud.Web.Features.Admin;

/// <summary>
/// Granskningslogg: the admin searches who viewed or changed which client record, when (never values), and exports it.
/// Limited to the admin's unit (entries by its staff or about its clients).
/// </summary>
public static class SearchAuditLog
{
    public sealed record Query(string? UserName = null, string? ClientCode = null, DateOnly? From = null, DateOnly? To = null,
        string? Action = null, int Page = 0, int PageSize = 50);

    public sealed record Row(
        long Id, DateTime AtUtc, string UserName, string Action, string EntityType, string? EntityId, string? ClientCode)
    {
        public string At => Shared.Dates.FormatDateTime(AtUtc, seconds: true);
    }

    public sealed record Result(IReadOnlyList<Row> Rows, int Total);

    public static readonly IReadOnlyDictionary<string, string> ActionNames = new Dictionary<string, string>
    {
        [AuditActions.Viewed] = "Visade",
        [AuditActions.Created] = "Skapade",
        [AuditActions.Changed] = "Ändrade",
        [AuditActions.Deleted] = "Tog bort",
        [AuditActions.AccessDenied] = "Nekad åtkomst",
        [AuditActions.ImportStarted] = "Påbörjade import",
        [AuditActions.Imported] = "Importerade",
        [AuditActions.Exported] = "Exporterade",
    };

    public static readonly IReadOnlyDictionary<string, string> EntityNames = new Dictionary<string, string>
    {
        [nameof(Client)] = "Klient",
        [nameof(Mandate)] = "Uppdrag",
        [nameof(Need)] = "Behov",
        [nameof(Consent)] = "Samtycke",
        [nameof(AuthorityContact)] = "Myndighetskontakt",
        [Import.ImportMandates.AuditEntity] = "Import",
        [AnnualReport.ExportYearReport.AuditEntity] = "Årsrapport",
        [AnnualReport.GetYearReportSubmission.AuditEntity] = "Inlämnad årsrapport",
        [nameof(Unit)] = "Enhet",
        [nameof(Municipality)] = "Kommun/stadsdel",
        ["User"] = "Konto",
        [SetRegionalGrant.AuditEntity] = "Regional behörighet",
        [Region.RollUpYearReport.AuditEntity] = "Regional sammanställning",
    };

    public static string ActionName(string a) => ActionNames.GetValueOrDefault(a, a);
    public static string EntityName(string e) => EntityNames.GetValueOrDefault(e, e);

    public sealed class Handler(
        IDbContextFactory<OmbudDbContext> dbf, ICurrentUser currentUser, ILogger<Handler> log, AuditWriter? writer = null)
    {
        public async Task<Result> HandleAsync(Query query, CancellationToken ct = default)
        {
            if (writer is not null) await writer.FlushAsync(ct); // the views queued a moment ago are in the log too
            await using var db = await dbf.CreateDbContextAsync(ct);
            var (entries, unit) = await FilterAsync(db, query, ct);
            var total = await entries.CountAsync(ct);
            var pageSize = Math.Clamp(query.PageSize, 1, 500);
            var page = await ToRows(db, entries.OrderByDescending(a => a.AtUtc).ThenByDescending(a => a.Id)
                .Skip(Math.Max(0, query.Page) * pageSize).Take(pageSize), unit).ToListAsync(ct);
            return new Result(page, total);
        }

        /// <summary>All matching entries as CSV (UTF-8 with BOM, semicolons: opens directly in Swedish Excel).</summary>
        public async Task<byte[]> ExportCsvAsync(Query query, CancellationToken ct = default)
        {
            var me = await currentUser.GetAsync();
            if (writer is not null) await writer.FlushAsync(ct);
            await using var db = await dbf.CreateDbContextAsync(ct);
            var (entries, unit) = await FilterAsync(db, query, ct);
            var rows = await ToRows(db, entries.OrderBy(a => a.AtUtc).ThenBy(a => a.Id), unit).ToListAsync(ct);
            var csv = new StringBuilder("Tid;Användare;Händelse;Post;Id;Klientkod\r\n");
            foreach (var r in rows)
                csv.Append(string.Join(';', r.At, CsvCell.Escape(r.UserName), ActionName(r.Action),
                    CsvCell.Escape(EntityName(r.EntityType)), CsvCell.Escape(r.EntityId), CsvCell.Escape(r.ClientCode))).Append("\r\n");
            log.LogInformation("Audit log exported by {UserId}: {Count} entries", me.Id, rows.Count);
            return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
        }

        /// <summary>The client's code only for the unit's own clients (a denied attempt at another unit's client shows none).</summary>
        private static IQueryable<Row> ToRows(OmbudDbContext db, IQueryable<AuditEntry> entries, int unit) =>
            entries.Select(a => new Row(a.Id, a.AtUtc, a.UserName, a.Action, a.EntityType, a.EntityId,
                db.Clients.Where(c => c.Id == a.ClientId && c.UnitId == unit).Select(c => c.Code).FirstOrDefault()));

        private async Task<(IQueryable<AuditEntry> Entries, int Unit)> FilterAsync(OmbudDbContext db, Query q, CancellationToken ct)
        {
            var me = await currentUser.RequireAdminAsync("läsa granskningsloggen");
            var unit = me.UnitId;
            var entries = db.AuditEntries.AsNoTracking().Where(a => a.UnitId == unit);
            if (!string.IsNullOrWhiteSpace(q.UserName))
            {
                var user = q.UserName.Trim();
                entries = entries.Where(a => a.UserName == user);
            }
            if (!string.IsNullOrWhiteSpace(q.ClientCode))
            {
                var code = q.ClientCode.Trim().ToUpperInvariant();
                var clientId = await db.Clients.Where(c => c.Code == code && c.UnitId == unit)
                    .Select(c => (int?)c.Id).FirstOrDefaultAsync(ct);
                // An unknown code matches nothing (not the entries that have no client at all).
                entries = clientId is { } id ? entries.Where(a => a.ClientId == id) : entries.Where(a => false);
            }
            if (q.From is { } from)
            {
                var fromUtc = TimeZoneInfo.ConvertTimeToUtc(from.ToDateTime(TimeOnly.MinValue), SwedishTime.Zone);
                entries = entries.Where(a => a.AtUtc >= fromUtc);
            }
            if (q.To is { } to)
            {
                var toUtc = TimeZoneInfo.ConvertTimeToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue), SwedishTime.Zone);
                entries = entries.Where(a => a.AtUtc < toUtc);
            }
            if (!string.IsNullOrWhiteSpace(q.Action)) entries = entries.Where(a => a.Action == q.Action);
            return (entries, unit);
        }
    }

    public static Query FromQueryString(IQueryCollection q) => new(
        q["anvandare"].FirstOrDefault(), q["klientkod"].FirstOrDefault(),
        DateOnly.TryParse(q["fran"].FirstOrDefault(), CultureInfo.InvariantCulture, out var f) ? f : null,
        DateOnly.TryParse(q["till"].FirstOrDefault(), CultureInfo.InvariantCulture, out var t) ? t : null,
        q["handelse"].FirstOrDefault());

    public static string ToQueryString(Query q)
    {
        var parts = new List<string>();
        void Add(string k, string? v) { if (!string.IsNullOrWhiteSpace(v)) parts.Add(k + "=" + Uri.EscapeDataString(v)); }
        Add("anvandare", q.UserName);
        Add("klientkod", q.ClientCode);
        Add("fran", q.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("till", q.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("handelse", q.Action);
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }

    public static void MapAuditLogEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/admin/granskningslogg/export", async (HttpContext http, Handler handler, CancellationToken ct) =>
        {
            var bytes = await handler.ExportCsvAsync(FromQueryString(http.Request.Query), ct);
            return Results.File(bytes, "text/csv; charset=utf-8", $"granskningslogg-{DateTime.UtcNow:yyyyMMdd-HHmm}.csv");
        }).RequireAuthorization(p => p.RequireRole(Roles.Admin));
}
