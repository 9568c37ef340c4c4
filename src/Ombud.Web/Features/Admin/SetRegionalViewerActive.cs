using Microsoft.AspNetCore.Identity;

namespace Ombud.Web.Features.Admin;

/// <summary>
/// The Systemadministratör (or the operator) closes a Regional uppföljare account — the contact person has left — or opens
/// it again. A closed account cannot sign in and its sessions end at once (the security stamp changes); its grants stay
/// for when it is opened again. Audited in the Systemadministratör's log and in the log of every unit the account is
/// granted (entity "User", the account's id).
/// </summary>
public static class SetRegionalViewerActive
{
    public sealed class Handler(
        IServiceScopeFactory scopes, ICurrentUser currentUser, SessionValidator sessions, AuditInterceptor audit, ILogger<Handler> log)
    {
        public async Task HandleAsync(string userId, bool active, CancellationToken ct = default)
        {
            await currentUser.RequireSystemAdminOrOperatorAsync("stänga eller öppna regionala uppföljares konton");
            await using var scope = scopes.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var db = scope.ServiceProvider.GetRequiredService<OmbudDbContext>();
            var user = await RegionalViewerAccounts.FindAsync(users, userId);
            if (user.IsActive == active) return;
            user.IsActive = active;
            SaveUser.Handler.Check(await users.UpdateAsync(user));
            await sessions.EndAllAsync(users, user); // a closed account's open tabs and copied cookies stop working
            await audit.RecordAsync(db, AuditActions.Changed, "User", user.Id, null, ct);
            await RegionalViewerAccounts.RecordInGrantedUnitsAsync(db, audit, await currentUser.FindAsync(), user.Id, ct);
            log.LogInformation("Regional viewer account {UserId} {State}", user.Id, active ? "activated" : "deactivated");
        }
    }
}
