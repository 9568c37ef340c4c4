namespace Ombud.Web.Features.Clients;

/// <summary>
/// Closes a mandate: date and closure reason, after the hand-over; then identity and free text are removed now, or on the
/// unit's retention date (gallring). The de-identified statistics stay. One transaction.
/// </summary>
public static class CloseMandate
{
    public sealed class Command : EditCommand<Command>
    {
        public int MandateId { get; set; }
        public DateTime? ClosedOn { get; set; }
        public int? ClosureReasonId { get; set; }
        /// <summary>True: remove identity and free text now. False: keep until the unit's retention time has passed.</summary>
        public bool RemoveIdentityNow { get; set; } = true;
        /// <summary>What the client went on to (efter uppdraget), optional: a category of that list valid on the closing date.</summary>
        public int? AfterMandateId { get; set; }

        /// <summary>Closing the mandate as the client page shows it (its version: a newer one is a conflict), dated <paramref name="today"/>.</summary>
        public static Command For(GetClient.MandateInfo mandate, DateOnly today) =>
            new() { MandateId = mandate.Id, ClosedOn = Dates.ToDateTime(today), Version = mandate.Version };
    }

    public sealed record Result(bool Anonymised, DateOnly? DisposeOn);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(x => x.ClosedOn).NotNull().WithMessage("Ange avslutsdatum.").NotInFuture(clock, "Avslutsdatum kan inte ligga i framtiden.").InPlausibleRange(clock);
            RuleFor(x => x.ClosureReasonId).NotNull().WithMessage("Välj avslutsorsak.");
        }
    }

    public sealed class Handler(IDbContextFactory<OmbudDbContext> dbf, IValidator<Command> validator, ICurrentUser currentUser,
        AuditInterceptor audit, TimeProvider clock, ILogger<Handler> log)
    {
        public async Task<Result> HandleAsync(Command cmd, CancellationToken ct = default)
        {
            var me = await currentUser.GetAsync();
            await validator.ValidateAndThrowAsync(cmd, ct);
            await using var db = await dbf.CreateDbContextAsync(ct);
            var mandate = await ClientAccess.OwnMandateAsync(db, audit, log, me, cmd.MandateId, ct: ct);
            await EditConflicts.CheckAsync(db, mandate, cmd, null, ct);
            var client = await ClientRecord.LoadWholeAsync(db, mandate.ClientId, ct);
            var reason = await db.Categories.FirstOrDefaultAsync(c => c.Id == cmd.ClosureReasonId, ct)
                ?? throw new DomainException("Avslutsorsaken finns inte.");
            var closedOn = DateOnly.FromDateTime(cmd.ClosedOn!.Value);
            var closing = client.Mandates.Single(m => m.Id == mandate.Id);
            closing.Close(closedOn, reason);
            if (cmd.AfterMandateId is { } afterId)
                closing.RecordAfterMandate(await db.Categories.FirstOrDefaultAsync(c => c.Id == afterId && c.Kind == CategoryKind.AfterMandate, ct)
                    ?? throw new DomainException("Valet för efter uppdraget finns inte."));

            var retention = await db.Units.Where(u => u.Id == client.UnitId).Select(u => u.RetentionMonths).FirstAsync(ct);
            if (cmd.RemoveIdentityNow || retention == 0) client.Anonymise(clock.GetUtcNow().UtcDateTime);
            else client.DisposeOn = closedOn.AddMonths(retention);
            await db.SaveChangesAsync(ct);
            log.LogInformation("Mandate {MandateId} closed; client {ClientId} anonymised: {Anonymised}", mandate.Id, client.Id, client.IsAnonymised);
            return new Result(client.IsAnonymised, client.DisposeOn);
        }
    }
}
