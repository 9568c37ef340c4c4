namespace Ombud.Web.Domain;

/// <summary>Verksamhet: a PO unit, serving one or more municipalities or city districts.</summary>
public class Unit
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    /// <summary>
    /// Months to keep identity and free text after a mandate closes, per the municipality's gallringsbeslut. 0 = remove at
    /// close. Default 3; the close step still offers removal at once (the default choice there).
    /// </summary>
    public int RetentionMonths { get; set; } = 3;
    public List<Municipality> Municipalities { get; set; } = [];
}

/// <summary>Kommun or stadsdel served by a unit. Statistics are reported per municipality.</summary>
public class Municipality
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    public string Name { get; set; } = "";
    /// <summary>False when the unit no longer serves it: not offered for new clients, kept for its clients and statistics.</summary>
    public bool IsActive { get; set; } = true;
}
