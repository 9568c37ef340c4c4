using System.Collections;

namespace Ombud.Web.Data;

/// <summary>
/// Optimistic concurrency for editable records (<see cref="IVersioned"/>), one mechanism for SQLite and SQL Server:
/// <list type="number">
/// <item>Every save raises <see cref="IVersioned.Version"/> by one on each changed row (<see cref="RaiseVersions"/>);
/// the property is a concurrency token, so EF writes <c>UPDATE … WHERE Id = @id AND Version = @loaded</c>.</item>
/// <item>An edit form carries the version it loaded (<see cref="EditCommand{TSelf}.Version"/>) and a copy of the values
/// it showed (<see cref="EditCommand{TSelf}.Loaded"/>). The handler calls <see cref="Check{TCmd}"/>: when the row has a
/// newer version, it works out which fields someone else changed (by applying the loaded values to the current row and
/// seeing what moves) and throws <see cref="ConcurrencyConflictException"/>; nothing is saved.</item>
/// <item>A save that races past the check (another save between our read and our write) fails in the database with
/// <see cref="DbUpdateConcurrencyException"/>, shown as a conflict too.</item>
/// </list>
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

    /// <summary>Marks a versioned record as changed (its version is raised) when only its children changed, e.g. a SIP meeting's measures.</summary>
    public static void Touch(DbContext db, IVersioned entity)
    {
        var entry = db.Entry(entity);
        if (entry.State == EntityState.Unchanged) entry.Property(nameof(IVersioned.Version)).IsModified = true;
    }

    /// <summary>
    /// Throws <see cref="ConcurrencyConflictException"/> when <paramref name="entity"/> (just loaded, tracked) is no longer at
    /// the version the form loaded. <paramref name="apply"/> copies a command's values onto the entity (synchronously, without
    /// saving); it is used to find the fields that differ from what the form showed. No check for new records (no version).
    /// </summary>
    public static void Check<TCmd>(DbContext db, IVersioned entity, TCmd cmd, Action<TCmd>? apply = null,
        Func<TCmd, IEnumerable<string>>? otherChanges = null) where TCmd : EditCommand<TCmd>
    {
        if (cmd.Version is not { } expected) return;
        var entry = db.Entry(entity);
        if (entity.Version != expected)
        {
            if (cmd.Loaded is not { } loaded || apply is null) throw new ConcurrencyConflictException(cmd, entity.Version, []);
            var fields = ChangedFields(db, entity, () => apply(loaded)).Concat(otherChanges?.Invoke(loaded) ?? []).Distinct().ToList();
            // Reset what the comparison touched: the handler applies the user's values next.
            foreach (var p in entry.Properties) if (p.Metadata.Name != nameof(IVersioned.Version)) p.CurrentValue = p.OriginalValue;
            // The other save changed none of the fields this form shows (e.g. only the last-activity date): nothing to lose, go on.
            if (fields.Count > 0) throw new ConcurrencyConflictException(cmd, entity.Version, fields);
            return;
        }
        entry.Property(nameof(IVersioned.Version)).OriginalValue = expected;
    }

    /// <summary>For commands without a form copy (a single action such as withdrawing a consent): any newer version is a conflict.</summary>
    public static void Check(IVersioned entity, long? expected)
    {
        if (expected is { } v && entity.Version != v) throw new ConcurrencyConflictException(null, entity.Version, []);
    }

    /// <summary>Swedish names of the fields whose values <paramref name="apply"/> changes (rows of child lists: use otherChanges) on <paramref name="entity"/> (scalars and many-to-many lists).</summary>
    public static IReadOnlyList<string> ChangedFields(DbContext db, object entity, Action apply)
    {
        var entry = db.Entry(entity);
        var typeName = entry.Metadata.ClrType.Name;
        var scalars = entry.Properties.ToDictionary(p => p.Metadata.Name, p => p.CurrentValue);
        var lists = entry.Collections.ToDictionary(c => c.Metadata.Name, c => KeysOf(db, c.CurrentValue));
        try { apply(); }
        catch (Exception ex) when (ex is DomainException or InvalidOperationException) { /* the loaded values no longer apply; compare what moved */ }
        var changed = new List<string>();
        foreach (var (name, before) in scalars)
            if (!Equals(before, entry.Property(name).CurrentValue) && FieldNames.Find(typeName, name) is { } label) changed.Add(label);
        foreach (var (name, before) in lists)
            if (!before.SetEquals(KeysOf(db, entry.Collection(name).CurrentValue)) && FieldNames.Find(typeName, name) is { } label) changed.Add(label);
        return changed.Distinct().ToList();
    }

    private static HashSet<object> KeysOf(DbContext db, IEnumerable? items)
    {
        var keys = new HashSet<object>();
        if (items is null) return keys;
        foreach (var item in items)
        {
            var e = db.Entry(item);
            var key = e.Metadata.FindPrimaryKey()!.Properties.Select(p => e.Property(p.Name).CurrentValue).FirstOrDefault();
            keys.Add(key is int i && i > 0 ? i : item);
        }
        return keys;
    }
}
