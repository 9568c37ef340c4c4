namespace Ombud.Web.Features.Clients;

/// <summary>
/// The one access rule for client data: an ombud reaches only the clients whose current mandate is theirs.
/// Unit leads and admins reach no client records through these paths (they see figures elsewhere).
/// </summary>
public static class ClientAccess
{
    /// <summary>The unit first (one installation serves many units), then the ombud's own clients.</summary>
    public static IQueryable<Client> OwnedBy(this IQueryable<Client> clients, UserInfo me) =>
        me.IsOmbud ? clients.Where(c => c.UnitId == me.UnitId && c.OmbudId == me.Id) : clients.Where(c => false);

    /// <summary>
    /// Loads a mandate (with its client) the user may work in, or records the denied attempt and throws
    /// <see cref="NotFoundOrForbiddenException"/>. <paramref name="include"/> adds what the use case needs.
    /// </summary>
    public static async Task<Mandate> OwnMandateAsync(OmbudDbContext db, AuditInterceptor audit, ILogger log, UserInfo me, int mandateId,
        Func<IQueryable<Mandate>, IQueryable<Mandate>>? include = null, CancellationToken ct = default)
    {
        var q = db.Mandates.Include(m => m.Client).AsQueryable();
        if (include is not null) q = include(q);
        // Another unit's mandate is not found at all: its client is not named in this unit's audit log.
        var mandate = await q.FirstOrDefaultAsync(m => m.Id == mandateId && m.UnitId == me.UnitId, ct);
        if (mandate?.Client is null || !me.IsOmbud || mandate.Client.OmbudId != me.Id)
        {
            await DenyAsync(db, audit, log, me, nameof(Mandate), mandateId.ToString(), mandate?.ClientId, ct);
            throw new NotFoundOrForbiddenException();
        }
        return mandate;
    }

    public static async Task DenyAsync(
        OmbudDbContext db, AuditInterceptor audit, ILogger log, UserInfo me, string entity, string id, int? clientId, CancellationToken ct)
    {
        log.LogWarning("Access denied: user {UserId} to {Entity} {EntityId}", me.Id, entity, id);
        db.ChangeTracker.Clear();
        // Through the background writer, as a read is: a refused page never waits for (or fails on) someone else's
        // long write, and the row is kept even when the caller's transaction is rolled back.
        await audit.RecordReadAsync(db, AuditActions.AccessDenied, entity, id, clientId, ct);
    }

    /// <summary>Work can be recorded only in an open mandate.</summary>
    public static void EnsureOpen(Mandate m)
    {
        if (!m.IsOpen) throw new DomainException("Uppdraget är avslutat och kan inte ändras.");
    }
}
