namespace Ombud.Web.Features.SteeringGroup;

/// <summary>The unit lead and admins keep the ledningsgrupp's members and meetings; ombud may view them.</summary>
public static class SteeringGroupAccess
{
    public static bool CanEdit(UserInfo me) => me.IsUnitLead || me.IsAdmin;

    public static async Task<UserInfo> RequireEditorAsync(this ICurrentUser currentUser)
    {
        var me = await currentUser.GetAsync();
        if (!CanEdit(me)) throw new DomainException("Bara enhetschef och administratör kan ändra ledningsgruppens uppgifter.");
        return me;
    }

    public static async Task<UserInfo> RequireViewerAsync(this ICurrentUser currentUser)
    {
        var me = await currentUser.GetAsync();
        if (!CanEdit(me) && !me.IsOmbud) throw new DomainException("Du saknar behörighet till ledningsgruppens uppgifter.");
        return me;
    }
}
