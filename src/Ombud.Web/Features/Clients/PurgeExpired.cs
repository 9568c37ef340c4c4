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
        /// <summary>Returns the number of clients anonymised.</summary>
        public async Task<int> HandleAsync(CancellationToken ct = default)
        {
            await Admin.AdminAccess.RequireOperatorAsync(currentUser, "köra gallringen");
            var today = clock.Today();
            // A signed-in admin sweeps the own unit only; the daily sweep and the command line every unit.
            var unit = (await currentUser.FindAsync())?.UnitId;
            await using var db = await dbf.CreateDbContextAsync(ct);
            var clients = unit is { } u ? db.Clients.Where(c => c.UnitId == u) : db.Clients;
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
            var due = candidates.Where(c => (c.DisposeOn ?? c.LastClosed?.AddMonths(c.Retention)) is { } d && d <= today).Select(c => c.Id).ToList();
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
