namespace Ombud.Web.Domain;

/// <summary>
/// Granskningslogg: who did what to which client record, when. Never field values. Append-only from the app.
/// </summary>
public class AuditEntry
{
    public long Id { get; set; }
    /// <summary>
    /// The unit whose log the entry belongs to: the acting user's unit, or for work without a user (the retention sweep,
    /// the command line) the client's unit. Null for installation-wide work. Each unit's admin sees its own entries only.
    /// </summary>
    public int? UnitId { get; set; }
    public DateTime AtUtc { get; set; }
    public string UserId { get; set; } = "";
    public string UserName { get; set; } = "";
    /// <summary>E.g. Viewed, Created, Changed, Deleted, AccessDenied, Exported.</summary>
    public string Action { get; set; } = "";
    public string EntityType { get; set; } = "";
    public string? EntityId { get; set; }
    public int? ClientId { get; set; }
}

public static class AuditActions
{
    public const string Viewed = "Viewed";
    public const string Created = "Created";
    public const string Changed = "Changed";
    public const string Deleted = "Deleted";
    public const string AccessDenied = "AccessDenied";
    /// <summary>A spreadsheet import (entity "Import"; the entity id holds the counts, never values).</summary>
    public const string Imported = "Imported";
    /// <summary>
    /// The first of several write transactions of an import (entity "Import", counts only). Without an <see cref="Imported"/>
    /// entry by the same user after it, the import stopped half-way (docs/import.md).
    /// </summary>
    public const string ImportStarted = "ImportStarted";
    /// <summary>A file was taken out of the system (e.g. the yearly report as .xlsx).</summary>
    public const string Exported = "Exported";
}
