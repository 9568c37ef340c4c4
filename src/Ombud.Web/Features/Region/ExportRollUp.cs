using Microsoft.AspNetCore.Authorization;
using Ombud.Web.Features.AnnualReport;

namespace Ombud.Web.Features.Region;

/// <summary>
/// Downloads the granted units' roll-up as .xlsx for the Regional uppföljare (<see cref="RollUpFiles.Xlsx"/>: one sheet per
/// unit and one for the sum). Audited: who, when, which year and units — never values.
/// </summary>
public static class ExportRollUp
{
    public const string Route = "/region/export.xlsx";

    public static string Href(int year) => $"{Route}?ar={year}";

    public sealed class Handler(RollUpYearReport.Handler rollUps)
    {
        public async Task<ExportYearReport.File> HandleAsync(int year, CancellationToken ct = default)
        {
            var r = await rollUps.LoadGrantedAsync(year, "xlsx", ct);
            return new ExportYearReport.File(RollUpFiles.Xlsx(r), ReportFiles.XlsxContentType, RollUpFiles.FileName(r, "xlsx"));
        }
    }

    /// <summary>GET /region/export.xlsx?ar=YYYY — the Regional uppföljare only (others 403); the handler checks again.</summary>
    public static void MapRollUpEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet(Route, async (HttpContext http, Handler handler, CancellationToken ct) =>
        {
            if (!int.TryParse(http.Request.Query["ar"], out var year)) return Results.BadRequest("Ange år (ar=ÅÅÅÅ).");
            try
            {
                var file = await handler.HandleAsync(year, ct);
                return Results.File(file.Content, file.ContentType, file.FileName);
            }
            catch (DomainException ex)
            {
                return Results.BadRequest(ex.Message);
            }
        }).RequireAuthorization(new AuthorizeAttribute { Roles = Roles.RegionalViewer });
}
