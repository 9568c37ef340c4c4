using Microsoft.AspNetCore.Authorization;
using Ombud.Web.Features.AnnualReport;

namespace Ombud.Web.Features.Surveys;

/// <summary>
/// Downloads one round's results as .xlsx (the unit's own view, as the round page shows them: breakdowns and held texts
/// as there), with the yearly report's survey sheet (<see cref="ReportFiles.SurveyXlsx"/>). Audited: who, when, which
/// round — never the values.
/// </summary>
public static class ExportSurveyResults
{
    public const string AuditEntity = "SurveyResults";

    public sealed class Handler(IDbContextFactory<OmbudDbContext> dbf, GetSurveyResults.Handler results, AuditInterceptor audit,
        TimeProvider clock)
    {
        public async Task<ExportYearReport.File> HandleAsync(int roundId, CancellationToken ct = default)
        {
            var r = await results.HandleAsync(roundId, ct); // staff of the round's unit only
            var header = new YearReport.Header(r.Name, r.ClosesOn.Year, null, clock.Today());
            var content = ReportFiles.SurveyXlsx(header, YearSurveys.From(r));
            await using var db = await dbf.CreateDbContextAsync(ct);
            await audit.RecordReadAsync(db, AuditActions.Exported, AuditEntity, r.RoundId.ToString(CultureInfo.InvariantCulture), null, ct);
            return new ExportYearReport.File(content, ReportFiles.XlsxContentType, $"brukarundersokning-{r.RoundId}.xlsx");
        }
    }

    public static string Href(int roundId) => $"/enkater/{roundId}/resultat.xlsx";

    /// <summary>GET /enkater/{id}/resultat.xlsx for the unit's staff (another unit's round: 404).</summary>
    public static void MapSurveyEndpoints(this IEndpointRouteBuilder app)
    {
        var roles = new AuthorizeAttribute { Roles = string.Join(',', Roles.Ombud, Roles.UnitLead, Roles.Admin) };
        app.MapGet("/enkater/{Id:int}/resultat.xlsx", async (int id, Handler handler, CancellationToken ct) =>
        {
            try
            {
                var file = await handler.HandleAsync(id, ct);
                return Results.File(file.Content, file.ContentType, file.FileName);
            }
            catch (NotFoundOrForbiddenException)
            {
                return Results.NotFound();
            }
            catch (DomainException ex)
            {
                return Results.BadRequest(ex.Message);
            }
        }).RequireAuthorization(roles);
    }
}
