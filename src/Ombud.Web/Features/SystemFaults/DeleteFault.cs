using Microsoft.EntityFrameworkCore;
using Ombud.Web.Data;
using Ombud.Web.Domain;
using Ombud.Web.Infrastructure;

namespace Ombud.Web.Features.SystemFaults;

/// <summary>The reporter deletes their own draft (e.g. written by mistake). A reported fault is never deleted.</summary>
public static class DeleteFault
{
    public sealed class Handler(IDbContextFactory<OmbudDbContext> dbf, ICurrentUser currentUser, ILogger<Handler> log)
    {
        public async Task HandleAsync(int id, CancellationToken ct = default)
        {
            var me = await currentUser.RequireStaffAsync();
            await using var db = await dbf.CreateDbContextAsync(ct);
            var fault = await FaultAccess.LoadAsync(db, me, id, ct: ct);
            if (!me.IsOmbud || fault.ReportedById != me.Id) throw new DomainException("Bara den som rapporterade systembristen kan ta bort utkastet.");
            fault.EnsureEditable();
            db.SystemFaults.Remove(fault);
            await db.SaveChangesAsync(ct);
            log.LogInformation("System fault draft {FaultId} deleted by user {UserId}", id, me.Id);
        }
    }
}
