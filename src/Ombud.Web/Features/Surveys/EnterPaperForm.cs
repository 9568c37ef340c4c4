namespace Ombud.Web.Features.Surveys;

/// <summary>
/// Types in a returned paper form. Each printed form carries a number, so the same form cannot be entered twice.
/// Who typed it in is not stored with the answers (the audit log notes that a form was entered, not its answers).
/// </summary>
public static class EnterPaperForm
{
    public sealed record Command(int RoundId, int FormNumber, IReadOnlyList<AnswerInput> Answers);

    public sealed class Handler(IDbContextFactory<OmbudDbContext> dbf, ICurrentUser currentUser, ILogger<Handler> log)
    {
        public async Task HandleAsync(Command cmd, CancellationToken ct = default)
        {
            var me = await currentUser.RequireStaffAsync();
            await using var db = await dbf.CreateDbContextAsync(ct);
            var round = await SurveyAccess.RoundAsync(db, me, cmd.RoundId, ct);
            var max = round.FormsHandedOut > 0 ? round.FormsHandedOut : SaveSurveyRound.MaxCount;
            if (cmd.FormNumber < 1 || cmd.FormNumber > max)
                throw new DomainException($"Ange blankettens nummer, från 1 till {max}.");
            if (await db.SurveyResponses.AnyAsync(r => r.RoundId == round.Id && r.FormNumber == cmd.FormNumber, ct))
                throw new DomainException(AlreadyEntered(cmd.FormNumber));
            var questions = await db.SurveyQuestions.AsNoTracking().Include(q => q.Options)
                .Where(q => q.TemplateId == round.TemplateId).ToListAsync(ct);
            var rows = SurveyAnswers.Build(questions, cmd.Answers);
            db.SurveyResponses.Add(new SurveyResponse
            {
                RoundId = round.Id,
                Channel = SurveyChannel.Paper,
                FormNumber = cmd.FormNumber,
                Answers = rows,
            });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Entered by someone else a moment ago (the unique index): the same message; anything else goes on up.
                if (await AlreadyThereAsync(round.Id, cmd.FormNumber, ct)) throw new DomainException(AlreadyEntered(cmd.FormNumber));
                throw;
            }
            log.LogInformation("Paper survey form {FormNumber} of round {RoundId} entered by user {UserId}",
                cmd.FormNumber, round.Id, me.Id);
        }

        private async Task<bool> AlreadyThereAsync(int roundId, int formNumber, CancellationToken ct)
        {
            await using var db = await dbf.CreateDbContextAsync(ct);
            return await db.SurveyResponses.AnyAsync(r => r.RoundId == roundId && r.FormNumber == formNumber, ct);
        }
    }

    public static string AlreadyEntered(int formNumber) => $"Blankett nr {formNumber} är redan inlagd.";
}
