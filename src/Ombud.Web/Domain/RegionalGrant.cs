namespace Ombud.Web.Domain;

/// <summary>
/// A unit whose publication-mode yearly figures a Regionala uppföljare account may read (the roll-up, docs/statistics.md
/// "Regional sammanställning"). Granted and revoked by the Systemadministratör; revoking deletes the row (the audit log
/// keeps who granted and revoked what, when). [no personal data beyond the account id]
/// </summary>
public class RegionalGrant
{
    public int Id { get; set; }
    /// <summary>The Regional uppföljare's account (AspNetUsers.Id).</summary>
    public string UserId { get; set; } = "";
    public int UnitId { get; set; }
    public DateTime GrantedAtUtc { get; set; }
}
