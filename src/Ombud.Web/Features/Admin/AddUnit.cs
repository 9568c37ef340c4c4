namespace Ombud.Web.Features.Admin;

/// <summary>
/// The Systemadministratör or the operator (<c>units add</c>) adds a unit to the installation with the municipalities or
/// city districts it serves, and the default actors every new unit starts with. Unit names are unique in the installation
/// (case-insensitive). The category lists are installation-wide and need nothing new. Audited (no values).
/// </summary>
public static class AddUnit
{
    public sealed class Command
    {
        public string Name { get; set; } = "";
        public IReadOnlyList<string> Municipalities { get; set; } = [];
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.Name).RequiredName("Ange enhetens namn.");
            RuleFor(x => x.Municipalities).NotEmpty().WithMessage("Ange minst en kommun eller stadsdel som enheten arbetar i.")
                .Must(m => m.Select(x => (x ?? "").Trim()).Distinct(StringComparer.CurrentCultureIgnoreCase).Count() == m.Count)
                .WithMessage("Samma kommun är angiven två gånger.");
            RuleForEach(x => x.Municipalities).RequiredName("Ange kommunens namn.");
        }
    }

    public sealed class Handler(
        IDbContextFactory<OmbudDbContext> dbf, IValidator<Command> validator, ICurrentUser currentUser, AuditInterceptor audit,
        ILogger<Handler> log)
    {
        /// <summary>Returns the new unit's id.</summary>
        public async Task<int> HandleAsync(Command cmd, CancellationToken ct = default)
        {
            await currentUser.RequireSystemAdminOrOperatorAsync("lägga till enheter");
            await validator.ValidateAndThrowAsync(cmd, ct);
            var name = cmd.Name.Trim();
            await using var db = await dbf.CreateDbContextAsync(ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var names = await db.Units.Select(u => u.Name).ToListAsync(ct);
            if (names.Any(n => ListUnits.Same(n, name))) throw new DomainException($"Det finns redan en enhet som heter {name}.");
            var unit = new Unit
            {
                Name = name,
                Municipalities = cmd.Municipalities.Select(m => new Municipality { Name = m.Trim() }).ToList(),
            };
            db.Units.Add(unit);
            await db.SaveChangesAsync(ct);
            await Data.Seed.DatabaseInitializer.AddDefaultActorsAsync(db, unit.Id, ct);
            await audit.RecordAsync(db, AuditActions.Created, nameof(Unit), unit.Id.ToString(), null, ct);
            await tx.CommitAsync(ct);
            log.LogInformation("Unit {UnitId} added with {Municipalities} municipalities", unit.Id, unit.Municipalities.Count);
            return unit.Id;
        }
    }
}
