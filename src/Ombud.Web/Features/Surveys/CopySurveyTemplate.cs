namespace Ombud.Web.Features.Surveys;

/// <summary>
/// Copies a template (the shared default or one of the unit's own) into the unit under a new name, to adapt it for the
/// next round: a template a round has used is never changed in place, so earlier results keep their questions.
/// </summary>
public static class CopySurveyTemplate
{
    public sealed record Command(int TemplateId, string? Name);

    public sealed class Handler(IDbContextFactory<OmbudDbContext> dbf, ICurrentUser currentUser)
    {
        public async Task<int> HandleAsync(Command cmd, CancellationToken ct = default)
        {
            var me = await currentUser.RequireManagerAsync();
            var name = cmd.Name?.Trim();
            if (string.IsNullOrEmpty(name)) throw new DomainException("Ge kopian ett namn.");
            if (name.Length > Limits.Name) throw new DomainException($"Högst {Limits.Name} tecken.");
            if (!SafeText.IsSafe(name)) throw new DomainException(SafeText.Message);
            await using var db = await dbf.CreateDbContextAsync(ct);
            var source = await db.SurveyTemplates.AsNoTracking().Include(t => t.Questions).ThenInclude(q => q.Options).AsSplitQuery()
                .FirstOrDefaultAsync(t => t.Id == cmd.TemplateId && (t.UnitId == null || t.UnitId == me.UnitId), ct)
                ?? throw new NotFoundOrForbiddenException();
            var copy = new SurveyTemplate
            {
                UnitId = me.UnitId,
                Name = name,
                Introduction = source.Introduction,
                Closing = source.Closing,
                CopiedFromId = source.Id,
                Questions = source.Questions.OrderBy(q => q.Number).Select(q => new SurveyQuestion
                {
                    Number = q.Number,
                    Kind = q.Kind,
                    Text = q.Text,
                    EasyText = q.EasyText,
                    IsBreakdown = q.IsBreakdown,
                    ScaleMin = q.ScaleMin,
                    ScaleMax = q.ScaleMax,
                    ScaleMinLabel = q.ScaleMinLabel,
                    ScaleMaxLabel = q.ScaleMaxLabel,
                    Options = q.Options.OrderBy(o => o.Number)
                        .Select(o => new SurveyOption { Number = o.Number, Text = o.Text, AsksForText = o.AsksForText }).ToList(),
                }).ToList(),
            };
            db.SurveyTemplates.Add(copy);
            await db.SaveChangesAsync(ct);
            return copy.Id;
        }
    }
}
