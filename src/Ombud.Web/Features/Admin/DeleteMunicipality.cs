namespace Ombud.Web.Features.Admin;

/// <summary>
/// Removes a municipality or district that no client has (typically one added by mistake). One with clients — anonymised
/// ones included, since the yearly statistics are reported per municipality — is never removed. Audited.
/// </summary>
public static class DeleteMunicipality
{
    public sealed record Command(int Id);

    public const string UsedMessage =
        "Kommunen eller stadsdelen har klienter och kan inte tas bort: klienterna och statistiken per kommun hör till den. " +
        "Byt namn på den om namnet är fel.";

    public sealed class Handler(IDbContextFactory<OmbudDbContext> dbf, ICurrentUser currentUser, AuditInterceptor audit)
    {
        public async Task HandleAsync(Command cmd, CancellationToken ct = default)
        {
            var me = await currentUser.RequireAdminAsync("ta bort kommuner och stadsdelar");
            await using var db = await dbf.CreateDbContextAsync(ct);
            var municipality = await SaveMunicipality.FindOwnAsync(db, me, cmd.Id, ct);
            if (await db.Clients.IgnoreQueryFilters().AnyAsync(c => c.MunicipalityId == municipality.Id, ct))
                throw new DomainException(UsedMessage);

            db.Municipalities.Remove(municipality);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            try
            {
                // posts (årsarbetare) entered for it go with it: a municipality without clients served nobody
                await db.MunicipalityYearPosts.Where(p => p.MunicipalityId == municipality.Id).ExecuteDeleteAsync(ct);
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // A client registered in it after the check above: the foreign key (Restrict) refused the delete.
                await tx.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                if (await db.Clients.IgnoreQueryFilters().AnyAsync(c => c.MunicipalityId == cmd.Id, ct))
                    throw new DomainException(UsedMessage);
                throw;
            }
            await audit.RecordAsync(db, AuditActions.Deleted, nameof(Municipality), cmd.Id.ToString(), null, ct);
            await tx.CommitAsync(ct);
        }
    }
}
