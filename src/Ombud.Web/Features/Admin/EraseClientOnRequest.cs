using Ombud.Web.Features.Clients;

namespace Ombud.Web.Features.Admin;

/// <summary>
/// Radering (GDPR art. 17) on a recorded request when the client's ombud is gone: identity and free text are removed
/// now, the de-identified statistics stay. The mandate must be closed (the lead reassigns an open one first).
/// </summary>
public static class EraseClientOnRequest
{
    public sealed class Handler(
        IDbContextFactory<OmbudDbContext> dbf,
        IValidator<ListDataSubjectRequests.Command> validator,
        ICurrentUser currentUser,
        TimeProvider clock, ILogger<Handler> log)
    {
        public async Task HandleAsync(ListDataSubjectRequests.Command cmd, CancellationToken ct = default)
        {
            var me = await currentUser.RequireAdminAsync("radera klientuppgifter på begäran");
            await validator.ValidateAndThrowAsync(cmd, ct);
            await using var db = await dbf.CreateDbContextAsync(ct);
            var found = await ListDataSubjectRequests.FindClientForAdminAsync(db, me, cmd.ClientCode!, ct);
            var client = await ClientRecord.LoadWholeAsync(db, found.Id, ct);
            if (client.OpenMandate is not null)
                throw new DomainException(
                    "Klienten har ett öppet uppdrag. Enhetschefen behöver först omfördela det till ett ombud som avslutar det.");
            var now = clock.GetUtcNow().UtcDateTime;
            client.Anonymise(now);
            db.ClientRequests.Add(ListDataSubjectRequests.Record(me, client, ClientRequestKind.Erasure, cmd, now));
            await db.SaveChangesAsync(ct); // one transaction: the erasure and the record of the request
            log.LogInformation("Client {ClientId} erased on a recorded request by {UserId}", client.Id, me.Id);
        }
    }
}
