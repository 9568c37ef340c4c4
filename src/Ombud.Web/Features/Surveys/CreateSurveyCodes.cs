namespace Ombud.Web.Features.Surveys;

/// <summary>
/// Makes one-time answer codes for a round's cards. The codes are returned once, for printing; only their hashes are
/// kept, linked to the round and to nobody: a lost card is replaced by a new code, never looked up.
/// </summary>
public static class CreateSurveyCodes
{
    public const int Max = 500;

    public sealed record Command(int RoundId, int Count);

    public sealed class Handler(IDbContextFactory<OmbudDbContext> dbf, ICurrentUser currentUser, ILogger<Handler> log)
    {
        public async Task<IReadOnlyList<string>> HandleAsync(Command cmd, CancellationToken ct = default)
        {
            var me = await currentUser.RequireManagerAsync();
            if (cmd.Count is < 1 or > Max) throw new DomainException($"Ange ett antal koder från 1 till {Max}.");
            await using var db = await dbf.CreateDbContextAsync(ct);
            var round = await SurveyAccess.RoundAsync(db, me, cmd.RoundId, ct);
            var codes = new HashSet<string>();
            while (codes.Count < cmd.Count) codes.Add(SurveyCodes.NewCode());
            db.SurveyCodes.AddRange(codes.Select(c => new SurveyCode { RoundId = round.Id, CodeHash = SurveyCodes.Hash(c) }));
            await db.SaveChangesAsync(ct);
            log.LogInformation("{Count} survey codes made for round {RoundId} by user {UserId}", codes.Count, round.Id, me.Id);
            return codes.Order(StringComparer.Ordinal).ToList();
        }
    }
}
