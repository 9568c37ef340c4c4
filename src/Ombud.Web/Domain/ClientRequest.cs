namespace Ombud.Web.Domain;

/// <summary>What a client asked for under the GDPR: a register extract (art. 15) or erasure (art. 17).</summary>
public enum ClientRequestKind { RegisterExtract = 0, Erasure = 1 }

/// <summary>
/// A client's request that Admin carried out because the client's ombud is gone: when it came in, what was asked, the
/// administrator's note (how it came in, the diary number — no personal data) and who did it. Kept as the record that
/// the request was handled; the client's data itself follows the normal rules.
/// </summary>
public class ClientRequest
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    public int ClientId { get; set; }
    /// <summary>The client's code. [statistical key]</summary>
    public string ClientCode { get; set; } = "";
    public ClientRequestKind Kind { get; set; }
    /// <summary>The date the request reached the unit. [operational]</summary>
    public DateOnly ReceivedOn { get; set; }
    /// <summary>How the request came in (e.g. "Brev, dnr 2026/123"). [operational; must not hold personal data]</summary>
    public string Note { get; set; } = "";
    public string ByUserId { get; set; } = "";
    public DateTime AtUtc { get; set; }
}

public static class ClientRequestKindNames
{
    public static string Name(this ClientRequestKind k) =>
        k == ClientRequestKind.Erasure ? "Radering (art. 17)" : "Registerutdrag (art. 15)";
}
