namespace Ombud.Web.Features.Clients;

/// <summary>Activate a waiting mandate, pause an active one (vilande), or resume a paused one.</summary>
public static class ChangeMandateStatus
{
    public enum Change { Activate, Pause, Resume }

    public sealed class Command : EditCommand<Command>
    {
        public int MandateId { get; set; }
        public Change Change { get; set; }
        public DateTime? Date { get; set; }

        /// <summary>The change on the mandate as the client page shows it (its version: a newer one is a conflict).</summary>
        public static Command For(GetClient.MandateInfo mandate, Change change, DateOnly date) =>
            new() { MandateId = mandate.Id, Change = change, Date = Dates.ToDateTime(date), Version = mandate.Version };
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(x => x.Change).IsInEnum();
            RuleFor(x => x.Date).NotNull().WithMessage("Ange datum.").NotInFuture(clock).InPlausibleRange(clock);
        }
    }

    public sealed class Handler(IDbContextFactory<OmbudDbContext> dbf, IValidator<Command> validator, ICurrentUser currentUser,
        AuditInterceptor audit, ILogger<Handler> log)
    {
        public async Task HandleAsync(Command cmd, CancellationToken ct = default)
        {
            var me = await currentUser.GetAsync();
            await validator.ValidateAndThrowAsync(cmd, ct);
            await using var db = await dbf.CreateDbContextAsync(ct);
            var mandate = await ClientAccess.OwnMandateAsync(db, audit, log, me, cmd.MandateId, ct: ct);
            await EditConflicts.CheckAsync(db, mandate, cmd, null, ct);
            var date = DateOnly.FromDateTime(cmd.Date!.Value);
            switch (cmd.Change)
            {
                case Change.Activate: mandate.Activate(date); break;
                case Change.Pause: mandate.Pause(date); break;
                default: mandate.Resume(date); break;
            }
            await db.SaveChangesAsync(ct);
        }
    }
}
