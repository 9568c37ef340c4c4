namespace Ombud.Web.Domain;

/// <summary>Behov: a need the client has, in one life area, in the client's own words.</summary>
public class Need : IVersioned
{
    /// <summary>Concurrency token, see <see cref="IVersioned"/>.</summary>
    public long Version { get; set; }
    public int Id { get; set; }
    public int MandateId { get; set; }
    public Mandate? Mandate { get; set; }
    public int LifeAreaId { get; set; }
    public Category? LifeArea { get; set; }
    /// <summary>The client's own words, short. [free text, sensitive]</summary>
    public string ClientWords { get; set; } = "";
    public NeedStatus Status { get; set; }
    public DateOnly IdentifiedOn { get; set; }
    /// <summary>Set when the status becomes tillgodosett / delvis / ej tillgodosett.</summary>
    public DateOnly? ResolvedOn { get; set; }

    public static bool IsResolved(NeedStatus s) => s is NeedStatus.Met or NeedStatus.PartlyMet or NeedStatus.NotMet;

    /// <summary>
    /// Sets the status; a resolved need keeps the date it was resolved on (<paramref name="resolvedOn"/>, else its old date, else today).
    /// </summary>
    public void SetStatus(NeedStatus status, DateOnly today, DateOnly? resolvedOn = null)
    {
        Status = status;
        ResolvedOn = IsResolved(status) ? resolvedOn ?? ResolvedOn ?? today : null;
    }
}
