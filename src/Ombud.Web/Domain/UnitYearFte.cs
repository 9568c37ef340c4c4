namespace Ombud.Web.Domain;

/// <summary>
/// The unit's årsarbetare (full-time equivalents) for one year, entered by the unit lead for the yearly report.
/// One per unit and year. [no personal data]
/// </summary>
public class UnitYearFte
{
    public const decimal Max = 1000m;

    public int Id { get; set; }
    public int UnitId { get; set; }
    public int Year { get; set; }
    /// <summary>E.g. 3.5; at most two decimals, 0–1000.</summary>
    public decimal Fte { get; set; }
}
