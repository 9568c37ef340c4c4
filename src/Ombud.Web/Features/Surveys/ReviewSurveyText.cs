namespace Ombud.Web.Features.Surveys;

/// <summary>
/// The lead's review of a free-text answer the personal-data check flagged: keep it, keep it with the names edited out,
/// or drop the text (the answer's choice stays). Until then the text is shown nowhere.
/// </summary>
public static class ReviewSurveyText
{
    public sealed record Pending(int AnswerId, int QuestionNumber, string Question, string Text);

    public enum Decision { Keep, Drop }

    public sealed record Command(int AnswerId, Decision Decision, string? EditedText = null);

    public sealed class Handler(IDbContextFactory<OmbudDbContext> dbf, ICurrentUser currentUser, ILogger<Handler> log)
    {
        /// <summary>The round's texts waiting for review, in question order.</summary>
        public async Task<IReadOnlyList<Pending>> ListAsync(int roundId, CancellationToken ct = default)
        {
            var me = await currentUser.RequireLeadAsync();
            await using var db = await dbf.CreateDbContextAsync(ct);
            var round = await SurveyAccess.RoundAsync(db, me, roundId, ct);
            return await (from a in db.SurveyAnswers
                          join r in db.SurveyResponses on a.ResponseId equals r.Id
                          join q in db.SurveyQuestions on a.QuestionId equals q.Id
                          where r.RoundId == round.Id && a.TextReview == SurveyTextReview.Pending && a.Text != null
                          orderby q.Number, a.Id
                          select new Pending(a.Id, q.Number, q.Text, a.Text!)).ToListAsync(ct);
        }

        public async Task HandleAsync(Command cmd, CancellationToken ct = default)
        {
            var me = await currentUser.RequireLeadAsync();
            await using var db = await dbf.CreateDbContextAsync(ct);
            var answer = await (from a in db.SurveyAnswers
                                join r in db.SurveyResponses on a.ResponseId equals r.Id
                                join round in db.SurveyRounds on r.RoundId equals round.Id
                                where a.Id == cmd.AnswerId && round.UnitId == me.UnitId
                                select a).FirstOrDefaultAsync(ct) ?? throw new NotFoundOrForbiddenException();
            if (answer.TextReview != SurveyTextReview.Pending) throw new DomainException("Svaret är redan granskat.");
            if (cmd.Decision == Decision.Drop)
            {
                answer.Text = null;
                answer.TextReview = SurveyTextReview.Dropped;
            }
            else
            {
                var text = cmd.EditedText is null ? answer.Text : cmd.EditedText.Trim();
                if (string.IsNullOrEmpty(text)) throw new DomainException("Texten är tom. Välj Ta bort om inget ska sparas.");
                if (text.Length > Limits.ShortText) throw new DomainException($"Högst {Limits.ShortText} tecken.");
                if (!SafeText.IsSafe(text)) throw new DomainException(SafeText.Message);
                answer.Text = text;
                answer.TextReview = SurveyTextReview.Kept;
            }
            await db.SaveChangesAsync(ct);
            log.LogInformation("Survey text {AnswerId} reviewed ({Decision}) by user {UserId}", answer.Id, cmd.Decision, me.Id);
        }
    }
}
