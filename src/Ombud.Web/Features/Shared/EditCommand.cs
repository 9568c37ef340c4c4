namespace Ombud.Web.Features.Shared;

/// <summary>A command that edits an existing record under optimistic concurrency (see <see cref="EditConflicts"/>).</summary>
public interface IVersionedCommand
{
    /// <summary>The record's version when the form loaded it; null for a new record (no check).</summary>
    long? Version { get; set; }

    /// <summary>Accepts the newer version: the next save overwrites whatever the other user saved.</summary>
    void OverwriteFrom(long currentVersion);
}

/// <summary>
/// Base class of edit commands: carries the version the form loaded and the values it showed (<see cref="Loaded"/>).
/// Build an edit command with <see cref="Edit"/> (from a command's <c>From(dto)</c> factory): the same factory runs twice,
/// once for the form's values and once for the record as it was shown — nothing is copied.
/// </summary>
public abstract class EditCommand<TSelf> : IVersionedCommand where TSelf : EditCommand<TSelf>
{
    public long? Version { get; set; }

    /// <summary>
    /// The record's values as the form first showed them (before the user's edits); the handler compares them with the
    /// database to name what someone else changed. Kept in the form's draft, so a restored draft is compared with what
    /// it was based on. Null for a new record, and after <see cref="OverwriteFrom"/>.
    /// </summary>
    public TSelf? Loaded { get; set; }

    /// <summary>A command for editing an existing record: <paramref name="load"/> builds it from what the page loaded.</summary>
    public static TSelf Edit(Func<TSelf> load)
    {
        var command = load();
        var loaded = load();
        if (ReferenceEquals(command, loaded)) throw new InvalidOperationException("The factory must build a new command on each call.");
        command.Loaded = loaded;
        return command;
    }

    public void OverwriteFrom(long currentVersion)
    {
        Version = currentVersion;
        Loaded = null;
    }
}

/// <summary>
/// Someone else saved the record after this form loaded it. Nothing was saved. The message names the fields that
/// changed; the user can reload, or overwrite (<see cref="IVersionedCommand.OverwriteFrom"/> then save again).
/// </summary>
public sealed class ConcurrencyConflictException(IVersionedCommand? command, long currentVersion, IReadOnlyList<string> changedFields)
    : Exception(MessageFor(changedFields))
{
    public IVersionedCommand? Command { get; } = command;
    public long CurrentVersion { get; } = currentVersion;
    public IReadOnlyList<string> ChangedFields { get; } = changedFields;

    public static string MessageFor(IReadOnlyList<string> fields) => fields.Count switch
    {
        0 => "Någon annan har ändrat uppgifterna sedan du öppnade formuläret.",
        1 => $"Någon annan har ändrat {fields[0]} sedan du öppnade formuläret.",
        _ => $"Någon annan har ändrat {string.Join(", ", fields.Take(fields.Count - 1))} och {fields[^1]} sedan du öppnade formuläret.",
    };
}
