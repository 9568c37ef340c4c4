namespace Ombud.Web.Features.Caseload;

/// <summary>
/// Omfördelning: the unit lead moves one or many clients from one ombud to another (the ombud leaves, long absence), with a
/// reason. All or nothing; every moved client and mandate is audited; the new ombud sees them at once.
/// </summary>
public static class ReassignClients
{
    public sealed class Command
    {
        public string? FromOmbudId { get; set; }
        public string? ToOmbudId { get; set; }
        public IReadOnlyCollection<int> ClientIds { get; set; } = [];
        public string Reason { get; set; } = "";
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.FromOmbudId).NotEmpty().WithMessage("Välj vilket ombud klienterna ska flyttas från.");
            RuleFor(x => x.ToOmbudId).NotEmpty().WithMessage("Välj vilket ombud klienterna ska flyttas till.")
                .NotEqual(x => x.FromOmbudId).WithMessage("Välj ett annat ombud än det klienterna har nu.");
            RuleFor(x => x.ClientIds).NotEmpty().WithMessage("Välj minst en klient.");
            RuleFor(x => x.Reason).NotEmpty().WithMessage("Ange skälet till omfördelningen.")
                .MaximumLength(Limits.Reason).WithMessage($"Högst {Limits.Reason} tecken.");
        }
    }

    /// <summary>An ombud of the lead's unit, for the pickers.</summary>
    public sealed record Ombud(string Id, string Name);

    /// <summary>A client row the lead may see: code, status and dates — no names, personnummer or free text.</summary>
    public sealed record ClientRow(int ClientId, string Code, MandateStatus? Status, DateOnly? StartDate, DateOnly? LastActivityOn);

    public sealed class Handler(IDbContextFactory<OmbudDbContext> dbf, IValidator<Command> validator, ICurrentUser currentUser,
        TimeProvider clock, ILogger<Handler> log)
    {
        public async Task<IReadOnlyList<Ombud>> OmbudAsync(CancellationToken ct = default)
        {
            var me = await currentUser.RequireUnitLeadAsync("omfördela klienter");
            await using var db = await dbf.CreateDbContextAsync(ct);
            return await db.UsersInRole(Roles.Ombud).AsNoTracking()
                .Where(u => u.UnitId == me.UnitId && u.IsActive)
                .OrderBy(u => EF.Functions.Collate(u.DisplayName, db.SwedishCollation))
                .Select(u => new Ombud(u.Id, u.DisplayName))
                .ToListAsync(ct);
        }

        /// <summary>The ombud's clients with an open mandate (the ones worth moving).</summary>
        public async Task<IReadOnlyList<ClientRow>> ClientsOfAsync(string ombudId, CancellationToken ct = default)
        {
            var me = await currentUser.RequireUnitLeadAsync("omfördela klienter");
            await using var db = await dbf.CreateDbContextAsync(ct);
            return await db.Clients.AsNoTracking().Where(c => c.UnitId == me.UnitId && c.OmbudId == ombudId)
                .Select(c => new { c.Id, c.Code, M = c.Mandates.Where(m => m.Status != MandateStatus.Closed).FirstOrDefault() })
                .Where(x => x.M != null).OrderBy(x => x.Code)
                .Select(x => new ClientRow(x.Id, x.Code, x.M!.Status, x.M.StartDate, x.M.LastActivityOn)).ToListAsync(ct);
        }

        /// <summary>Returns the number of clients moved.</summary>
        public async Task<int> HandleAsync(Command cmd, CancellationToken ct = default)
        {
            var me = await currentUser.RequireUnitLeadAsync("omfördela klienter");
            await validator.ValidateAndThrowAsync(cmd, ct);
            await using var db = await dbf.CreateDbContextAsync(ct);
            var unitOmbud = await OmbudAsync(ct);
            if (unitOmbud.All(o => o.Id != cmd.ToOmbudId)) throw new DomainException("Ombudet finns inte i enheten.");
            var ids = cmd.ClientIds.Distinct().ToList();
            var clients = await db.Clients.Include(c => c.Mandates.Where(m => m.Status != MandateStatus.Closed))
                .Where(c => ids.Contains(c.Id) && c.UnitId == me.UnitId && c.OmbudId == cmd.FromOmbudId).ToListAsync(ct);
            if (clients.Count != ids.Count)
                throw new DomainException("Någon av klienterna har redan flyttats eller hör inte till ombudet. Ladda om och försök igen.");
            var now = clock.GetUtcNow().UtcDateTime;
            foreach (var c in clients) db.Reassignments.Add(c.ReassignTo(cmd.ToOmbudId!, cmd.Reason.Trim(), me.Id, now));
            await db.SaveChangesAsync(ct); // one transaction: all clients move, or none
            log.LogInformation("{Count} clients reassigned by {UserId} from {From} to {To}",
                clients.Count, me.Id, cmd.FromOmbudId, cmd.ToOmbudId);
            return clients.Count;
        }
    }
}
