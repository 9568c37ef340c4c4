using Ombud.Web.Features.Clients;

namespace Ombud.Web.Features.Caseload;

/// <summary>
/// When an ombud has room, the lead gives them a person from the waiting list: the mandate becomes active from the start
/// date and the client appears in the ombud's Mina klienter at once. Audited (the mandate and client change).
/// </summary>
public static class AssignFromWaitingList
{
    public sealed class Command
    {
        public int ClientId { get; set; }
        public string? OmbudId { get; set; }
        public DateTime? StartDate { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(x => x.OmbudId).NotEmpty().WithMessage("Välj ombud.");
            RuleFor(x => x.StartDate)
                .NotNull().WithMessage("Ange startdatum.")
                .NotInFuture(clock, "Startdatum kan inte ligga i framtiden.");
        }
    }

    public sealed class Handler(IDbContextFactory<OmbudDbContext> dbf, IValidator<Command> validator, ICurrentUser currentUser,
        AuditInterceptor audit, ILogger<Handler> log)
    {
        public async Task HandleAsync(Command cmd, CancellationToken ct = default)
        {
            var me = await currentUser.RequireUnitLeadAsync("hantera väntelistan");
            await validator.ValidateAndThrowAsync(cmd, ct);
            await using var db = await dbf.CreateDbContextAsync(ct);
            var client = await db.Clients.Include(c => c.Mandates.Where(m => m.Status != MandateStatus.Closed))
                .FirstOrDefaultAsync(c => c.Id == cmd.ClientId && c.UnitId == me.UnitId, ct);
            if (client is null)
            {
                await ClientAccess.DenyAsync(db, audit, log, me, nameof(Client), cmd.ClientId.ToString(), null, ct);
                throw new NotFoundOrForbiddenException();
            }
            var isUnitOmbud = await db.UsersInRole(Roles.Ombud)
                .AnyAsync(u => u.Id == cmd.OmbudId && u.UnitId == me.UnitId && u.IsActive, ct);
            if (!isUnitOmbud) throw new DomainException("Ombudet finns inte i enheten.");
            client.AssignFromWaitingList(cmd.OmbudId!, DateOnly.FromDateTime(cmd.StartDate!.Value));
            await db.SaveChangesAsync(ct);
            log.LogInformation("Client {ClientId} assigned from the waiting list to {OmbudId} by {UserId}", client.Id, cmd.OmbudId, me.Id);
        }
    }
}
