namespace Ombud.Web.Domain;

/// <summary>Verksamhet: a PO unit, serving one or more municipalities or city districts.</summary>
public class Unit
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public List<Municipality> Municipalities { get; set; } = [];
}

/// <summary>Kommun or stadsdel served by a unit. Statistics are reported per municipality.</summary>
public class Municipality
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    public string Name { get; set; } = "";
}
