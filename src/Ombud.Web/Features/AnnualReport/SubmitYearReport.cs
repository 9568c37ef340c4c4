using System.Text.Json;

namespace Ombud.Web.Features.AnnualReport;

/// <summary>
/// Marks the year's report as submitted (inlämnad) to Länsstyrelsen: stores a snapshot of the unit's exact figures (the
/// report's JSON for all municipalities, both years), who and when. Once per unit and year. Later changes to the year's
/// data are allowed; <see cref="GetYearReportSubmission"/> shows what changed since, and the snapshot stays downloadable.
/// For the unit lead (an administrator may too).
/// </summary>
public static class SubmitYearReport
{
    public sealed class Handler(
        IDbContextFactory<OmbudDbContext> dbf, ICurrentUser currentUser, AuditInterceptor audit, TimeProvider clock, ILogger<Handler> log)
    {
        public async Task HandleAsync(int year, CancellationToken ct = default)
        {
            var me = await YearReport.RequireLeadOrAdminAsync(currentUser);
            if (year < 2000 || year > 2100) throw new DomainException("Ange ett år mellan 2000 och 2100.");
            await using var db = await dbf.CreateDbContextAsync(ct);
            if (await db.YearReportSubmissions.AnyAsync(s => s.UnitId == me.UnitId && s.Year == year, ct))
                throw new DomainException($"Årsrapporten för {year} är redan inlämnad.");
            var report = await YearReport.LoadAsync(dbf, me.UnitId, year, null, clock.Today(), ct);
            db.YearReportSubmissions.Add(new YearReportSubmission
            {
                UnitId = me.UnitId,
                Year = year,
                SubmittedAtUtc = clock.GetUtcNow().UtcDateTime,
                SubmittedById = me.Id,
                SubmittedByName = me.DisplayName,
                ReportJson = ReportJson.Serialize(report),
            });
            await db.SaveChangesAsync(ct);
            var id = year.ToString(CultureInfo.InvariantCulture);
            await audit.RecordAsync(db, AuditActions.Created, GetYearReportSubmission.AuditEntity, id, null, ct);
            log.LogInformation("Annual report {Year} submitted by user {UserId}", year, me.Id);
        }
    }
}

/// <summary>
/// The submitted report of a year (<see cref="SubmitYearReport"/>), if any: who, when, the snapshot, and every figure
/// that differs from today's ("ändrat efter inlämning"). Reading the snapshot for download is audited.
/// </summary>
public static class GetYearReportSubmission
{
    /// <summary>The audit entries' entity type; the id is the year.</summary>
    public const string AuditEntity = "YearReportSubmission";

    /// <param name="Path">The figure's place in the JSON, e.g. "clients.total" or "previousYear.contactReasons.Ekonomi".</param>
    public sealed record Difference(string Path, string? Submitted, string? Now);

    public sealed record Result(
        int Year, DateTime SubmittedAtUtc, string SubmittedByName, string ReportJson, IReadOnlyList<Difference> Differences)
    {
        public bool ChangedSinceSubmission => Differences.Count > 0;
    }

    public sealed class Handler(IDbContextFactory<OmbudDbContext> dbf, ICurrentUser currentUser, AuditInterceptor audit, TimeProvider clock)
    {
        /// <summary>The submission of the year, compared with today's figures; null when the year is not submitted.</summary>
        /// <param name="forDownload">True when the snapshot is downloaded: the read is audited.</param>
        /// <param name="computed">
        /// The report the caller has just computed for the signed-in user (the Årsrapport page's): when it is the year's exact
        /// report for all municipalities of the user's own unit it is compared as it is instead of being computed a second
        /// time (for a large unit that is seconds); any other report (another unit's, a sum over units, publication mode,
        /// one municipality, another year) is ignored.
        /// </param>
        public async Task<Result?> HandleAsync(
            int year, bool forDownload = false, YearReport.Report? computed = null, CancellationToken ct = default)
        {
            var me = await YearReport.RequireLeadOrAdminAsync(currentUser);
            await using var db = await dbf.CreateDbContextAsync(ct);
            var s = await db.YearReportSubmissions.AsNoTracking().FirstOrDefaultAsync(x => x.UnitId == me.UnitId && x.Year == year, ct);
            if (s is null) return null;
            // the snapshot holds the unit's exact figures for all municipalities, without the surveys (SubmitYearReport)
            var exact = computed is { Header: { Municipality: null, PublicationThreshold: null } h }
                        && h.Year == year && h.UnitId == me.UnitId;
            var current = exact
                ? computed! with { Surveys = null }
                : await YearReport.LoadAsync(dbf, me.UnitId, year, null, clock.Today(), ct);
            var now = ReportJson.Serialize(current);
            if (forDownload)
                await audit.RecordAsync(db, AuditActions.Exported, AuditEntity, year.ToString(CultureInfo.InvariantCulture), null, ct);
            return new Result(year, s.SubmittedAtUtc, s.SubmittedByName, s.ReportJson, Compare(s.ReportJson, now));
        }
    }

    /// <summary>Every value (number, text, null) whose path differs between the two JSON documents, in the submitted order. Pure.</summary>
    public static IReadOnlyList<Difference> Compare(string submittedJson, string nowJson)
    {
        using var a = JsonDocument.Parse(submittedJson);
        using var b = JsonDocument.Parse(nowJson);
        var before = Flatten(a.RootElement);
        var after = Flatten(b.RootElement);
        return before.Keys.Concat(after.Keys.Where(k => !before.ContainsKey(k)))
            .Where(k => before.GetValueOrDefault(k) != after.GetValueOrDefault(k))
            .Select(k => new Difference(k, before.GetValueOrDefault(k), after.GetValueOrDefault(k))).ToList();
    }

    private static Dictionary<string, string?> Flatten(JsonElement root)
    {
        var values = new Dictionary<string, string?>();
        void Walk(JsonElement e, string path)
        {
            switch (e.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var p in e.EnumerateObject()) Walk(p.Value, path.Length == 0 ? p.Name : path + "." + p.Name);
                    break;
                case JsonValueKind.Array:
                    values[path] = string.Join(", ", e.EnumerateArray().Select(x => x.ToString()));
                    break;
                case JsonValueKind.Null:
                    values[path] = null;
                    break;
                default:
                    values[path] = e.ToString();
                    break;
            }
        }
        Walk(root, "");
        return values;
    }
}
