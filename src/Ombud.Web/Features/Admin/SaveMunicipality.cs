namespace Ombud.Web.Features.Admin;

/// <summary>
/// Adds a municipality or city district that the admin's unit serves, or renames one (e.g. a misspelt name; the
/// clients and statistics stay with it, so reports show the new name). Names are unique in the unit by Swedish case
/// rules. Audited.
/// </summary>
public static class SaveMunicipality
{
    public sealed class Command
    {
        /// <summary>Null for a new municipality.</summary>
        public int? Id { get; set; }
        public string Name { get; set; } = "";
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.Name).RequiredName("Ange kommunens eller stadsdelens namn.");
        }
    }

    /// <summary>
    /// The admin's unit's municipality; another unit's is answered as "not found", like any record the user may not reach.
    /// </summary>
    internal static async Task<Municipality> FindOwnAsync(OmbudDbContext db, UserInfo me, int id, CancellationToken ct) =>
        await db.Municipalities.FirstOrDefaultAsync(m => m.Id == id && m.UnitId == me.UnitId, ct)
            ?? throw new NotFoundOrForbiddenException();

    public sealed class Handler(
        IDbContextFactory<OmbudDbContext> dbf, IValidator<Command> validator, ICurrentUser currentUser, AuditInterceptor audit)
    {
        /// <summary>Returns the municipality's id.</summary>
        public async Task<int> HandleAsync(Command cmd, CancellationToken ct = default)
        {
            var me = await currentUser.RequireAdminAsync("ändra enhetens kommuner och stadsdelar");
            await validator.ValidateAndThrowAsync(cmd, ct);
            await using var db = await dbf.CreateDbContextAsync(ct);
            Municipality municipality;
            if (cmd.Id is { } id)
            {
                municipality = await FindOwnAsync(db, me, id, ct);
            }
            else
            {
                if (!await db.Units.AnyAsync(u => u.Id == me.UnitId, ct)) throw new NotFoundOrForbiddenException();
                municipality = new Municipality { UnitId = me.UnitId };
                db.Municipalities.Add(municipality);
            }

            // The unique index (UnitId, Name) compares by the column's collation (case-sensitive in SQLite): check first,
            // by Swedish rules, so the admin gets a message instead of a database error.
            var name = cmd.Name.Trim();
            var names = await db.Municipalities.AsNoTracking()
                .Where(m => m.UnitId == me.UnitId && m.Id != municipality.Id)
                .Select(m => m.Name).ToListAsync(ct);
            if (names.Any(n => SwedishNames.Same(n, name)))
                throw new DomainException($"Enheten har redan en kommun eller stadsdel som heter \"{name}\".");

            municipality.Name = name;
            var isNew = municipality.Id == 0;
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.SaveChangesAsync(ct);
            await audit.RecordAsync(
                db,
                isNew ? AuditActions.Created : AuditActions.Changed,
                nameof(Municipality),
                municipality.Id.ToString(),
                null,
                ct);
            await tx.CommitAsync(ct);
            return municipality.Id;
        }
    }
}
