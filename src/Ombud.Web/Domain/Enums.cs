namespace Ombud.Web.Domain;

/// <summary>Kön, as Länsstyrelsen's report splits it. Fixed by the statistics definitions, so an enum.</summary>
public enum Gender { Unknown = 0, Woman = 1, Man = 2, Other = 3 }

/// <summary>Hemmavarande barn under 18.</summary>
public enum ChildrenAtHome { Unknown = 0, Fully = 1, Partly = 2, No = 3 }

/// <summary>Uppdragets status: väntar → aktiv ⇄ vilande → avslutad.</summary>
public enum MandateStatus { Waiting = 0, Active = 1, Paused = 2, Closed = 3 }

/// <summary>Behovets status.</summary>
public enum NeedStatus { Identified = 0, InProgress = 1, Met = 2, PartlyMet = 3, NotMet = 4 }

/// <summary>Samtyckets form.</summary>
public enum ConsentForm { Oral = 0, Written = 1 }

/// <summary>Kontaktsätt för en myndighetskontakt.</summary>
public enum ContactChannel { Phone = 0, Meeting = 1, LetterOrEmail = 2, EService = 3, Accompanied = 4 }

/// <summary>Which category list a <see cref="Category"/> belongs to. The lists' contents are data.</summary>
public enum CategoryKind
{
    ContactReason = 1,
    ReferralPath = 2,
    ClosureReason = 3,
    LifeArea = 4,
    ActorType = 5,
    HelpKind = 6,
    FaultCategory = 7,
    AfterMandate = 8,
}

/// <summary>Systembristens nivå: Socialstyrelsen's fixed levels.</summary>
public enum FaultLevel { CaseOfficer = 0, Local = 1, Central = 2 }

/// <summary>Systembristens status: utkast → rapporterad till ledningsgrupp → vidarerapporterad → besvarad → avslutad.</summary>
public enum FaultStatus { Draft = 0, ReportedToSteeringGroup = 1, Forwarded = 2, Answered = 3, Closed = 4 }

public static class Roles
{
    public const string Ombud = "Ombud";
    public const string UnitLead = "Enhetschef";
    public const string Admin = "Admin";
    /// <summary>Installation-wide: creates units and each unit's first admin. Reads no client data.</summary>
    public const string SystemAdmin = "Systemadministratör";
    /// <summary>
    /// Installation-wide and read-only: a region's or Länsstyrelsen's contact person, granted a set of units by the
    /// Systemadministratör, reads their publication-mode yearly figures side by side (the roll-up) and nothing else.
    /// </summary>
    public const string RegionalViewer = "Regional uppföljare";
    /// <summary>The roles a unit's admin hands out within the unit.</summary>
    public static readonly string[] UnitRoles = [Ombud, UnitLead, Admin];
    /// <summary>Every role, in display order (seeded into Identity).</summary>
    public static readonly string[] All = [Ombud, UnitLead, Admin, SystemAdmin, RegionalViewer];
}
