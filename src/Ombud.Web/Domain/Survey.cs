namespace Ombud.Web.Domain;

/// <summary>The kinds of question a survey template can hold.</summary>
public enum SurveyQuestionKind
{
    /// <summary>One answer from the options.</summary>
    SingleChoice = 1,
    /// <summary>Any number of the options ("flera svarsalternativ är möjliga").</summary>
    MultipleChoice = 2,
    /// <summary>A number from <see cref="SurveyQuestion.ScaleMin"/> to <see cref="SurveyQuestion.ScaleMax"/>.</summary>
    Scale = 3,
    /// <summary>Free text ("Övriga kommentarer").</summary>
    FreeText = 4,
}

/// <summary>
/// Brukarundersökning template: the questions of an anonymous client survey. Installation-wide templates
/// (<see cref="UnitId"/> null, e.g. the seeded default) are shared; a unit copies one and edits the copy. A template
/// that a round has used is never changed in place (the round's answers refer to its questions): it is copied instead.
/// </summary>
public class SurveyTemplate : IVersioned
{
    /// <summary>Concurrency token, see <see cref="IVersioned"/>.</summary>
    public long Version { get; set; }
    public int Id { get; set; }
    /// <summary>The unit that owns the template; null = installation-wide (read-only for units).</summary>
    public int? UnitId { get; set; }
    public string Name { get; set; } = "";
    /// <summary>The form's opening text (purpose, voluntary, anonymous). [free text, no personal data]</summary>
    public string? Introduction { get; set; }
    /// <summary>The closing line ("Tack för din medverkan …").</summary>
    public string? Closing { get; set; }
    public int? CopiedFromId { get; set; }
    public List<SurveyQuestion> Questions { get; set; } = [];
}

/// <summary>One question of a <see cref="SurveyTemplate"/>, in <see cref="Number"/> order.</summary>
public class SurveyQuestion
{
    public int Id { get; set; }
    public int TemplateId { get; set; }
    /// <summary>Position in the form (1, 2, …).</summary>
    public int Number { get; set; }
    public SurveyQuestionKind Kind { get; set; }
    public string Text { get; set; } = "";
    /// <summary>Optional "lättläst" wording shown instead of <see cref="Text"/> in the easy-to-read form.</summary>
    public string? EasyText { get; set; }
    /// <summary>
    /// The answers may split the results (e.g. "Jag definierar mig som"): breakdowns by this question are suppressed
    /// below the publication threshold, as the yearly report's publication mode does.
    /// </summary>
    public bool IsBreakdown { get; set; }
    public int? ScaleMin { get; set; }
    public int? ScaleMax { get; set; }
    /// <summary>What the lowest and highest scale values mean ("Inte alls", "Helt och hållet").</summary>
    public string? ScaleMinLabel { get; set; }
    public string? ScaleMaxLabel { get; set; }
    public List<SurveyOption> Options { get; set; } = [];
}

/// <summary>An answer option of a choice question, in <see cref="Number"/> order.</summary>
public class SurveyOption
{
    public int Id { get; set; }
    public int QuestionId { get; set; }
    public int Number { get; set; }
    public string Text { get; set; } = "";
    /// <summary>"Annat, vad?": the respondent may add a short text (reviewed before it is shown).</summary>
    public bool AsksForText { get; set; }
}

/// <summary>
/// A survey round ("Brukarundersökning 2026"): the template used, when it is open, and how many were asked — counts
/// only, never who. The answers hang on the round, not on any client or ombud.
/// </summary>
public class SurveyRound : IVersioned
{
    /// <summary>Concurrency token, see <see cref="IVersioned"/>.</summary>
    public long Version { get; set; }
    public int Id { get; set; }
    public int UnitId { get; set; }
    public int TemplateId { get; set; }
    public SurveyTemplate? Template { get; set; }
    public string Name { get; set; } = "";
    public DateOnly OpensOn { get; set; }
    public DateOnly ClosesOn { get; set; }
    /// <summary>Forms (paper or code cards) handed out. [statistical]</summary>
    public int FormsHandedOut { get; set; }
    /// <summary>Clients who could have been asked (the population). [statistical]</summary>
    public int PossibleRespondents { get; set; }
    /// <summary>How many the ombud chose not to ask. [statistical]</summary>
    public int NotAsked { get; set; }
    /// <summary>Why, in general words ("psykiska måendet"). [free text, no personal data]</summary>
    public string? NotAskedReason { get; set; }

    /// <summary>True on the days the round takes answers.</summary>
    public bool IsOpenOn(DateOnly day) => day >= OpensOn && day <= ClosesOn;
}

/// <summary>
/// A one-time answer code for the web/phone form. Only a hash of the code is stored; it is linked to no client and no
/// ombud, and it carries no time of use (a time could be matched with a visit).
/// </summary>
public class SurveyCode
{
    public int Id { get; set; }
    public int RoundId { get; set; }
    /// <summary>SHA-256 of the normalised code (hex). [operational]</summary>
    public string CodeHash { get; set; } = "";
    public bool Used { get; set; }
}

/// <summary>How an answer came in.</summary>
public enum SurveyChannel
{
    Paper = 1,
    Web = 2,
}

/// <summary>One returned form: its answers, anonymous. No time is stored, so an answer cannot be matched with a visit.</summary>
public class SurveyResponse
{
    public int Id { get; set; }
    public int RoundId { get; set; }
    public SurveyChannel Channel { get; set; }
    /// <summary>The printed form number of a paper form: each is entered once. [operational]</summary>
    public int? FormNumber { get; set; }
    public List<SurveyAnswer> Answers { get; set; } = [];
}

/// <summary>Where a free-text answer stands: shown only once nobody could be named in it.</summary>
public enum SurveyTextReview
{
    /// <summary>The personal-data check found nothing: shown.</summary>
    Clear = 0,
    /// <summary>Flagged by the check: held for the lead (keep, edit out the names, or drop).</summary>
    Pending = 1,
    /// <summary>Reviewed and kept (possibly edited).</summary>
    Kept = 2,
    /// <summary>Reviewed and dropped: the text is gone, the answer's choice stays.</summary>
    Dropped = 3,
}

/// <summary>
/// One answer to one question: the chosen option (one row per option for a multiple choice), the scale value, or the
/// text (free text, or the "Annat, vad?" text of an option).
/// </summary>
public class SurveyAnswer
{
    public int Id { get; set; }
    public int ResponseId { get; set; }
    public int QuestionId { get; set; }
    public int? OptionId { get; set; }
    public int? Value { get; set; }
    /// <summary>The respondent's own words. [free text, may name people: reviewed when flagged]</summary>
    public string? Text { get; set; }
    public SurveyTextReview TextReview { get; set; }
}
