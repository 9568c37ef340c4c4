namespace Ombud.Web.Domain;

/// <summary>
/// Klient. Only the code is required: a client may be anonymous. Name and personnummer are identifying and are removed
/// at anonymisation; gender, birth year, municipality and children at home are the de-identified statistics facts.
/// </summary>
public class Client : IVersioned
{
    /// <summary>Concurrency token, see <see cref="IVersioned"/>.</summary>
    public long Version { get; set; }
    public int Id { get; set; }
    public int UnitId { get; set; }
    /// <summary>Generated, unique, carries no meaning. [statistical key, not identifying on its own]</summary>
    public string Code { get; set; } = "";
    /// <summary>Name or alias. [identifying]</summary>
    public string? Name { get; set; }
    /// <summary>Folded name for case-insensitive search (å/ä/ö aware). [identifying]</summary>
    public string? NameFolded { get; set; }
    /// <summary>Normalised ÅÅÅÅMMDDNNNN. [identifying, sensitive]</summary>
    public string? PersonalNumber { get; set; }
    public Gender Gender { get; set; }
    public int? BirthYear { get; set; }
    public int MunicipalityId { get; set; }
    public Municipality? Municipality { get; set; }
    public ChildrenAtHome ChildrenAtHome { get; set; }
    /// <summary>The ombud responsible for the client's current mandate (user id); null while on the unit's waiting list
    /// without an ombud.</summary>
    public string? OmbudId { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    /// <summary>When identity and free text were removed (null = not anonymised). [operational]</summary>
    public DateTime? AnonymisedAtUtc { get; set; }
    /// <summary>Identity and free text are removed on this date at the latest (set at close: the unit's retention). [operational]</summary>
    public DateOnly? DisposeOn { get; set; }
    public bool IsAnonymised => AnonymisedAtUtc is not null;
    public List<Mandate> Mandates { get; set; } = [];

    public void SetName(string? name)
    {
        Name = string.IsNullOrWhiteSpace(name) ? null : name.Trim();
        NameFolded = Name is null ? null : SwedishText.Fold(Name);
    }

    /// <summary>The mandate that is not closed, if any. A client never has two open mandates.</summary>
    public Mandate? OpenMandate => Mandates.FirstOrDefault(m => m.Status != MandateStatus.Closed);

    /// <summary>
    /// Removes identity and free text (name, personnummer, needs' own words, contact outcomes, SIP goals, places, plan
    /// references, relatives, contact persons and measure texts) and keeps the de-identified
    /// statistics facts (code, gender, birth year, municipality, children, dates, categories). Needs the whole record
    /// loaded (<c>ClientRecord.LoadWholeAsync</c>). Never for a client with an open mandate.
    /// </summary>
    public void Anonymise(DateTime atUtc)
    {
        if (OpenMandate is not null) throw new DomainException("En klient med ett öppet uppdrag kan inte avidentifieras.");
        Name = null;
        NameFolded = null;
        PersonalNumber = null;
        foreach (var m in Mandates)
        {
            foreach (var n in m.Needs) n.ClientWords = "";
            foreach (var c in m.Contacts) c.Outcome = null;
            foreach (var sip in m.SipMeetings)
            {
                sip.Place = null;
                sip.Relatives = null;
                sip.ClientGoals = null;
                sip.PlanReference = null;
                foreach (var p in sip.Participants) p.ContactPerson = null;
                foreach (var measure in sip.Measures) measure.What = "";
            }
        }
        AnonymisedAtUtc ??= atUtc;
        DisposeOn = null;
    }

    /// <summary>Moves the client (and the open mandate, if any) to another ombud.</summary>
    public Reassignment ReassignTo(string toOmbudId, string reason, string byUserId, DateTime atUtc)
    {
        if (toOmbudId == OmbudId) throw new DomainException("Klienten har redan det ombudet.");
        if (OmbudId is null) throw new DomainException("Klienten står på väntelistan utan ombud. Tilldela ett ombud från väntelistan.");
        var r = new Reassignment
        {
            ClientId = Id,
            FromOmbudId = OmbudId,
            ToOmbudId = toOmbudId,
            Reason = reason,
            AtUtc = atUtc,
            ByUserId = byUserId,
        };
        OmbudId = toOmbudId;
        if (OpenMandate is { } m) m.OmbudId = toOmbudId;
        return r;
    }

    /// <summary>
    /// Opens a new mandate (on the waiting list, or active from <paramref name="startDate"/>). Without an ombud the
    /// mandate waits on the unit's waiting list until the lead assigns one (<see cref="AssignFromWaitingList"/>).
    /// A returning client (all earlier mandates closed) gets a new one from the last closing date on; the removal date set
    /// at that closing no longer applies while the client has an open mandate. Needs <see cref="Mandates"/> loaded.
    /// </summary>
    public Mandate OpenNewMandate(string? ombudId, DateOnly registeredOn, DateOnly? startDate)
    {
        if (OpenMandate is not null)
            throw new DomainException("Klienten har redan ett öppet uppdrag. Avsluta det innan ett nytt öppnas.");
        if (IsAnonymised)
            throw new DomainException("Klientens uppgifter är borttagna. Registrera klienten som ny klient.");
        if (Mandates.Max(m => m.ClosedOn) is { } lastClosed && registeredOn < lastClosed)
            throw new DomainException($"Första kontakt kan inte vara före det förra uppdragets avslut ({lastClosed:yyyy-MM-dd}).");
        if (ombudId is null && startDate is not null)
            throw new DomainException("Ett uppdrag utan ombud kan bara stå på väntelistan.");
        if (startDate is { } s && s < registeredOn)
            throw new DomainException("Startdatum kan inte vara före registreringsdatum.");
        var mandate = new Mandate
        {
            Client = this,
            UnitId = UnitId,
            OmbudId = ombudId,
            RegisteredOn = registeredOn,
            Status = startDate is null ? MandateStatus.Waiting : MandateStatus.Active,
            StartDate = startDate,
            LastActivityOn = startDate ?? registeredOn,
        };
        Mandates.Add(mandate);
        OmbudId = ombudId;
        DisposeOn = null;
        return mandate;
    }

    /// <summary>Gives the waiting mandate to an ombud, who starts it on <paramref name="startDate"/>.</summary>
    public Mandate AssignFromWaitingList(string ombudId, DateOnly startDate)
    {
        var mandate = OpenMandate;
        if (mandate is null || mandate.Status != MandateStatus.Waiting)
            throw new DomainException("Personen står inte längre på väntelistan.");
        if (string.IsNullOrEmpty(ombudId)) throw new DomainException("Välj ett ombud.");
        mandate.OmbudId = ombudId;
        OmbudId = ombudId;
        mandate.Activate(startDate);
        return mandate;
    }
}
