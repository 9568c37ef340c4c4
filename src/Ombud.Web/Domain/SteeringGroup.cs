namespace Ombud.Web.Domain;

/// <summary>
/// Ledamot i ledningsgruppen: an organisation's representative (municipality, region, Försäkringskassan,
/// Arbetsförmedlingen, user organisations) for a period. Staff of partner organisations, not clients.
/// </summary>
public class SteeringGroupMember : IVersioned
{
    /// <summary>Concurrency token, see <see cref="IVersioned"/>.</summary>
    public long Version { get; set; }
    public int Id { get; set; }
    public int UnitId { get; set; }
    public string Organisation { get; set; } = "";
    /// <summary>The representative's name. [identifying, staff of a partner organisation]</summary>
    public string PersonName { get; set; } = "";
    public string? Role { get; set; }
    public DateOnly From { get; set; }
    /// <summary>Last day as a member; null = still a member.</summary>
    public DateOnly? To { get; set; }

    /// <summary>A member at any time during the year (from on or before 31 Dec, not ended before 1 Jan).</summary>
    public bool IsActiveDuring(int year) => From <= new DateOnly(year, 12, 31) && (To is null || To >= new DateOnly(year, 1, 1));
}

/// <summary>Ledningsgruppsmöte: which system faults were presented, and short decisions.</summary>
public class SteeringGroupMeeting : IVersioned
{
    /// <summary>Concurrency token, see <see cref="IVersioned"/>.</summary>
    public long Version { get; set; }
    public int Id { get; set; }
    public int UnitId { get; set; }
    public DateOnly Date { get; set; }
    /// <summary>Short decisions text. [free text, no personal data]</summary>
    public string? Decisions { get; set; }
    /// <summary>Faults reported to the ledningsgrupp at this meeting.</summary>
    public List<SystemFault> Faults { get; set; } = [];
}
