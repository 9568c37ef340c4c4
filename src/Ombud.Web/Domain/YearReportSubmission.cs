namespace Ombud.Web.Domain;

/// <summary>
/// The yearly report as the unit lead submitted it (inlämnad) to Länsstyrelsen: a snapshot of the figures (the report's
/// JSON, both years), who and when. Later changes to the year's data are allowed; the report page compares the figures
/// of today with this snapshot, which stays downloadable. One per unit and year. [counts only, no client data]
/// </summary>
public class YearReportSubmission
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    public int Year { get; set; }
    public DateTime SubmittedAtUtc { get; set; }
    /// <summary>The user who submitted it (user id). [operational]</summary>
    public string SubmittedById { get; set; } = "";
    /// <summary>Their name at the time, so the snapshot still says who after the account is gone. [identifying (staff)]</summary>
    public string SubmittedByName { get; set; } = "";
    /// <summary>The report's JSON as <c>report --format json</c> writes it (docs/statistics.md), exact (not publication mode).</summary>
    public string ReportJson { get; set; } = "";
}
