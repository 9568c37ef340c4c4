namespace Ombud.Web.Domain;

/// <summary>Status of a SIP meeting: planerat → genomfört, or inställt. A fixed lifecycle, so an enum.</summary>
public enum SipStatus { Planned = 0, Held = 1, Cancelled = 2 }

/// <summary>Status of an agreed SIP measure: planerad / pågår / klar / ej genomförd.</summary>
public enum SipMeasureStatus { Planned = 0, InProgress = 1, Done = 2, NotDone = 3 }

/// <summary>
/// SIP-möte: PO's own short record of one SIP meeting the client has (samordnad individuell plan). The official plan
/// and the formal SIP consent belong to the huvudmän; PO keeps who met, what was agreed, the follow-up date and a
/// reference to where the plan is kept. No minutes.
/// </summary>
public class SipMeeting : IVersioned
{
    /// <summary>Concurrency token, see <see cref="IVersioned"/>.</summary>
    public long Version { get; set; }
    public int Id { get; set; }
    public int MandateId { get; set; }
    public Mandate? Mandate { get; set; }
    /// <summary>The meeting this one follows up, if it was created as a follow-up.</summary>
    public int? PreviousMeetingId { get; set; }

    public DateOnly Date { get; set; }
    /// <summary>Start time, Swedish local time (a wall-clock time, not a timestamp).</summary>
    public TimeOnly? Time { get; set; }
    public bool IsVideo { get; set; }
    /// <summary>Where the meeting is held, short. [identifying in practice: may point to a care unit]</summary>
    public string? Place { get; set; }
    public SipStatus Status { get; set; }
    /// <summary>The actor that called (kallade till) the meeting.</summary>
    public int? CalledById { get; set; }
    public Actor? CalledBy { get; set; }
    /// <summary>Huvudansvarig: the principal with overall responsibility for the plan.</summary>
    public int? LeadActorId { get; set; }
    public Actor? LeadActor { get; set; }

    public bool ClientAttends { get; set; } = true;
    /// <summary>
    /// Relatives taking part if the client wants, as a short note ("mamma", "2 närstående") — never identities. [sensitive]
    /// </summary>
    public string? Relatives { get; set; }
    /// <summary>The client's own goals, short. [free text, sensitive]</summary>
    public string? ClientGoals { get; set; }
    public DateOnly? FollowUpOn { get; set; }
    /// <summary>The huvudmän confirmed the client's consent to the SIP.</summary>
    public bool ConsentConfirmed { get; set; }
    /// <summary>The ombud asked for the SIP on the client's behalf.</summary>
    public bool RequestedByOmbud { get; set; }
    /// <summary>Where the official plan is kept (the plan belongs to the huvudmän). [sensitive]</summary>
    public string? PlanReference { get; set; }

    // The ombud's part: short yes/no, no journal.
    public bool PreparedClient { get; set; }
    public bool OmbudAttended { get; set; }
    public bool ExplainedOutcome { get; set; }

    public List<SipParticipant> Participants { get; set; } = [];
    public List<SipMeasure> Measures { get; set; } = [];

    public IEnumerable<SipMeasure> OpenMeasures => Measures.Where(m => m.IsOpen);

    /// <summary>Sets date, time and follow-up date; the follow-up cannot precede the meeting.</summary>
    public void Schedule(DateOnly date, TimeOnly? time, DateOnly? followUpOn)
    {
        if (followUpOn is { } f && f < date) throw new DomainException("Uppföljningen kan inte vara före mötets datum.");
        Date = date;
        Time = time;
        FollowUpOn = followUpOn;
    }

    /// <summary>Sets the status; a meeting cannot have been held on a date that has not come yet.</summary>
    public void SetStatus(SipStatus status, DateOnly today)
    {
        if (status == SipStatus.Held && Date > today) throw new DomainException("Ett genomfört möte kan inte ligga i framtiden.");
        Status = status;
    }

    /// <summary>True when the follow-up date has passed (in <paramref name="today"/>'s terms) and the meeting is not cancelled.</summary>
    public bool IsFollowUpOverdue(DateOnly today) => Status != SipStatus.Cancelled && FollowUpOn is { } f && f < today;

    /// <summary>
    /// A new, planned follow-up meeting: on the follow-up date (or <paramref name="fallbackDate"/>), with the same
    /// huvudansvarig, participants and plan reference, the client's goals, and copies of the measures that are still open.
    /// Done and not-carried-out measures stay with this meeting.
    /// </summary>
    public SipMeeting StartFollowUp(DateOnly fallbackDate)
    {
        if (Status == SipStatus.Cancelled) throw new DomainException("Ett inställt SIP-möte kan inte följas upp. Ändra mötet i stället.");
        return new SipMeeting
        {
            MandateId = MandateId,
            PreviousMeetingId = Id,
            Date = FollowUpOn ?? fallbackDate,
            Status = SipStatus.Planned,
            IsVideo = IsVideo,
            Place = Place,
            CalledById = CalledById,
            LeadActorId = LeadActorId,
            ClientAttends = ClientAttends,
            Relatives = Relatives,
            ClientGoals = ClientGoals,
            PlanReference = PlanReference,
            Participants = Participants
                .Select(p => new SipParticipant { ActorId = p.ActorId, ContactPerson = p.ContactPerson, Role = p.Role })
                .ToList(),
            Measures = OpenMeasures
                .Select(m => new SipMeasure { ActorId = m.ActorId, What = m.What, DueOn = m.DueOn, Status = m.Status })
                .ToList(),
        };
    }

    /// <summary>
    /// True when <paramref name="meetings"/> (the mandate's meetings) hold a follow-up of this meeting that is not cancelled.
    /// Such a meeting has handed its open measures on: the follow-up carries copies of them, so the ones left here are
    /// "överförda till uppföljning" — not open, never overdue and not counted anywhere. Cancelling the follow-up hands them back.
    /// </summary>
    public bool IsFollowedUpIn(IEnumerable<SipMeeting> meetings) =>
        meetings.Any(s => s.PreviousMeetingId == Id && s.Id != Id && s.Status != SipStatus.Cancelled);

    /// <summary>
    /// The client's current SIP: the latest meeting (by date, then as recorded) that is neither cancelled nor followed up
    /// by a meeting that is not cancelled; else the latest not cancelled one, else the latest cancelled one; null when
    /// there is none. A followed-up meeting is never current while its follow-up stands, whatever the dates say.
    /// </summary>
    public static SipMeeting? Current(IEnumerable<SipMeeting> meetings)
    {
        var ordered = meetings.OrderByDescending(m => m.Date).ThenByDescending(m => m.Id).ToList();
        return ordered.FirstOrDefault(m => m.Status != SipStatus.Cancelled && !m.IsFollowedUpIn(ordered))
            ?? ordered.FirstOrDefault(m => m.Status != SipStatus.Cancelled) ?? ordered.FirstOrDefault();
    }
}

/// <summary>A participant actor at a SIP meeting, with the contact person (name, short) and role.</summary>
public class SipParticipant
{
    public int Id { get; set; }
    public int SipMeetingId { get; set; }
    public int ActorId { get; set; }
    public Actor? Actor { get; set; }
    /// <summary>Contact person at the actor. [identifying (staff of the actor)]</summary>
    public string? ContactPerson { get; set; }
    /// <summary>E.g. "handläggare", "sjuksköterska". [operational]</summary>
    public string? Role { get; set; }
}

/// <summary>An agreed SIP measure: who (an actor, required), what (short), by when, status.</summary>
public class SipMeasure
{
    public int Id { get; set; }
    public int SipMeetingId { get; set; }
    public int ActorId { get; set; }
    public Actor? Actor { get; set; }
    /// <summary>What the actor will do, short. [free text, sensitive]</summary>
    public string What { get; set; } = "";
    public DateOnly? DueOn { get; set; }
    public SipMeasureStatus Status { get; set; }

    /// <summary>Still to be done: planerad or pågår (klar and ej genomförd are outcomes).</summary>
    public bool IsOpen => IsOpenStatus(Status);

    public static bool IsOpenStatus(SipMeasureStatus s) => s is SipMeasureStatus.Planned or SipMeasureStatus.InProgress;

    /// <summary>Open and its date is before <paramref name="today"/> (pass Swedish today: <c>clock.Today()</c>).</summary>
    public bool IsOverdue(DateOnly today) => IsOverdue(Status, DueOn, today);

    public static bool IsOverdue(SipMeasureStatus status, DateOnly? dueOn, DateOnly today) =>
        IsOpenStatus(status) && dueOn is { } d && d < today;
}

/// <summary>Swedish names for the SIP enums.</summary>
public static class SipText
{
    public static string Name(this SipStatus s) => s switch
    {
        SipStatus.Planned => "Planerat",
        SipStatus.Held => "Genomfört",
        _ => "Inställt",
    };

    public static string Name(this SipMeasureStatus s) => s switch
    {
        SipMeasureStatus.Planned => "Planerad",
        SipMeasureStatus.InProgress => "Pågår",
        SipMeasureStatus.Done => "Klar",
        _ => "Ej genomförd",
    };
}
