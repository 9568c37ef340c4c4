namespace Ombud.Web.Features.Caseload;

/// <summary>The access rule for the lead's caseload use cases (waiting list, reassignment), checked in every handler.</summary>
public static class CaseloadAccess
{
    /// <summary>
    /// Returns the signed-in unit lead, or throws a Swedish <see cref="DomainException"/> "Bara enhetschefen kan
    /// <paramref name="what"/>."
    /// </summary>
    public static async Task<UserInfo> RequireUnitLeadAsync(this ICurrentUser currentUser, string what)
    {
        var me = await currentUser.GetAsync();
        if (!me.IsUnitLead) throw new DomainException($"Bara enhetschefen kan {what}.");
        return me;
    }
}
