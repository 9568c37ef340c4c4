namespace Ombud.Web.Domain;

/// <summary>
/// Samtycke: the client lets the ombud contact and share information with one actor. Specific, time-limited, revocable.
/// </summary>
public class Consent : IVersioned
{
    /// <summary>Concurrency token, see <see cref="IVersioned"/>.</summary>
    public long Version { get; set; }
    public int Id { get; set; }
    public int MandateId { get; set; }
    public int ActorId { get; set; }
    public Actor? Actor { get; set; }
    public DateOnly GivenOn { get; set; }
    public ConsentForm Form { get; set; }
    public DateOnly? ValidUntil { get; set; }
    public DateOnly? WithdrawnOn { get; set; }

    public bool IsValidOn(DateOnly date) =>
        GivenOn <= date && (ValidUntil is null || date <= ValidUntil) && (WithdrawnOn is null || date < WithdrawnOn);

    public void Withdraw(DateOnly date)
    {
        if (WithdrawnOn is not null) throw new DomainException("Samtycket är redan återkallat.");
        if (date < GivenOn) throw new DomainException("Återkallelsen kan inte vara före samtycket gavs.");
        WithdrawnOn = date;
    }
}
