using Ombud.Web.Features.Clients;

namespace Ombud.Web.Features.Contacts;

/// <summary>The client withdraws a consent (from a date). The consent stays on record as withdrawn.</summary>
public static class WithdrawConsent
{
    public sealed record Command(int MandateId, int ConsentId, DateOnly Date, long? Version = null);

    public sealed class Handler(
        IDbContextFactory<OmbudDbContext> dbf, ICurrentUser currentUser, AuditInterceptor audit, TimeProvider clock, ILogger<Handler> log)
    {
        public async Task HandleAsync(Command cmd, CancellationToken ct = default)
        {
            var me = await currentUser.GetAsync();
            // The client withdraws a consent when they say so; an end date agreed in advance is "giltigt till".
            if (cmd.Date > clock.Today())
                throw new Domain.DomainException(
                    "Återkallelsen kan inte ligga i framtiden. Ange ett slutdatum som \"Giltigt till\" i stället.");
            await using var db = await dbf.CreateDbContextAsync(ct);
            var mandate = await ClientAccess.OwnMandateAsync(db, audit, log, me, cmd.MandateId, q => q.Include(m => m.Consents), ct);
            ClientAccess.EnsureOpen(mandate);
            var consent = mandate.Consents.FirstOrDefault(c => c.Id == cmd.ConsentId)
                ?? throw new Domain.DomainException("Samtycket finns inte längre. Ladda om sidan.");
            EditConflicts.CheckVersion(consent, cmd.Version);
            consent.Withdraw(cmd.Date);
            await db.SaveChangesAsync(ct);
        }
    }
}
