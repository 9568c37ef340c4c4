namespace Ombud.Web.Domain;

/// <summary>
/// An entry in one of the category lists (kontaktorsaker, kontaktvägar, ...). The lists are data, not enums:
/// Länsstyrelsen's form changes, so each entry has a validity period and old data keeps pointing at old entries.
/// </summary>
public class Category : IVersioned
{
    /// <summary>Concurrency token, see <see cref="IVersioned"/>.</summary>
    public long Version { get; set; }
    public int Id { get; set; }
    public CategoryKind Kind { get; set; }
    public string Name { get; set; } = "";
    public int SortOrder { get; set; }
    /// <summary>First day the entry may be used; null = valid for all past dates.</summary>
    public DateOnly? ValidFrom { get; set; }
    /// <summary>Last day the entry may be used; null = still valid.</summary>
    public DateOnly? ValidTo { get; set; }

    public bool IsValidOn(DateOnly date) => (ValidFrom is null || ValidFrom <= date) && (ValidTo is null || date <= ValidTo);
}
