using Ombud.Web.Features.Surveys;

namespace Ombud.Web.Features.AnnualReport;

/// <summary>
/// The brukarundersökning in the yearly report: the unit's survey rounds that closed in the report year (a round belongs
/// to the year its <see cref="SurveyRound.ClosesOn"/> falls in), each with its response rate and per question the counts
/// and percentages, as <see cref="GetSurveyResults"/> computes them (only answers that passed review: a held free text is
/// never shown; breakdowns hidden as there). In publication mode (<see cref="YearReport.Header.PublicationThreshold"/>)
/// counts from 1 to the threshold are suppressed with the report's own <see cref="Suppression"/>, together with what
/// would give them away: the answers add up to web + paper, a single-choice or scale question's options add up to those
/// who answered it, a percentage or mean gives its count away when its base is hidden. Suppressed = null.
/// </summary>
public static class YearSurveys
{
    /// <summary>One round. Counts and rates are null when suppressed (publication mode); rates also without a base.</summary>
    public sealed record Round(string Name, DateOnly OpensOn, DateOnly ClosesOn, int? Answers, int? WebAnswers, int? PaperAnswers,
        int? FormsHandedOut, int? PossibleRespondents, int? NotAsked, string? NotAskedReason, decimal? RateOfPossible,
        decimal? RateOfHandedOut,
        IReadOnlyList<Question> Questions, IReadOnlyList<GetSurveyResults.Breakdown> Breakdowns)
    {
        /// <summary>True when any count of the round is suppressed (for the footnote).</summary>
        public bool AnySuppressed { get; init; }
    }

    /// <param name="Kind">singleChoice, multipleChoice, scale or freeText.</param>
    /// <param name="Texts">The free texts that passed the personal-data check or the lead's review.</param>
    public sealed record Question(int Number, string Text, string Kind, int? Answered, IReadOnlyList<Option> Options, double? Mean,
        IReadOnlyList<string> Texts);

    public sealed record Option(string Text, int? Count, decimal? Percent);

    /// <summary>The footnote under a round with a suppressed count.</summary>
    public static string Footnote(int threshold) =>
        $"– = dolt för publicering: 1–{threshold} svar, eller en uppgift som annars kan räknas fram ur summorna.";

    public static string KindName(SurveyQuestionKind k) => k switch
    {
        SurveyQuestionKind.SingleChoice => "singleChoice",
        SurveyQuestionKind.MultipleChoice => "multipleChoice",
        SurveyQuestionKind.Scale => "scale",
        _ => "freeText",
    };

    /// <summary>The report with the unit's survey rounds of its year (in its publication mode, if any).</summary>
    public static async Task<YearReport.Report> AddToAsync(YearReport.Report report, IDbContextFactory<OmbudDbContext> dbf, int unitId,
        CancellationToken ct) =>
        report with { Surveys = await LoadAsync(dbf, unitId, report.Header.Year, report.Header.PublicationThreshold, ct) };

    /// <summary>The rounds of <paramref name="unitId"/> that closed in <paramref name="year"/>, oldest first.</summary>
    /// <param name="publishThreshold">Publication mode with this threshold; null = the unit's exact figures.</param>
    public static async Task<IReadOnlyList<Round>> LoadAsync(
        IDbContextFactory<OmbudDbContext> dbf, int unitId, int year, int? publishThreshold, CancellationToken ct)
    {
        await using var db = await dbf.CreateDbContextAsync(ct);
        var first = new DateOnly(year, 1, 1);
        var last = new DateOnly(year, 12, 31);
        var rounds = await db.SurveyRounds.AsNoTracking().Where(r => r.UnitId == unitId && r.ClosesOn >= first && r.ClosesOn <= last)
            .OrderBy(r => r.ClosesOn).ThenBy(r => r.Id).ToListAsync(ct);
        var result = new List<Round>();
        foreach (var round in rounds)
        {
            var r = From(await GetSurveyResults.Handler.LoadAsync(db, round, ct));
            result.Add(publishThreshold is { } t ? Publish(r, t) : r);
        }
        return result;
    }

    /// <summary>The exact figures of a round's results. Pure.</summary>
    public static Round From(GetSurveyResults.Results r) =>
        new(r.Name, r.OpensOn, r.ClosesOn, r.Answers, r.WebAnswers, r.PaperAnswers, r.FormsHandedOut, r.PossibleRespondents, r.NotAsked,
            r.NotAskedReason, r.RateOfPossible, r.RateOfHandedOut,
            r.Questions.Select(q => new Question(q.Number, q.Text, KindName(q.Kind), q.Answered,
                q.Options.Select(o => new Option(o.Text, o.Count, o.Percent)).ToList(), q.Mean, q.Texts)).ToList(),
            r.Breakdowns);

    /// <summary>Publication mode for one round (see the class summary). Pure.</summary>
    public static Round Publish(Round r, int threshold)
    {
        var any = false;
        bool[] Hide(IReadOnlyList<int> values, IReadOnlyList<Suppression.Sum> sums)
        {
            var hidden = Suppression.Suppress(values, sums, threshold);
            any |= hidden.Any(h => h);
            return hidden;
        }
        int? Keep(int? value, bool hidden) => hidden ? null : value;

        // the answers: total = web + paper
        var answers = Hide([r.Answers ?? 0, r.WebAnswers ?? 0, r.PaperAnswers ?? 0], [new Suppression.Sum(0, [1, 2])]);
        var population = Hide([r.FormsHandedOut ?? 0, r.PossibleRespondents ?? 0, r.NotAsked ?? 0], []);
        var questions = r.Questions.Select(q =>
        {
            List<int> values = [q.Answered ?? 0, .. q.Options.Select(o => o.Count ?? 0)];
            var adds = q.Kind is "singleChoice" or "scale" && q.Options.Count > 0;
            var hidden = Hide(values, adds ? [new Suppression.Sum(0, Enumerable.Range(1, q.Options.Count).ToList())] : []);
            return q with
            {
                Answered = Keep(q.Answered, hidden[0]),
                Mean = hidden[0] ? null : q.Mean,
                Options = q.Options.Select((o, i) => new Option(o.Text, Keep(o.Count, hidden[i + 1]),
                    hidden[0] || hidden[i + 1] ? null : o.Percent)).ToList(),
            };
        }).ToList();
        return r with
        {
            Answers = Keep(r.Answers, answers[0]),
            WebAnswers = Keep(r.WebAnswers, answers[1]),
            PaperAnswers = Keep(r.PaperAnswers, answers[2]),
            FormsHandedOut = Keep(r.FormsHandedOut, population[0]),
            PossibleRespondents = Keep(r.PossibleRespondents, population[1]),
            NotAsked = Keep(r.NotAsked, population[2]),
            RateOfPossible = answers[0] || population[1] ? null : r.RateOfPossible,
            RateOfHandedOut = answers[0] || population[0] ? null : r.RateOfHandedOut,
            Questions = questions,
            AnySuppressed = any,
        };
    }

    /// <summary>A question's counts as a report table, for <see cref="ReportChart"/> (no previous year).</summary>
    public static YearReport.Table ChartTable(Question q) =>
        new($"survey-q{q.Number}", $"Fråga {q.Number}", "Svar",
            q.Options.Select(o => new YearReport.Row(o.Text, o.Count, null) { ValueSuppressed = o.Count is null }).ToList());
}
