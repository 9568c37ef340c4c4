namespace Ombud.Web.Features.Admin;

/// <summary>
/// The admin changes the unit's name and its retention time (gallringstid): the months that name, personnummer and free
/// text may be kept after a mandate closes, per the municipality's gallringsbeslut (0 = removed at close). A new time
/// applies to mandates closed from now on; clients already closed keep the removal date they got at close. Audited.
/// </summary>
public static class SaveUnit
{
    /// <summary>Five years: the longest gallringsfrist the unit may choose; PO keep no journals, so most keep far less.</summary>
    public const int MaxRetentionMonths = 60;

    public sealed class Command
    {
        public string Name { get; set; } = "";
        public int? RetentionMonths { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.Name).RequiredName("Ange enhetens namn.");
            RuleFor(x => x.RetentionMonths).NotNull().WithMessage("Ange gallringstiden i månader (0 = tas bort vid avslut).")
                .InclusiveBetween(0, MaxRetentionMonths).WithMessage($"Gallringstiden ska vara mellan 0 och {MaxRetentionMonths} månader.");
        }
    }

    public sealed class Handler(
        IDbContextFactory<OmbudDbContext> dbf, IValidator<Command> validator, ICurrentUser currentUser, AuditInterceptor audit,
        ILogger<Handler> log)
    {
        public async Task HandleAsync(Command cmd, CancellationToken ct = default)
        {
            var me = await currentUser.RequireAdminAsync("ändra enhetens uppgifter");
            await validator.ValidateAndThrowAsync(cmd, ct);
            await using var db = await dbf.CreateDbContextAsync(ct);
            var unit = await db.Units.FirstOrDefaultAsync(u => u.Id == me.UnitId, ct) ?? throw new NotFoundOrForbiddenException();
            unit.Name = cmd.Name.Trim();
            unit.RetentionMonths = cmd.RetentionMonths!.Value;
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.SaveChangesAsync(ct);
            await audit.RecordAsync(db, AuditActions.Changed, nameof(Unit), unit.Id.ToString(), null, ct);
            await tx.CommitAsync(ct);
            log.LogInformation(
                "Unit {UnitId} changed by {UserId}; retention {RetentionMonths} months",
                unit.Id,
                me.Id,
                unit.RetentionMonths);
        }
    }
}
