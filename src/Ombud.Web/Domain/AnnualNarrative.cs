namespace Ombud.Web.Domain;

/// <summary>
/// The unit's own words for the year's verksamhetsberättelse: the introduction the lead writes in the app, printed
/// before the year's figures, the system faults and the survey. One per unit and year.
/// </summary>
public class AnnualNarrative : IVersioned
{
    /// <summary>Concurrency token, see <see cref="IVersioned"/>.</summary>
    public long Version { get; set; }
    public int Id { get; set; }
    public int UnitId { get; set; }
    public int Year { get; set; }
    /// <summary>The introduction. [free text, may not name clients: it is published]</summary>
    public string? Introduction { get; set; }

    /// <summary>The introduction's longest length (a few pages of text).</summary>
    public const int MaxIntroduction = 4000;
}
