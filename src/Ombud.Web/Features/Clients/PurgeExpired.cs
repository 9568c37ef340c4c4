namespace Ombud.Web.Features.Clients;

/// <summary>
/// Retention sweep (gallring): anonymises clients whose mandates are all closed and whose retention time has passed —
/// the date set at close, or the unit's retention months after the latest closing. A client with an open mandate is
/// never touched. Run daily by <see cref="RetentionSweepService"/> and on demand with the <c>purge</c> verb.
/// </summary>
public static class PurgeExpired
{
    public sealed class Handler(IDbContextFactory<OmbudDbContext> dbf, ICurrentUser currentUser, TimeProvider clock, ILogger<Handler> log)
    {
        /// <summary>Every unit (the daily sweep; a signed-in admin: their own unit). Returns the number of clients anonymised.</summary>
        public Task<int> HandleAsync(CancellationToken ct = default) => HandleAsync(null, ct);

        /// <summary>
        /// One unit (<c>purge --unit</c>), or every unit when <paramref name="unitId"/> is null; a signed-in admin sweeps
        /// only their own unit. Returns the number of clients anonymised.
        /// </summary>
        public async Task<int> HandleAsync(int? unitId, CancellationToken ct = default)
        {
            var scope = await Admin.AdminAccess.OperatorUnitAsync(currentUser, unitId, "köra gallringen");
            var today = clock.Today();
            await using var db = await dbf.CreateDbContextAsync(ct);
            var clients = scope is { } only ? db.Clients.Where(c => c.UnitId == only) : db.Clients;
            var candidates = await clients
                .Where(c => c.AnonymisedAtUtc == null && c.Mandates.All(m => m.Status == MandateStatus.Closed) && c.Mandates.Any())
                .Select(c => new
                {
                    c.Id,
                    c.DisposeOn,
                    LastClosed = c.Mandates.Max(m => m.ClosedOn),
                    Retention = db.Units.Where(u => u.Id == c.UnitId).Select(u => u.RetentionMonths).First(),
                })
                .ToListAsync(ct);
            var due = candidates
                .Where(c => (c.DisposeOn ?? c.LastClosed?.AddMonths(c.Retention)) is { } d && d <= today)
                .Select(c => c.Id)
                .ToList();
            foreach (var id in due)
            {
                var client = await ClientRecord.LoadWholeAsync(db, id, ct);
                client.Anonymise(clock.GetUtcNow().UtcDateTime);
                await db.SaveChangesAsync(ct); // one client per transaction: a failure leaves the others done and this one untouched
                db.ChangeTracker.Clear();
            }
            if (due.Count > 0) log.LogInformation("Retention sweep anonymised {Count} clients", due.Count);
            return due.Count;
        }
    }
}
