namespace Ombud.Web.Domain;

/// <summary>Myndighetskontakt: a contact the ombud had with an actor on the client's behalf.</summary>
public class AuthorityContact : IVersioned
{
    /// <summary>Concurrency token, see <see cref="IVersioned"/>.</summary>
    public long Version { get; set; }
    public int Id { get; set; }
    public int MandateId { get; set; }
    public Mandate? Mandate { get; set; }
    public int ActorId { get; set; }
    public Actor? Actor { get; set; }
    public DateOnly Date { get; set; }
    public ContactChannel Channel { get; set; }
    public List<Category> HelpKinds { get; set; } = [];
    public int? NeedId { get; set; }
    public Need? Need { get; set; }
    /// <summary>Short outcome. [free text, sensitive]</summary>
    public string? Outcome { get; set; }
    public DateOnly? FollowUpOn { get; set; }
    /// <summary>The ombud confirmed the contact although no valid consent for the actor was recorded.</summary>
    public bool WithoutConsent { get; set; }
}
