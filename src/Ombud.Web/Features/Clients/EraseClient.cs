namespace Ombud.Web.Features.Clients;

/// <summary>
/// Radering på begäran (GDPR art. 17): removes the client's identity and free text now, leaving only the de-identified
/// statistics. The mandate must be closed first (closing offers the same removal).
/// </summary>
public static class EraseClient
{
    public sealed class Handler(
        IDbContextFactory<OmbudDbContext> dbf, ICurrentUser currentUser, AuditInterceptor audit, TimeProvider clock, ILogger<Handler> log)
    {
        public async Task HandleAsync(int clientId, CancellationToken ct = default)
        {
            var me = await currentUser.GetAsync();
            await using var db = await dbf.CreateDbContextAsync(ct);
            if (!await db.Clients.OwnedBy(me).AnyAsync(c => c.Id == clientId, ct))
            {
                await ClientAccess.DenyAsync(db, audit, log, me, nameof(Client), clientId.ToString(), null, ct);
                throw new NotFoundOrForbiddenException();
            }
            var client = await ClientRecord.LoadWholeAsync(db, clientId, ct);
            if (client.OpenMandate is not null)
                throw new DomainException("Avsluta uppdraget först. Vid avslutet kan uppgifterna tas bort direkt.");
            client.Anonymise(clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(ct);
            log.LogInformation("Client {ClientId} erased on request by {UserId}", clientId, me.Id);
        }
    }
}
