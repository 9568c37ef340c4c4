namespace Ombud.Web.Features.Surveys;

/// <summary>
/// One survey template with its questions and options, for the template page: the unit's own templates can be edited
/// there until a round uses them; the shared default and used templates are shown read-only (copy to change).
/// </summary>
public static class GetSurveyTemplate
{
    public sealed record Template(int Id, long Version, string Name, string? Introduction, string? Closing, bool Shared, bool Used,
        bool CanEdit, IReadOnlyList<Question> Questions);

    public sealed record Question(int Number, SurveyQuestionKind Kind, string Text, string? EasyText, bool IsBreakdown,
        int? ScaleMin, int? ScaleMax, string? ScaleMinLabel, string? ScaleMaxLabel, IReadOnlyList<Option> Options);

    public sealed record Option(string Text, bool AsksForText);

    public sealed class Handler(IDbContextFactory<OmbudDbContext> dbf, ICurrentUser currentUser)
    {
        public async Task<Template> HandleAsync(int templateId, CancellationToken ct = default)
        {
            var me = await currentUser.RequireStaffAsync();
            await using var db = await dbf.CreateDbContextAsync(ct);
            var t = await db.SurveyTemplates.AsNoTracking()
                .Include(x => x.Questions).ThenInclude(q => q.Options)
                .AsSplitQuery()
                .FirstOrDefaultAsync(x => x.Id == templateId && (x.UnitId == null || x.UnitId == me.UnitId), ct)
                ?? throw new NotFoundOrForbiddenException();
            var used = await db.SurveyRounds.AnyAsync(r => r.TemplateId == t.Id, ct);
            var shared = t.UnitId is null;
            var questions = t.Questions.OrderBy(q => q.Number)
                .Select(q => new Question(q.Number, q.Kind, q.Text, q.EasyText, q.IsBreakdown,
                    q.ScaleMin, q.ScaleMax, q.ScaleMinLabel, q.ScaleMaxLabel,
                    q.Options.OrderBy(o => o.Number).Select(o => new Option(o.Text, o.AsksForText)).ToList()))
                .ToList();
            return new Template(t.Id, t.Version, t.Name, t.Introduction, t.Closing, shared, used,
                !shared && !used && SurveyAccess.CanManage(me), questions);
        }
    }
}
