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

    /// <summary>
    /// The audit entry's entity type; its id is "YEAR FORMAT" (e.g. "2025 xlsx") plus the municipality id when one is chosen.
    /// </summary>
    public const string AuditEntity = "AnnualReport";

    public sealed class Handler(
        IDbContextFactory<OmbudDbContext> dbf, ICurrentUser currentUser, AuditInterceptor audit, TimeProvider clock, ILogger<Handler> log)
    {
        /// <param name="publish">Publication mode: small counts suppressed (<see cref="Publication"/>).</param>
        public async Task<File> HandleAsync(
            int year, int? municipalityId, Format format, bool publish = false, CancellationToken ct = default)
        {
            var me = await YearReport.RequireLeadOrAdminAsync(currentUser);
            if (year < 2000 || year > 2100) throw new DomainException("Ange ett år mellan 2000 och 2100.");
            int? threshold = publish ? Suppression.DefaultThreshold : null;
            var report = await YearReport.LoadAsync(dbf, me.UnitId, year, municipalityId, clock.Today(), ct, threshold);
            report = await YearSurveys.AddToAsync(report, dbf, me.UnitId, ct);
            var ext = format == Format.Xlsx ? "xlsx" : "csv";
            var file = format == Format.Xlsx
                ? new File(ReportFiles.Xlsx(report), ReportFiles.XlsxContentType, ReportFiles.FileName(report.Header, ext))
                : new File(ReportFiles.Csv(report), ReportFiles.CsvContentType, ReportFiles.FileName(report.Header, ext));
            await using var db = await dbf.CreateDbContextAsync(ct);
            await audit.RecordReadAsync(db, AuditActions.Exported, AuditEntity,
                $"{year} {ext}{(municipalityId is { } m ? $" kommun {m}" : "")}{(publish ? " publicering" : "")}", null, ct);
            log.LogInformation("Annual report {Year} exported as {Format} by user {UserId}", year, ext, me.Id);
            return file;
        }
    }

    /// <summary>
    /// GET /arsrapport/export.xlsx?ar=YYYY[&amp;kommun=ID][&amp;publicera=ja] and /arsrapport/export.csv?… — for Enhetschef
    /// and Admin only (others get 403; anonymous requests go to the login page). The handler checks the role again.
    /// </summary>
    public static void MapAnnualReportEndpoints(this IEndpointRouteBuilder app)
    {
        var roles = new AuthorizeAttribute { Roles = string.Join(',', Roles.UnitLead, Roles.Admin) };
        app.MapGet("/arsrapport/export.xlsx",
                (HttpContext http, Handler handler, CancellationToken ct) => ExportAsync(http, handler, Format.Xlsx, ct))
            .RequireAuthorization(roles);
        app.MapGet("/arsrapport/export.csv",
                (HttpContext http, Handler handler, CancellationToken ct) => ExportAsync(http, handler, Format.Csv, ct))
            .RequireAuthorization(roles);
        app.MapGet("/arsrapport/inlamnad.json", SubmittedAsync).RequireAuthorization(roles);
    }

    public static string Href(Format format, int year, int? municipalityId, bool publish = false) =>
        $"/arsrapport/export.{(format == Format.Xlsx ? "xlsx" : "csv")}?ar={year}"
        + $"{(municipalityId is { } m ? $"&kommun={m}" : "")}{(publish ? "&publicera=ja" : "")}";

    /// <summary>GET /arsrapport/inlamnad.json?ar=YYYY: the submitted snapshot of the year (404 when not submitted); audited.</summary>
    private static async Task<IResult> SubmittedAsync(HttpContext http, GetYearReportSubmission.Handler handler, CancellationToken ct)
    {
        if (!int.TryParse(http.Request.Query["ar"], out var year)) return Results.BadRequest("Ange år (ar=ÅÅÅÅ).");
        try
        {
            var s = await handler.HandleAsync(year, forDownload: true, ct: ct);
            return s is null
                ? Results.NotFound("Årsrapporten är inte inlämnad.")
                : Results.File(System.Text.Encoding.UTF8.GetBytes(s.ReportJson), "application/json; charset=utf-8",
                    $"arsrapport-{year}-inlamnad.json");
        }
        catch (DomainException ex)
        {
            return Results.BadRequest(ex.Message);
        }
    }

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
            var file = await handler.HandleAsync(year, municipalityId, format, q["publicera"] == "ja", ct);
            return Results.File(file.Content, file.ContentType, file.FileName);
        }
        catch (DomainException ex)
        {
            return Results.BadRequest(ex.Message);
        }
    }
}
