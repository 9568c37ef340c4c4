namespace Ombud.Web.Features.Surveys;

/// <summary>
/// The public answer page's save: the one-time code is spent and the answers stored in one transaction, or neither.
/// Nothing about the respondent is kept: no user, no IP address, no time; the code's row only says it is used.
/// </summary>
public static class SubmitSurveyAnswers
{
    public sealed record Command(string? Code, IReadOnlyList<AnswerInput> Answers);

    public sealed class Handler(IDbContextFactory<OmbudDbContext> dbf, TimeProvider clock, ILogger<Handler> log)
    {
        public async Task HandleAsync(Command cmd, CancellationToken ct = default)
        {
            if (SurveyCodes.Normalise(cmd.Code) is not { } code) throw new DomainException(Unknown);
            var hash = SurveyCodes.Hash(code);
            await using var db = await dbf.CreateDbContextAsync(ct);
            var found = await db.SurveyCodes.AsNoTracking().Where(c => c.CodeHash == hash)
                .Join(db.SurveyRounds, c => c.RoundId, r => r.Id, (c, r) => new { Code = c, Round = r }).FirstOrDefaultAsync(ct)
                ?? throw new DomainException(Unknown);
            if (found.Code.Used) throw new DomainException(Used);
            if (!found.Round.IsOpenOn(clock.Today())) throw new DomainException(NotOpen);
            var questions = await db.SurveyQuestions.AsNoTracking().Include(q => q.Options)
                .Where(q => q.TemplateId == found.Round.TemplateId).ToListAsync(ct);
            var rows = SurveyAnswers.Build(questions, cmd.Answers); // checked before the transaction opens

            await using var tx = await db.Database.BeginTransactionAsync(ct);
            // Spent only if still unused: two tabs sending the same code cannot both be counted.
            var spent = await db.SurveyCodes.Where(c => c.Id == found.Code.Id && !c.Used)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.Used, true), ct);
            if (spent != 1) throw new DomainException(Used);
            db.SurveyResponses.Add(new SurveyResponse { RoundId = found.Round.Id, Channel = SurveyChannel.Web, Answers = rows });
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            log.LogInformation("A web survey answer was saved for round {RoundId}", found.Round.Id);
        }
    }

    public const string Unknown = "Koden finns inte. Kontrollera att du har skrivit av den rätt.";
    public const string Used = "Koden är redan använd. Varje kod kan bara användas en gång.";
    public const string NotOpen = "Undersökningen tar inte emot svar just nu.";
}
