namespace Ombud.Web.Features.Surveys;

/// <summary>The unit's survey rounds (newest first, with answer counts) and the templates it may use.</summary>
public static class ListSurveys
{
    public sealed record Round(int Id, string Name, DateOnly OpensOn, DateOnly ClosesOn, string Template, int Answers, int FormsHandedOut,
        int PossibleRespondents, long Version);

    /// <summary><see cref="Shared"/>: installation-wide (copy to change). <see cref="Used"/>: a round uses it (copy to change).</summary>
    public sealed record Template(int Id, string Name, bool Shared, bool Used, int Questions);

    public sealed record Overview(IReadOnlyList<Round> Rounds, IReadOnlyList<Template> Templates, bool CanManage);

    public sealed class Handler(IDbContextFactory<OmbudDbContext> dbf, ICurrentUser currentUser)
    {
        public async Task<Overview> HandleAsync(CancellationToken ct = default)
        {
            var me = await currentUser.RequireStaffAsync();
            await using var db = await dbf.CreateDbContextAsync(ct);
            var rounds = await db.SurveyRounds
                .Where(r => r.UnitId == me.UnitId)
                .OrderByDescending(r => r.OpensOn)
                .ThenByDescending(r => r.Id)
                .Select(r => new Round(r.Id, r.Name, r.OpensOn, r.ClosesOn, r.Template!.Name,
                    db.SurveyResponses.Count(x => x.RoundId == r.Id), r.FormsHandedOut, r.PossibleRespondents, r.Version))
                .ToListAsync(ct);
            var templates = await db.SurveyTemplates.Where(t => t.UnitId == null || t.UnitId == me.UnitId)
                .OrderBy(t => t.UnitId == null).ThenBy(t => t.Name)
                .Select(t => new Template(t.Id, t.Name, t.UnitId == null,
                    db.SurveyRounds.Any(r => r.TemplateId == t.Id), t.Questions.Count))
                .ToListAsync(ct);
            return new Overview(rounds, templates, SurveyAccess.CanManage(me));
        }
    }
}
