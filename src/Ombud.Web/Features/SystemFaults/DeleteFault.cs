namespace Ombud.Web.Features.SystemFaults;

/// <summary>
/// The reporter deletes their own draft (e.g. written by mistake). A reported fault is never deleted. The draft must be
/// the version the page showed: a draft changed since (in another tab) is not deleted unseen.
/// </summary>
public static class DeleteFault
{
    public sealed class Handler(IDbContextFactory<OmbudDbContext> dbf, ICurrentUser currentUser, ILogger<Handler> log)
    {
        /// <param name="version">The draft's version when the page showed it; a newer one (edited in another tab) is a conflict. Null: not
        /// checked.</param>
        public async Task HandleAsync(int id, long? version = null, CancellationToken ct = default)
        {
            var me = await currentUser.RequireStaffAsync();
            await using var db = await dbf.CreateDbContextAsync(ct);
            var fault = await FaultAccess.LoadAsync(db, me, id, ct: ct);
            if (!me.IsOmbud || fault.ReportedById != me.Id)
                throw new DomainException("Bara den som rapporterade systembristen kan ta bort utkastet.");
            fault.EnsureEditable();
            EditConflicts.CheckVersion(fault, version);
            db.SystemFaults.Remove(fault);
            await db.SaveChangesAsync(ct);
            log.LogInformation("System fault draft {FaultId} deleted by user {UserId}", id, me.Id);
        }
    }
}
