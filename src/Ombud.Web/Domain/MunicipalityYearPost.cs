namespace Ombud.Web.Domain;

/// <summary>
/// The posts (årsarbetare) a unit has in one municipality it serves for one year: the state grant is divided by posts per
/// municipality (HSLF-FS 2016:98). Entered by the unit lead on the Årsrapport page; one per municipality and year.
/// [no personal data]
/// </summary>
public class MunicipalityYearPost
{
    public int Id { get; set; }
    /// <summary>The municipality's unit, repeated so the report reads the unit's rows first.</summary>
    public int UnitId { get; set; }
    public int MunicipalityId { get; set; }
    public Municipality? Municipality { get; set; }
    public int Year { get; set; }
    /// <summary>E.g. 1.5; at most two decimals, 0–1000 (<see cref="UnitYearFte.Max"/>).</summary>
    public decimal Posts { get; set; }
}
