namespace Ombud.Web.Domain;

/// <summary>
/// Systembrist: a recurring fault in the welfare system that leaves clients' needs unmet, reported by an ombud and taken
/// to the ledningsgrupp. Holds no personal data: the texts are checked before saving, and linked needs are shown only as
/// a count and their life areas.
/// Workflow: utkast → rapporterad till ledningsgrupp → vidarerapporterad → besvarad → avslutad. The ledningsgrupp may
/// answer without forwarding (rapporterad → besvarad), and a reported fault may be closed at any later step.
/// </summary>
public class SystemFault : IVersioned
{
    /// <summary>Concurrency token, see <see cref="IVersioned"/>.</summary>
    public long Version { get; set; }
    public int Id { get; set; }
    public int UnitId { get; set; }
    /// <summary>The ombud who reported the fault (user id). Only they edit the draft.</summary>
    public string ReportedById { get; set; } = "";
    public DateTime CreatedAtUtc { get; set; }
    /// <summary>When the fault was observed/recorded. [statistical: faults reported in Y]</summary>
    public DateOnly Date { get; set; }
    public int CategoryId { get; set; }
    public Category? Category { get; set; }
    public FaultLevel Level { get; set; }
    public List<Actor> Actors { get; set; } = [];
    /// <summary>What the fault is. [free text, must hold no personal data]</summary>
    public string Description { get; set; } = "";
    /// <summary>What it means for clients. [free text, must hold no personal data]</summary>
    public string? Consequence { get; set; }
    public int ClientsAffected { get; set; }
    /// <summary>Needs of the reporter's own clients that went unmet because of the fault. Shown only as a count and life areas.</summary>
    public List<Need> Needs { get; set; } = [];

    public FaultStatus Status { get; private set; } = FaultStatus.Draft;
    public int? SteeringGroupMeetingId { get; private set; }
    public SteeringGroupMeeting? SteeringGroupMeeting { get; private set; }
    /// <summary>The date of the meeting the fault was reported at.</summary>
    public DateOnly? ReportedOn { get; private set; }
    public bool ForwardedToCountyBoard { get; private set; }
    public bool ForwardedToActor { get; private set; }
    public DateOnly? ForwardedOn { get; private set; }
    /// <summary>The response received. [free text, must hold no personal data]</summary>
    public string? Response { get; private set; }
    public DateOnly? AnsweredOn { get; private set; }
    public DateOnly? ClosedOn { get; private set; }

    /// <summary>The steps allowed from each status; every other transition is refused.</summary>
    public static IReadOnlyList<FaultStatus> AllowedNext(FaultStatus from) => from switch
    {
        FaultStatus.Draft => [FaultStatus.ReportedToSteeringGroup],
        FaultStatus.ReportedToSteeringGroup => [FaultStatus.Forwarded, FaultStatus.Answered, FaultStatus.Closed],
        FaultStatus.Forwarded => [FaultStatus.Answered, FaultStatus.Closed],
        FaultStatus.Answered => [FaultStatus.Closed],
        _ => [],
    };

    public bool CanMoveTo(FaultStatus next) => AllowedNext(Status).Contains(next);

    public bool IsDraft => Status == FaultStatus.Draft;

    /// <summary>The texts and classification can be changed only while the report is a draft.</summary>
    public void EnsureEditable()
    {
        if (!IsDraft) throw new DomainException("Systembristen är redan rapporterad. Bara nästa steg i flödet kan registreras.");
    }

    /// <summary>The latest date recorded in the workflow; a later step cannot be dated before it.</summary>
    public DateOnly LatestStepDate =>
        new[] { (DateOnly?)Date, ReportedOn, ForwardedOn, AnsweredOn }.Max() ?? Date;

    public void ReportToSteeringGroup(SteeringGroupMeeting meeting)
    {
        Require(FaultStatus.ReportedToSteeringGroup);
        if (meeting.UnitId != UnitId) throw new DomainException("Mötet hör inte till enhetens ledningsgrupp.");
        if (meeting.Date < Date) throw new DomainException("Mötet kan inte vara före systembristens datum.");
        SteeringGroupMeeting = meeting;
        SteeringGroupMeetingId = meeting.Id;
        ReportedOn = meeting.Date;
        Status = FaultStatus.ReportedToSteeringGroup;
    }

    /// <summary>The meeting the fault was reported at got a new date; later steps must still follow it.</summary>
    public void MeetingRescheduled(DateOnly meetingDate)
    {
        if (meetingDate < Date) throw new DomainException(
            "Mötet kan inte flyttas till före datumet för en systembrist som rapporterades där.");
        if (new[] { ForwardedOn, AnsweredOn, ClosedOn }.Any(d => d < meetingDate))
            throw new DomainException("Mötet kan inte flyttas till efter ett senare steg för en systembrist som rapporterades där.");
        ReportedOn = meetingDate;
    }

    public void Forward(DateOnly date, bool toCountyBoard, bool toActor)
    {
        Require(FaultStatus.Forwarded);
        if (!toCountyBoard && !toActor) throw new DomainException(
            "Ange vart systembristen vidarerapporterades: Länsstyrelsen och/eller aktören.");
        if (toActor && Actors.Count == 0) throw new DomainException("Systembristen har ingen berörd aktör att vidarerapportera till.");
        NotBefore(date);
        ForwardedToCountyBoard = toCountyBoard;
        ForwardedToActor = toActor;
        ForwardedOn = date;
        Status = FaultStatus.Forwarded;
    }

    public void Answer(DateOnly date, string response)
    {
        Require(FaultStatus.Answered);
        if (string.IsNullOrWhiteSpace(response)) throw new DomainException("Skriv svaret.");
        NotBefore(date);
        Response = response.Trim();
        AnsweredOn = date;
        Status = FaultStatus.Answered;
    }

    public void Close(DateOnly date)
    {
        Require(FaultStatus.Closed);
        NotBefore(date);
        ClosedOn = date;
        Status = FaultStatus.Closed;
    }

    private void Require(FaultStatus next)
    {
        if (!CanMoveTo(next))
            throw new DomainException(
                $"En systembrist som är {Status.Name().ToLowerInvariant()} kan inte bli {next.Name().ToLowerInvariant()}.");
    }

    private void NotBefore(DateOnly date)
    {
        if (date < LatestStepDate) throw new DomainException("Datumet kan inte vara före föregående steg i flödet.");
    }
}
