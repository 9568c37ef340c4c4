namespace Ombud.Web.Features.Admin;

/// <summary>
/// Deletes a category entry that nothing refers to (typically one added by mistake). A used entry is ended instead
/// (<see cref="EndCategory"/>), so mandates, needs, actors and contacts keep pointing at it.
/// </summary>
public static class DeleteCategory
{
    public sealed record Command(int Id);

    public const string UsedMessage =
        "Posten används redan och kan inte tas bort. Avsluta den i stället, så finns den kvar för tidigare uppgifter men kan inte väljas " +
        "framåt.";

    public sealed class Handler(IDbContextFactory<OmbudDbContext> dbf, ICurrentUser currentUser)
    {
        public async Task HandleAsync(Command cmd, CancellationToken ct = default)
        {
            await currentUser.RequireSystemAdminAsync("ta bort poster i kategorilistorna");
            await using var db = await dbf.CreateDbContextAsync(ct);
            var entry = await db.Categories.FirstOrDefaultAsync(c => c.Id == cmd.Id, ct)
                ?? throw new DomainException("Posten finns inte längre. Ladda om sidan.");
            var usage = await CategoryUsage.CountAsync(db, [entry.Id], ct);
            if (usage.GetValueOrDefault(entry.Id) > 0) throw new DomainException(UsedMessage);

            db.Categories.Remove(entry);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Someone may have started using the entry after the check above, so the foreign keys (Restrict) refused
                // the delete: say so. Any other database error goes on to the caller unchanged.
                db.ChangeTracker.Clear();
                if ((await CategoryUsage.CountAsync(db, [entry.Id], ct)).Count > 0) throw new DomainException(UsedMessage);
                throw;
            }
        }
    }
}
