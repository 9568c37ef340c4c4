using Microsoft.AspNetCore.Authorization;

namespace Ombud.Web.Features.AnnualReport;

/// <summary>
/// Downloads the yearly report as .xlsx or CSV for the unit lead or an administrator. The export is recorded in the
/// audit log (who, when, which year and format). The files come from <see cref="ReportFiles"/>, as on the command line.
/// </summary>
public static class ExportYearReport
{
    public enum Format { Xlsx, Csv }

    public sealed record File(byte[] Content, string ContentType, string FileName);

    /// <summary>The audit entry's entity type; its id is "YEAR FORMAT" (e.g. "2025 xlsx") plus the municipality id when one is chosen.</summary>
    public const string AuditEntity = "AnnualReport";

    public sealed class Handler(IDbContextFactory<OmbudDbContext> dbf, ICurrentUser currentUser, AuditInterceptor audit, TimeProvider clock, ILogger<Handler> log)
    {
        public async Task<File> HandleAsync(int year, int? municipalityId, Format format, CancellationToken ct = default)
        {
            var me = await YearReport.RequireLeadOrAdminAsync(currentUser);
            if (year < 2000 || year > 2100) throw new DomainException("Ange ett år mellan 2000 och 2100.");
            var report = await YearReport.LoadAsync(dbf, me.UnitId, year, municipalityId, clock.Today(), ct);
            var ext = format == Format.Xlsx ? "xlsx" : "csv";
            var file = format == Format.Xlsx
                ? new File(ReportFiles.Xlsx(report), ReportFiles.XlsxContentType, ReportFiles.FileName(report.Header, ext))
                : new File(ReportFiles.Csv(report), ReportFiles.CsvContentType, ReportFiles.FileName(report.Header, ext));
            await using var db = await dbf.CreateDbContextAsync(ct);
            await audit.RecordReadAsync(db, AuditActions.Exported, AuditEntity, $"{year} {ext}{(municipalityId is { } m ? $" kommun {m}" : "")}", null, ct);
            log.LogInformation("Annual report {Year} exported as {Format} by user {UserId}", year, ext, me.Id);
            return file;
        }
    }

    /// <summary>
    /// GET /arsrapport/export.xlsx?ar=YYYY[&amp;kommun=ID] and /arsrapport/export.csv?… — for Enhetschef and Admin only
    /// (others get 403; anonymous requests go to the login page). The handler checks the role again.
    /// </summary>
    public static void MapAnnualReportEndpoints(this IEndpointRouteBuilder app)
    {
        var roles = new AuthorizeAttribute { Roles = string.Join(',', Roles.UnitLead, Roles.Admin) };
        app.MapGet("/arsrapport/export.xlsx", (HttpContext http, Handler handler, CancellationToken ct) => ExportAsync(http, handler, Format.Xlsx, ct)).RequireAuthorization(roles);
        app.MapGet("/arsrapport/export.csv", (HttpContext http, Handler handler, CancellationToken ct) => ExportAsync(http, handler, Format.Csv, ct)).RequireAuthorization(roles);
    }

    public static string Href(Format format, int year, int? municipalityId) =>
        $"/arsrapport/export.{(format == Format.Xlsx ? "xlsx" : "csv")}?ar={year}{(municipalityId is { } m ? $"&kommun={m}" : "")}";

    private static async Task<IResult> ExportAsync(HttpContext http, Handler handler, Format format, CancellationToken ct)
    {
        var q = http.Request.Query;
        if (!int.TryParse(q["ar"], out var year)) return Results.BadRequest("Ange år (ar=ÅÅÅÅ).");
        int? municipalityId = null;
        if (q["kommun"].FirstOrDefault() is { Length: > 0 } k)
        {
            if (!int.TryParse(k, out var m)) return Results.BadRequest("Ogiltig kommun.");
            municipalityId = m;
        }
        try
        {
            var file = await handler.HandleAsync(year, municipalityId, format, ct);
            return Results.File(file.Content, file.ContentType, file.FileName);
        }
        catch (DomainException ex)
        {
            return Results.BadRequest(ex.Message);
        }
    }
}
