namespace Ombud.Web.Features.Surveys;

/// <summary>
/// Who does what with the brukarundersökning: the unit lead and admins keep templates and rounds, hand out codes and
/// review flagged free texts; ombud and the lead type in paper forms; all staff of the unit see the (anonymous) results.
/// Nobody sees which client gave which answer: nothing links them.
/// </summary>
public static class SurveyAccess
{
    public static bool CanManage(UserInfo me) => me.IsUnitLead || me.IsAdmin;

    public static async Task<UserInfo> RequireManagerAsync(this ICurrentUser currentUser)
    {
        var me = await currentUser.GetAsync();
        if (!CanManage(me)) throw new DomainException("Bara enhetschef och administratör kan ändra brukarundersökningar.");
        return me;
    }

    public static async Task<UserInfo> RequireStaffAsync(this ICurrentUser currentUser)
    {
        var me = await currentUser.GetAsync();
        if (!CanManage(me) && !me.IsOmbud) throw new DomainException("Du saknar behörighet till brukarundersökningar.");
        return me;
    }

    public static async Task<UserInfo> RequireLeadAsync(this ICurrentUser currentUser)
    {
        var me = await currentUser.GetAsync();
        if (!me.IsUnitLead) throw new DomainException("Bara enhetschefen granskar fritextsvar.");
        return me;
    }

    /// <summary>The unit's round, or <see cref="NotFoundOrForbiddenException"/> (another unit's round is not found).</summary>
    public static async Task<SurveyRound> RoundAsync(OmbudDbContext db, UserInfo me, int roundId, CancellationToken ct) =>
        await db.SurveyRounds.FirstOrDefaultAsync(r => r.UnitId == me.UnitId && r.Id == roundId, ct)
        ?? throw new NotFoundOrForbiddenException();
}
