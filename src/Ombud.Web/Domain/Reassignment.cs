namespace Ombud.Web.Domain;

/// <summary>Omfördelning: a client moved from one ombud to another by the unit lead, with the reason. [operational]</summary>
public class Reassignment
{
    public int Id { get; set; }
    public int ClientId { get; set; }
    public string FromOmbudId { get; set; } = "";
    public string ToOmbudId { get; set; } = "";
    /// <summary>Why (e.g. "Ombudet slutar"). Must not contain personal data.</summary>
    public string Reason { get; set; } = "";
    public DateTime AtUtc { get; set; }
    public string ByUserId { get; set; } = "";
}
