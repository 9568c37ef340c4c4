namespace Ombud.Web.Domain;

/// <summary>
/// Uppdrag: one period of PO work with a client, assigned to one ombud.
/// Status: väntar → aktiv ⇄ vilande → avslutad (a waiting mandate can also be closed, e.g. the person withdrew).
/// </summary>
public class Mandate : IVersioned
{
    /// <summary>Concurrency token, see <see cref="IVersioned"/>.</summary>
    public long Version { get; set; }
    public int Id { get; set; }
    public int ClientId { get; set; }
    public Client? Client { get; set; }
    /// <summary>The client's unit, repeated here so that per-unit lists and counts read the unit's mandates first.</summary>
    public int UnitId { get; set; }
    /// <summary>The ombud (user id); null while waiting on the unit's waiting list without an ombud.</summary>
    public string? OmbudId { get; set; }
    public MandateStatus Status { get; set; }
    /// <summary>Date the person asked for an ombud (waiting list entry). [statistical]</summary>
    public DateOnly RegisteredOn { get; set; }
    /// <summary>Date the mandate became active. [statistical]</summary>
    public DateOnly? StartDate { get; set; }
    public DateOnly? PausedOn { get; set; }
    public DateOnly? ClosedOn { get; set; }
    public int? ClosureReasonId { get; set; }
    public Category? ClosureReason { get; set; }
    /// <summary>What the client went on to after the mandate (studier, arbete, kamratstöd, ...), asked at close; optional.</summary>
    public int? AfterMandateId { get; set; }
    public Category? AfterMandate { get; set; }
    public int? ReferralPathId { get; set; }
    public Category? ReferralPath { get; set; }
    public List<Category> ContactReasons { get; set; } = [];
    /// <summary>Latest date something was recorded in the mandate (for stale-case review).</summary>
    public DateOnly LastActivityOn { get; set; }
    public List<Need> Needs { get; set; } = [];
    public List<Consent> Consents { get; set; } = [];
    public List<AuthorityContact> Contacts { get; set; } = [];
    public List<SipMeeting> SipMeetings { get; set; } = [];

    public bool IsOpen => Status != MandateStatus.Closed;

    public void Activate(DateOnly date)
    {
        if (Status != MandateStatus.Waiting) throw new DomainException("Bara ett väntande uppdrag kan aktiveras.");
        if (date < RegisteredOn) throw new DomainException("Startdatum kan inte vara före registreringsdatum.");
        Status = MandateStatus.Active;
        StartDate = date;
        Touch(date);
    }

    public void Pause(DateOnly date)
    {
        if (Status != MandateStatus.Active) throw new DomainException("Bara ett aktivt uppdrag kan göras vilande.");
        if (StartDate is { } s && date < s) throw new DomainException("Datumet kan inte vara före uppdragets start.");
        Status = MandateStatus.Paused;
        PausedOn = date;
        Touch(date);
    }

    public void Resume(DateOnly date)
    {
        if (Status != MandateStatus.Paused) throw new DomainException("Bara ett vilande uppdrag kan återupptas.");
        if (PausedOn is { } p && date < p) throw new DomainException("Datumet kan inte vara före datumet då uppdraget blev vilande.");
        Status = MandateStatus.Active;
        PausedOn = null;
        Touch(date);
    }

    public void Close(DateOnly date, Category reason)
    {
        if (Status == MandateStatus.Closed) throw new DomainException("Uppdraget är redan avslutat.");
        if (reason.Kind != CategoryKind.ClosureReason) throw new DomainException("Välj en avslutsorsak.");
        if (!reason.IsValidOn(date)) throw new DomainException("Avslutsorsaken gäller inte på avslutsdatumet.");
        var earliest = StartDate ?? RegisteredOn;
        if (date < earliest) throw new DomainException("Avslutsdatum kan inte vara före uppdragets start.");
        Status = MandateStatus.Closed;
        ClosedOn = date;
        ClosureReason = reason;
        ClosureReasonId = reason.Id;
        PausedOn = null;
    }

    /// <summary>
    /// What is still open and would stand on a closed mandate: needs not yet resolved, planned SIP meetings, and open SIP
    /// measures — except those handed on to a follow-up that has been held (the follow-up carries them; planned follow-ups
    /// are cancelled at the close, which hands their originals back). Needs <see cref="Needs"/> and <see cref="SipMeetings"/>
    /// with their measures loaded.
    /// </summary>
    public (IReadOnlyList<Need> Needs, IReadOnlyList<SipMeeting> PlannedMeetings, IReadOnlyList<SipMeasure> Measures) OpenWork()
    {
        var standing = SipMeetings.Where(s => s.Status == SipStatus.Held).ToList();
        return (
            Needs.Where(n => !Need.IsResolved(n.Status)).ToList(),
            SipMeetings.Where(s => s.Status == SipStatus.Planned).ToList(),
            SipMeetings.Where(s => !s.IsFollowedUpIn(standing)).SelectMany(s => s.OpenMeasures).ToList());
    }

    /// <summary>
    /// Ends what is still open when the mandate closes (see <see cref="OpenWork"/>), so nothing open remains on it: each open
    /// need gets its outcome from <paramref name="needOutcomes"/> (by need id; ej tillgodosett when not given), resolved on
    /// <paramref name="date"/>; planned SIP meetings are cancelled (inställda); open SIP measures become ej genomförda.
    /// </summary>
    public void EndOpenWork(DateOnly date, IReadOnlyDictionary<int, NeedStatus> needOutcomes)
    {
        var (needs, planned, measures) = OpenWork();
        foreach (var need in needs)
        {
            var outcome = needOutcomes.TryGetValue(need.Id, out var o) ? o : NeedStatus.NotMet;
            if (!Need.IsResolved(outcome)) throw new DomainException(
                "Ett öppet behov avslutas som tillgodosett, delvis tillgodosett eller ej tillgodosett.");
            need.SetStatus(outcome, date, date);
        }
        foreach (var meeting in planned) meeting.Status = SipStatus.Cancelled;
        foreach (var measure in measures) measure.Status = SipMeasureStatus.NotDone;
    }

    /// <summary>Records what the client went on to ("efter uppdraget"); null = not asked or not known.</summary>
    public void RecordAfterMandate(Category? after)
    {
        if (after is not null && after.Kind != CategoryKind.AfterMandate) throw new DomainException("Välj vad klienten gick vidare till.");
        if (after is not null && ClosedOn is { } c && !after.IsValidOn(c))
            throw new DomainException("Valet gäller inte på avslutsdatumet.");
        AfterMandate = after;
        AfterMandateId = after?.Id;
    }

    public void Touch(DateOnly date)
    {
        if (date > LastActivityOn) LastActivityOn = date;
    }

    /// <summary>True when the client has a valid consent for the actor on the date.</summary>
    public bool HasValidConsent(int actorId, DateOnly date) => Consents.Any(c => c.ActorId == actorId && c.IsValidOn(date));
}
