using Microsoft.AspNetCore.Authorization;

namespace Ombud.Web.Features.SystemFaults;

public static class SystemFaultEndpoints
{
    /// <summary>
    /// GET /systembrister/export?year=&amp;category=&amp;level=&amp;status=&amp;actor= — the filtered fault reports as .xlsx.
    /// Requires sign-in in one of the roles (anonymous requests go to the login page); the handler checks the role and the
    /// unit again and applies the filter from the query string itself. A malformed filter is refused, never widened.
    /// </summary>
    public static void MapSystemFaultEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/systembrister/export", async (HttpContext http, ExportFaults.Handler handler, CancellationToken ct) =>
            {
                if (!FaultFilter.TryParse(http.Request.QueryString.Value, out var filter))
                    return Results.BadRequest("Ogiltigt urval.");
                try
                {
                    var file = await handler.HandleAsync(filter, ct);
                    return Results.File(file.Content, ExportFaults.ContentType, file.FileName);
                }
                catch (DomainException)
                {
                    return Results.Forbid();
                }
            })
            .RequireAuthorization(new AuthorizeAttribute { Roles = string.Join(',', Roles.Ombud, Roles.UnitLead, Roles.Admin) });
}
