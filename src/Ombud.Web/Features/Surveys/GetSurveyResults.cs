using Ombud.Web.Features.AnnualReport;

namespace Ombud.Web.Features.Surveys;

/// <summary>
/// A round's results: per question the counts and percentages, the response rate, and breakdowns by the questions marked
/// as breakdowns (e.g. gender). Anonymous by construction (no answer is linked to anyone) and safe to pass on: a
/// breakdown group with fewer answers than the publication threshold is not shown at all, with a note ("för få svar från
/// män"), and within a shown breakdown a small cell is hidden together with enough others that it cannot be worked out
/// from the totals. Free texts are shown only once they passed the personal-data check or the lead's review.
/// </summary>
public static class GetSurveyResults
{
    /// <summary>Counts from 1 to this are not published: the yearly report's publication threshold.</summary>
    public const int Threshold = Suppression.DefaultThreshold;

    public sealed record Results(int RoundId, long Version, int TemplateId, string Name, DateOnly OpensOn, DateOnly ClosesOn,
        int Answers, int WebAnswers, int PaperAnswers, int FormsHandedOut, int PossibleRespondents, int NotAsked, string? NotAskedReason,
        int CodesMade, int CodesUsed, int PendingTexts,
        IReadOnlyList<QuestionResult> Questions, IReadOnlyList<Breakdown> Breakdowns)
    {
        /// <summary>Answers per possible respondent (null without a population).</summary>
        public decimal? RateOfPossible => Rate(Answers, PossibleRespondents);
        /// <summary>Answers per form handed out.</summary>
        public decimal? RateOfHandedOut => Rate(Answers, FormsHandedOut);
    }

    public sealed record QuestionResult(int QuestionId, int Number, string Text, SurveyQuestionKind Kind, int Answered,
        IReadOnlyList<OptionResult> Options, double? Mean, IReadOnlyList<string> Texts);

    public sealed record OptionResult(int? OptionId, string Text, int Count, decimal? Percent);

    /// <summary>
    /// Results split by one question's options. <see cref="Shown"/> false: a group was too small; <see cref="Note"/> says
    /// which. <see cref="Cells"/>: per other choice question and option, one count per group; null = hidden.
    /// </summary>
    public sealed record Breakdown(int QuestionId, string By, bool Shown, string? Note, IReadOnlyList<string> Groups,
        IReadOnlyList<int> GroupSizes, IReadOnlyList<BreakdownRow> Rows);

    public sealed record BreakdownRow(int QuestionNumber, string Option, IReadOnlyList<int?> Cells);

    public static decimal? Rate(int part, int whole) => whole > 0 ? Math.Round(100m * part / whole, 1) : null;

    public sealed class Handler(IDbContextFactory<OmbudDbContext> dbf, ICurrentUser currentUser)
    {
        public async Task<Results> HandleAsync(int roundId, CancellationToken ct = default)
        {
            var me = await currentUser.RequireStaffAsync();
            await using var db = await dbf.CreateDbContextAsync(ct);
            return await LoadAsync(db, await SurveyAccess.RoundAsync(db, me, roundId, ct), ct);
        }

        /// <summary>
        /// The results of a round already checked to be the caller's unit's (also for the yearly report, which the command
        /// line makes without a signed-in user).
        /// </summary>
        public static async Task<Results> LoadAsync(OmbudDbContext db, SurveyRound round, CancellationToken ct)
        {
            var form = await GetSurveyForm.Handler.LoadAsync(db, round, ct);
            var responses = await db.SurveyResponses.AsNoTracking().Where(r => r.RoundId == round.Id)
                .Select(r => new { r.Id, r.Channel }).ToListAsync(ct);
            var answers = await db.SurveyAnswers.AsNoTracking()
                .Where(a => db.SurveyResponses.Any(r => r.Id == a.ResponseId && r.RoundId == round.Id))
                .Select(a => new Row(a.ResponseId, a.QuestionId, a.OptionId, a.Value, a.Text, a.TextReview))
                .ToListAsync(ct);
            var codes = await db.SurveyCodes
                .Where(c => c.RoundId == round.Id)
                .GroupBy(c => c.Used)
                .Select(g => new { Used = g.Key, N = g.Count() })
                .ToListAsync(ct);

            var questions = form.Questions.Select(q => Summarise(q, answers.Where(a => a.QuestionId == q.Id).ToList())).ToList();
            var breakdowns = form.Questions.Where(q => q.IsBreakdown && q.Kind == SurveyQuestionKind.SingleChoice)
                .Select(q => Split(q, form.Questions, answers)).ToList();
            return new Results(round.Id, round.Version, round.TemplateId, round.Name, round.OpensOn, round.ClosesOn, responses.Count,
                responses.Count(r => r.Channel == SurveyChannel.Web), responses.Count(r => r.Channel == SurveyChannel.Paper),
                round.FormsHandedOut, round.PossibleRespondents, round.NotAsked, round.NotAskedReason,
                codes.Sum(c => c.N), codes.Where(c => c.Used).Sum(c => c.N),
                answers.Count(a => a.Review == SurveyTextReview.Pending), questions, breakdowns);
        }
    }

    private sealed record Row(int ResponseId, int QuestionId, int? OptionId, int? Value, string? Text, SurveyTextReview Review);

    private static QuestionResult Summarise(GetSurveyForm.Question q, List<Row> rows)
    {
        var answered = rows.Select(r => r.ResponseId).Distinct().Count();
        var options = q.Options.Select(o =>
        {
            var n = rows.Count(r => r.OptionId == o.Id);
            return new OptionResult(o.Id, o.Text, n, Rate(n, answered));
        }).ToList();
        double? mean = q.Kind == SurveyQuestionKind.Scale && rows.Any(r => r.Value is not null)
            ? Math.Round(rows.Where(r => r.Value is not null).Average(r => r.Value!.Value), 1) : null;
        if (q.Kind == SurveyQuestionKind.Scale && q.ScaleMin is { } min && q.ScaleMax is { } max)
            options = Enumerable.Range(min, max - min + 1).Select(v =>
            {
                var n = rows.Count(r => r.Value == v);
                return new OptionResult(null, v.ToString(System.Globalization.CultureInfo.InvariantCulture), n, Rate(n, answered));
            }).ToList();
        var texts = rows.Where(r => r.Text is not null && r.Review is SurveyTextReview.Clear or SurveyTextReview.Kept)
            .Select(r => r.Text!).ToList();
        return new QuestionResult(q.Id, q.Number, q.Text, q.Kind, answered, options, mean, texts);
    }

    private static Breakdown Split(GetSurveyForm.Question by, IReadOnlyList<GetSurveyForm.Question> all, List<Row> answers)
    {
        var groupOf = answers
            .Where(a => a.QuestionId == by.Id && a.OptionId is not null)
            .ToDictionary(a => a.ResponseId, a => a.OptionId!.Value);
        var groups = by.Options.Select(o => (o.Id, o.Text, Size: groupOf.Values.Count(v => v == o.Id))).ToList();
        var small = groups.Where(g => g.Size is > 0 and <= Threshold).Select(g => g.Text).ToList();
        if (small.Count > 0 || groups.Count(g => g.Size > 0) < 2)
        {
            var note = small.Count > 0
                ? $"Ingen uppdelning på \"{by.Text.TrimEnd(':')}\": för få svar ({Threshold} eller färre) från {string.Join(", ", small)}."
                : $"Ingen uppdelning på \"{by.Text.TrimEnd(':')}\": svaren kommer från en grupp.";
            return new Breakdown(by.Id, by.Text, false, note, [], [], []);
        }
        var shownGroups = groups.Where(g => g.Size > 0).ToList();
        var rows = new List<(int Number, bool Single, string Option, int?[] Cells)>();
        foreach (var q in all.Where(q => q.Id != by.Id && q.Kind is SurveyQuestionKind.SingleChoice or SurveyQuestionKind.MultipleChoice))
            foreach (var o in q.Options)
                rows.Add((q.Number, q.Kind == SurveyQuestionKind.SingleChoice, o.Text, shownGroups.Select(g => (int?)answers.Count(a =>
                    a.OptionId == o.Id && groupOf.TryGetValue(a.ResponseId, out var gid) && gid == g.Id)).ToArray()));
        Hide(rows.Select(r => (r.Number, r.Single, r.Cells)).ToList(), shownGroups.Count);
        return new Breakdown(by.Id, by.Text, true, null, shownGroups.Select(g => g.Text).ToList(), shownGroups.Select(g => g.Size).ToList(),
            rows.Select(r => new BreakdownRow(r.Number, r.Option, r.Cells)).ToList());
    }

    /// <summary>
    /// Suppresses a breakdown's small cells with the yearly report's <see cref="Suppression"/>: the sums a reader knows
    /// are each row (an option's count over the groups, published in the question's own result) and, for a
    /// single-choice question, each group's column over the question's options (about the group's published size).
    /// </summary>
    private static void Hide(List<(int Number, bool Single, int?[] Cells)> rows, int groups)
    {
        var values = rows.SelectMany(r => r.Cells).Select(c => c ?? 0).ToList();
        var sums = new List<Suppression.Sum>();
        for (var r = 0; r < rows.Count; r++)
        {
            sums.Add(new Suppression.Sum(values.Count, Enumerable.Range(r * groups, groups).ToList()));
            values.Add(rows[r].Cells.Sum(c => c ?? 0));
        }
        foreach (var question in Enumerable.Range(0, rows.Count).Where(r => rows[r].Single).GroupBy(r => rows[r].Number))
            for (var g = 0; g < groups; g++)
            {
                sums.Add(new Suppression.Sum(values.Count, question.Select(r => r * groups + g).ToList()));
                values.Add(question.Sum(r => rows[r].Cells[g] ?? 0));
            }
        var hidden = Suppression.Suppress(values, sums, Threshold);
        for (var r = 0; r < rows.Count; r++)
            for (var g = 0; g < groups; g++)
                if (hidden[r * groups + g]) rows[r].Cells[g] = null;
    }
}
