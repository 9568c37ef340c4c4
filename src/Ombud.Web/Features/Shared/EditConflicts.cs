using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Ombud.Web.Features.Shared;

/// <summary>
/// Optimistic concurrency for edit forms, EF Core's own pattern. The record's <see cref="IVersioned.Version"/> is a
/// concurrency token (raised on every save, <see cref="Concurrency.RaiseVersions"/>), so EF writes
/// <c>UPDATE … WHERE Id = @id AND Version = @loaded</c>. A handler that edits a record:
/// <code>
/// await EditConflicts.CheckAsync(db, need, cmd, Shown, ct);   // the record is newer than the form: name what changed
/// Apply(need, cmd);
/// await EditConflicts.SaveAsync(db, need, cmd, Shown, ct);    // a save that got in between: DbUpdateConcurrencyException
/// </code>
/// Either way the database's values (<see cref="EntityEntry.GetDatabaseValuesAsync"/>) are compared with the values the
/// form showed (<see cref="EditCommand{TSelf}.Loaded"/>) on the fields the form shows (<see cref="EditedFields{TEntity,TCmd}"/>).
/// If any of them changed, <see cref="ConcurrencyConflictException"/> names them (labels from the command's
/// <c>[Display]</c>) and nothing is saved. If none did (e.g. only the last-activity date moved), the save goes on.
/// </summary>
public static class EditConflicts
{
    private const int MaxAttempts = 3;

    /// <summary>
    /// Call right after loading the tracked record, before applying the command. No check for a new record or a command
    /// without a version. <paramref name="shown"/> null: any newer version is a conflict (a single action on the record).
    /// </summary>
    public static async Task CheckAsync<TEntity, TCmd>(DbContext db, TEntity entity, TCmd cmd, EditedFields<TEntity, TCmd>? shown,
        CancellationToken ct = default) where TEntity : class, IVersioned where TCmd : EditCommand<TCmd>
    {
        var entry = db.Entry(entity);
        if (cmd.Version is not { } loaded || entry.State is EntityState.Added or EntityState.Detached || entity.Version == loaded) return;
        // The record is newer than the form. Nothing the form shows changed: the save goes on against the newer version.
        await ThrowIfChangedAsync(db, entry, cmd, shown, ct);
    }

    /// <summary>
    /// Saves. When another save got in between (<see cref="DbUpdateConcurrencyException"/> on this record), the fields are
    /// compared as in <see cref="CheckAsync"/>: a conflict is thrown, or — nothing the form shows changed — the other
    /// save's values are kept for the fields this save does not change, and the save is tried again on top of it.
    /// </summary>
    public static async Task SaveAsync<TEntity, TCmd>(DbContext db, TEntity entity, TCmd cmd, EditedFields<TEntity, TCmd>? shown,
        CancellationToken ct = default) where TEntity : class, IVersioned where TCmd : EditCommand<TCmd>
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await db.SaveChangesAsync(ct);
                return;
            }
            catch (DbUpdateConcurrencyException ex) when (attempt < MaxAttempts && cmd.Version is not null
                && ex.Entries.Count == 1 && ReferenceEquals(ex.Entries[0].Entity, entity))
            {
                var entry = db.Entry(entity);
                var current = await ThrowIfChangedAsync(db, entry, cmd, shown, ct);
                foreach (var p in entry.Properties)
                {
                    var ours = p.IsModified;
                    p.OriginalValue = current[p.Metadata];
                    if (ours) continue;
                    p.CurrentValue = p.OriginalValue;
                    p.IsModified = false;
                }
            }
        }
    }

    /// <summary>For a single action on a record (no form values to compare): any newer version is a conflict, reload only.</summary>
    public static void CheckVersion(IVersioned entity, long? expected)
    {
        if (expected is { } v && entity.Version != v) throw new ConcurrencyConflictException(null, entity.Version, []);
    }

    private static async Task<PropertyValues> ThrowIfChangedAsync<TEntity, TCmd>(DbContext db, EntityEntry<TEntity> entry, TCmd cmd,
        EditedFields<TEntity, TCmd>? shown, CancellationToken ct) where TEntity : class, IVersioned where TCmd : EditCommand<TCmd>
    {
        var current = await entry.GetDatabaseValuesAsync(ct)
            ?? throw new DomainException("Uppgiften finns inte längre. Ladda om sidan.");
        var version = current.GetValue<long>(nameof(IVersioned.Version));
        if (shown is null || cmd.Loaded is null) throw new ConcurrencyConflictException(cmd, version, []);
        var changed = await shown.ChangedAsync(entry, current, cmd.Loaded, ct);
        if (changed.Count > 0) throw new ConcurrencyConflictException(cmd, version, changed);
        return current;
    }
}

/// <summary>
/// The fields an edit form shows of a record: each command field, the entity property it is stored in, and how the
/// command's value is stored (trimmed, a date, 0 for none). The conflict message names a field by its command
/// property's <c>[Display]</c> label (<see cref="FieldLabels.ShortOf"/>). Declare once per use case:
/// <code>
/// static readonly EditedFields&lt;Need, Command&gt; Shown = new EditedFields&lt;Need, Command&gt;()
///     .Field(c => c.ClientWords, n => n.ClientWords, EditedFields.Text)
///     .Field(c => c.Status, n => n.Status);
/// </code>
/// </summary>
public sealed class EditedFields<TEntity, TCmd> where TEntity : class where TCmd : class
{
    private delegate Task<bool> Same(EntityEntry<TEntity> entry, PropertyValues current, TCmd loaded, CancellationToken ct);

    private readonly List<(string Label, Same Same)> _fields = [];

    /// <summary>A field stored as it is in the command.</summary>
    public EditedFields<TEntity, TCmd> Field<TValue>(Expression<Func<TCmd, TValue>> field, Expression<Func<TEntity, TValue>> property) =>
        Field(field, property, v => v);

    /// <summary>
    /// A field stored through <paramref name="stored"/> (e.g. <see cref="EditedFields.Date"/>, <see cref="EditedFields.Text"/>).
    /// </summary>
    public EditedFields<TEntity, TCmd> Field<TValue,
    TStored>(Expression<Func<TCmd, TValue>> field, Expression<Func<TEntity, TStored>> property,
        Func<TValue, TStored> stored)
    {
        var name = FieldLabels.MemberOf(property).Name;
        var value = field.Compile();
        return Add(field, (_, current, loaded, _) => Task.FromResult(Equals(current[name], stored(value(loaded)))));
    }

    /// <summary>
    /// A list stored as related rows (many-to-many or child rows), compared by key: the rows now in the database
    /// (<c>entry.Collection(rows).Query()</c>, untracked) against the form's lines. <paramref name="shownSubset"/>: the form
    /// showed only some of the rows (e.g. the needs of the user's own clients), so only those must still be there.
    /// </summary>
    public EditedFields<TEntity, TCmd> Rows<TRow, TLine>(Expression<Func<TCmd, IEnumerable<TLine>>> field,
        Expression<Func<TEntity, IEnumerable<TRow>>> rows, Func<TRow, object?> rowKey, Func<TLine, object?> lineKey,
        bool shownSubset = false)
        where TRow : class
    {
        var lines = field.Compile();
        return Add(field, async (entry, _, loaded, ct) =>
        {
            var now = (await entry.Collection(rows).Query().AsNoTracking().ToListAsync(ct)).Select(rowKey).ToHashSet();
            var shown = lines(loaded).Select(lineKey).ToHashSet();
            return shownSubset ? shown.IsSubsetOf(now) : shown.SetEquals(now);
        });
    }

    private EditedFields<TEntity, TCmd> Add(LambdaExpression field, Same same)
    {
        _fields.Add((FieldLabels.ShortOf(FieldLabels.MemberOf(field)), same));
        return this;
    }

    /// <summary>The labels of the fields whose stored value differs from what the form showed.</summary>
    public async Task<IReadOnlyList<string>> ChangedAsync(
        EntityEntry<TEntity> entry, PropertyValues current, TCmd loaded, CancellationToken ct)
    {
        var changed = new List<string>();
        foreach (var (label, same) in _fields)
            if (!await same(entry, current, loaded, ct) && !changed.Contains(label)) changed.Add(label);
        return changed;
    }
}

/// <summary>How command values are stored, for <see cref="EditedFields{TEntity,TCmd}.Field{TValue,TStored}"/>.</summary>
public static class EditedFields
{
    /// <summary>Trimmed; empty or white space is stored as null.</summary>
    public static string? Text(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>Trimmed, for a required text.</summary>
    public static string Trimmed(string? s) => s?.Trim() ?? "";

    public static DateOnly? Date(DateTime? d) => Dates.ToDateOnly(d);

    /// <summary>A required date: the form's empty value never reaches the database (the validator refuses it).</summary>
    public static DateOnly RequiredDate(DateTime? d) => d is { } v ? DateOnly.FromDateTime(v) : default;

    /// <summary>A required pick (id): none is stored as 0.</summary>
    public static int Id(int? id) => id ?? 0;
}
