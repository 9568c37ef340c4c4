namespace Ombud.Web.Features.Clients;

/// <summary>
/// A returning client: the ombud opens a new mandate for their own client whose last mandate is closed (and whose
/// identity is still kept) — first contact, start now or wait, referral path and contact reasons, by the same rules as a
/// registration. Never two open mandates (domain rule and the database's unique index). The earlier mandates stay as
/// they were; the client page, Mina klienter and the statistics then follow the new one.
/// </summary>
public static class OpenMandate
{
    public sealed class Command : IMandateStart
    {
        public int ClientId { get; set; }
        public bool StartNow { get; set; } = true;
        public DateTime? RegisteredOn { get; set; }
        public DateTime? StartDate { get; set; }
        public int? ReferralPathId { get; set; }
        public IEnumerable<int> ContactReasonIds { get; set; } = [];
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock) => Include(new MandateStartValidator(clock));
    }

    public sealed class Handler(
        IDbContextFactory<OmbudDbContext> dbf, IValidator<Command> validator, ICurrentUser currentUser, AuditInterceptor audit,
        ILogger<Handler> log)
    {
        /// <summary>Returns the new mandate's id.</summary>
        public async Task<int> HandleAsync(Command cmd, CancellationToken ct = default)
        {
            var me = await currentUser.GetAsync();
            if (!me.IsOmbud) throw new DomainException("Bara ombud kan öppna nya uppdrag.");
            await validator.ValidateAndThrowAsync(cmd, ct);
            var (registeredOn, startDate, categoryDate) = MandateStartValidator.Dates(cmd);

            await using var db = await dbf.CreateDbContextAsync(ct);
            var client = await db.Clients.OwnedBy(me).Include(c => c.Mandates).FirstOrDefaultAsync(c => c.Id == cmd.ClientId, ct);
            if (client is null)
            {
                await ClientAccess.DenyAsync(db, audit, log, me, nameof(Client), cmd.ClientId.ToString(), null, ct);
                throw new NotFoundOrForbiddenException();
            }
            var (referral, reasons) =
                await MandateCategories.LoadAsync(db, cmd.ReferralPathId, cmd.ContactReasonIds, categoryDate, "startdatumet", ct);
            var mandate = client.OpenNewMandate(me.Id, registeredOn, startDate);
            mandate.ReferralPath = referral;
            mandate.ContactReasons.AddRange(reasons);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Another tab opened one first: the unique index (one open mandate per client) refused this one.
                db.ChangeTracker.Clear();
                if (await db.Mandates.AnyAsync(m => m.ClientId == client.Id && m.Status != MandateStatus.Closed, ct))
                    throw new DomainException("Klienten har redan ett öppet uppdrag. Ladda om sidan.");
                throw;
            }
            log.LogInformation("Mandate {MandateId} opened for returning client {ClientId}", mandate.Id, client.Id);
            return mandate.Id;
        }
    }
}
