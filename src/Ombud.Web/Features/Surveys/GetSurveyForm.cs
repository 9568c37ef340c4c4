namespace Ombud.Web.Features.Surveys;

/// <summary>
/// A round's questions as a form shows them: on the public answer page for a one-time code (no sign-in), and for staff
/// who print the paper form or type in a returned one.
/// </summary>
public static class GetSurveyForm
{
    public sealed record Form(int RoundId, string RoundName, string? Introduction, string? Closing, DateOnly ClosesOn,
        int FormsHandedOut, IReadOnlyList<Question> Questions);

    public sealed record Question(int Id, int Number, SurveyQuestionKind Kind, string Text, string? EasyText, bool IsBreakdown,
        int? ScaleMin, int? ScaleMax, string? ScaleMinLabel, string? ScaleMaxLabel, IReadOnlyList<Option> Options);

    public sealed record Option(int Id, string Text, bool AsksForText);

    /// <summary>Why a code does not open the form; the page says each in plain Swedish.</summary>
    public enum CodeState { Open, Unknown, Used, NotOpen }

    public sealed record ByCode(CodeState State, Form? Form);

    public sealed class Handler(IDbContextFactory<OmbudDbContext> dbf, ICurrentUser currentUser, TimeProvider clock)
    {
        /// <summary>For staff of the round's unit (print, paper entry).</summary>
        public async Task<Form> ForRoundAsync(int roundId, CancellationToken ct = default)
        {
            var me = await currentUser.RequireStaffAsync();
            await using var db = await dbf.CreateDbContextAsync(ct);
            var round = await SurveyAccess.RoundAsync(db, me, roundId, ct);
            return await LoadAsync(db, round, ct);
        }

        /// <summary>For the public answer page: anyone holding the code, no sign-in. Unknown, used or closed: no form.</summary>
        public async Task<ByCode> ForCodeAsync(string? typed, CancellationToken ct = default)
        {
            if (SurveyCodes.Normalise(typed) is not { } code) return new ByCode(CodeState.Unknown, null);
            await using var db = await dbf.CreateDbContextAsync(ct);
            var hash = SurveyCodes.Hash(code);
            var found = await db.SurveyCodes.Where(c => c.CodeHash == hash)
                .Join(db.SurveyRounds, c => c.RoundId, r => r.Id, (c, r) => new { c.Used, Round = r }).FirstOrDefaultAsync(ct);
            if (found is null) return new ByCode(CodeState.Unknown, null);
            if (found.Used) return new ByCode(CodeState.Used, null);
            if (!found.Round.IsOpenOn(clock.Today())) return new ByCode(CodeState.NotOpen, null);
            return new ByCode(CodeState.Open, await LoadAsync(db, found.Round, ct));
        }

        internal static async Task<Form> LoadAsync(OmbudDbContext db, SurveyRound round, CancellationToken ct)
        {
            var template = await db.SurveyTemplates.AsNoTracking().Include(t => t.Questions).ThenInclude(q => q.Options)
                .AsSplitQuery().FirstAsync(t => t.Id == round.TemplateId, ct);
            var questions = template.Questions.OrderBy(q => q.Number).Select(q => new Question(q.Id, q.Number, q.Kind, q.Text, q.EasyText,
                q.IsBreakdown, q.ScaleMin, q.ScaleMax, q.ScaleMinLabel, q.ScaleMaxLabel,
                q.Options.OrderBy(o => o.Number).Select(o => new Option(o.Id, o.Text, o.AsksForText)).ToList())).ToList();
            return new Form(round.Id, round.Name, template.Introduction, template.Closing, round.ClosesOn, round.FormsHandedOut, questions);
        }
    }
}
