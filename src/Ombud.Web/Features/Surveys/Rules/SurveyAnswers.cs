using System.Text.RegularExpressions;
using Ombud.Web.Features.SystemFaults;

namespace Ombud.Web.Features.Surveys;

/// <summary>One question's answer as a form sends it: chosen options, a scale value, or text (free text or "Annat, vad?").</summary>
public sealed class AnswerInput
{
    public int QuestionId { get; set; }
    public List<int> OptionIds { get; set; } = [];
    public int? Value { get; set; }
    public string? Text { get; set; }
}

/// <summary>Checks a form's answers against the template's questions and turns them into rows.</summary>
public static partial class SurveyAnswers
{
    /// <summary>
    /// The rows for <paramref name="answers"/>, or a Swedish <see cref="DomainException"/>. Unanswered questions are
    /// skipped (the form says every question may be skipped), but a form without any answer is refused. A text goes with
    /// a free-text question or with a chosen "Annat, vad?" option; a text that may name someone is held for review.
    /// </summary>
    public static List<SurveyAnswer> Build(IReadOnlyList<SurveyQuestion> questions, IEnumerable<AnswerInput> answers)
    {
        var byId = questions.ToDictionary(q => q.Id);
        var rows = new List<SurveyAnswer>();
        foreach (var a in answers)
        {
            if (!byId.TryGetValue(a.QuestionId, out var q)) throw new DomainException("Svaret hör inte till enkäten.");
            var text = string.IsNullOrWhiteSpace(a.Text) ? null : a.Text.Trim();
            if (text is not null && text.Length > Limits.ShortText)
                throw new DomainException($"Fråga {q.Number}: högst {Limits.ShortText} tecken.");
            if (!SafeText.IsSafe(text)) throw new DomainException(SafeText.Message);
            var options = a.OptionIds.Distinct().ToList();
            if (options.Any(id => q.Options.All(o => o.Id != id))) throw new DomainException("Svaret hör inte till enkäten.");
            switch (q.Kind)
            {
                case SurveyQuestionKind.SingleChoice or SurveyQuestionKind.MultipleChoice:
                    if (q.Kind == SurveyQuestionKind.SingleChoice && options.Count > 1)
                        throw new DomainException($"Fråga {q.Number}: välj ett svar.");
                    var withText = q.Options.Where(o => o.AsksForText && options.Contains(o.Id)).Select(o => (int?)o.Id).FirstOrDefault();
                    if (text is not null && withText is null)
                        throw new DomainException($"Fråga {q.Number}: skriv bara text när du har valt \"Annat\".");
                    rows.AddRange(options.Select(id => Row(q, id, null, id == withText ? text : null)));
                    break;
                case SurveyQuestionKind.Scale:
                    if (options.Count > 0 || text is not null) throw new DomainException("Svaret hör inte till enkäten.");
                    if (a.Value is null) break;
                    if (a.Value < q.ScaleMin || a.Value > q.ScaleMax)
                        throw new DomainException($"Fråga {q.Number}: välj ett värde från {q.ScaleMin} till {q.ScaleMax}.");
                    rows.Add(Row(q, null, a.Value, null));
                    break;
                default:
                    if (options.Count > 0 || a.Value is not null) throw new DomainException("Svaret hör inte till enkäten.");
                    if (text is not null) rows.Add(Row(q, null, null, text));
                    break;
            }
        }
        if (rows.Count == 0) throw new DomainException("Svara på minst en fråga.");
        return rows;
    }

    private static SurveyAnswer Row(SurveyQuestion q, int? optionId, int? value, string? text) => new()
    {
        QuestionId = q.Id,
        OptionId = optionId,
        Value = value,
        Text = text,
        TextReview = text is null ? SurveyTextReview.Clear : MayNameSomeone(text) ? SurveyTextReview.Pending : SurveyTextReview.Clear,
    };

    /// <summary>
    /// A free-text answer may name someone: a personnummer, phone number or e-mail address (the fault reports' detector),
    /// or a capitalised word inside a sentence, which is how names look ("Robin hjälpte mig"). Prefers a false alarm: the
    /// lead reviews a flagged text before anyone sees it. Agencies everyone names (Försäkringskassan …) are not flagged.
    /// </summary>
    public static bool MayNameSomeone(string text)
    {
        if (PersonalDataDetector.Find(text).Count > 0) return true;
        foreach (Match m in CapitalisedWord().Matches(text))
        {
            if (CommonWords.Contains(m.Value)) continue;
            var before = text[..m.Index].TrimEnd();
            var startsSentence = before.Length == 0 || before[^1] is '.' or '!' or '?' or ':' or '\n' or '"' or '”' or '-' or '–';
            if (!startsSentence) return true; // every sentence opens with a capital: only those inside one count
        }
        return false;
    }

    [GeneratedRegex(@"\b\p{Lu}[\p{Ll}]{2,}\b", RegexOptions.CultureInvariant)]
    private static partial Regex CapitalisedWord();

    private static readonly HashSet<string> CommonWords = new(StringComparer.Ordinal)
    {
        "Försäkringskassan", "Arbetsförmedlingen", "Arbetsförmedling", "Socialtjänsten", "Psykiatrin", "Psykiatri",
        "Kronofogden", "Skatteverket", "Stadsmissionen", "Migrationsverket", "Region", "Regionen", "Kommunen", "Jag", "Det",
        "Personligt", "Ombud", "Ombudet", "Tack", "God", "Man", "SIP", "LSS", "Vården", "Sjukvården", "Hemtjänsten",
    };
}
