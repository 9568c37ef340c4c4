namespace Ombud.Web.Data;

/// <summary>
/// Versions of editable records (<see cref="IVersioned"/>), one mechanism for SQLite and SQL Server: every save raises
/// <see cref="IVersioned.Version"/> by one on each changed row; the property is a concurrency token, so EF writes
/// <c>UPDATE … WHERE Id = @id AND Version = @loaded</c> and throws <see cref="DbUpdateConcurrencyException"/> when someone
/// else saved first. What an edit form does with that (naming the changed fields) is in <c>Features/Shared/EditConflicts.cs</c>.
/// </summary>
public static class Concurrency
{
    /// <summary>Raises the version of every changed versioned row. Called by <see cref="OmbudDbContext"/> before each save.</summary>
    public static void RaiseVersions(DbContext db)
    {
        db.ChangeTracker.DetectChanges();
        foreach (var entry in db.ChangeTracker.Entries<IVersioned>())
        {
            if (entry.State == EntityState.Added && entry.Entity.Version == 0) entry.Entity.Version = 1;
            if (entry.State != EntityState.Modified) continue;
            var version = entry.Property(e => e.Version);
            version.CurrentValue = version.OriginalValue + 1;
        }
    }

    /// <summary>
    /// Marks a versioned record as changed (its version is raised) when only its children changed, e.g. a SIP meeting's measures.
    /// </summary>
    public static void Touch(DbContext db, IVersioned entity)
    {
        var entry = db.Entry(entity);
        if (entry.State == EntityState.Unchanged) entry.Property(nameof(IVersioned.Version)).IsModified = true;
    }
}
