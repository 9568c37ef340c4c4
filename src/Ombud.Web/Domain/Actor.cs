namespace Ombud.Web.Domain;

/// <summary>Aktör: an authority or unit the ombud contacts on the client's behalf (Försäkringskassan, psykiatrin, ...).</summary>
public class Actor : IVersioned
{
    /// <summary>Concurrency token, see <see cref="IVersioned"/>.</summary>
    public long Version { get; set; }
    public int Id { get; set; }
    public int UnitId { get; set; }
    public string Name { get; set; } = "";
    public int ActorTypeId { get; set; }
    public Category? ActorType { get; set; }
    public bool IsActive { get; set; } = true;
}
