using Microsoft.AspNetCore.Identity;

namespace Ombud.Web.Features.Admin;

/// <summary>
/// Admin stops an account (a person leaves) or starts it again. A stopped account cannot sign in, and its sessions end
/// (the security stamp changes). An ombud with open mandates is stopped only after the lead has moved them. Audited.
/// </summary>
public static class SetUserActive
{
    public sealed class Handler(IServiceScopeFactory scopes, ICurrentUser currentUser, SessionValidator sessions, AuditInterceptor audit,
        ILogger<Handler> log)
    {
        public async Task HandleAsync(string userId, bool active, CancellationToken ct = default)
        {
            var me = await currentUser.RequireAdminAsync("hantera användare");
            if (userId == me.Id && !active) throw new DomainException("Du kan inte stänga ditt eget konto.");
            await using var scope = scopes.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var db = scope.ServiceProvider.GetRequiredService<OmbudDbContext>();
            var user = await users.FindByIdAsync(userId) is { } found && found.UnitId == me.UnitId
                ? found
                : throw new NotFoundOrForbiddenException();
            // the Systemadministratör's account
            if (await users.IsInRoleAsync(user, Domain.Roles.RegionalViewer)) throw new NotFoundOrForbiddenException();
            if (user.IsActive == active) return;
            if (!active)
            {
                var open = await db.Mandates.CountAsync(m => m.OmbudId == user.Id && m.Status != MandateStatus.Closed, ct);
                if (open > 0)
                    throw new DomainException(
                        $"{user.DisplayName} har {open} öppna uppdrag. Låt enhetschefen omfördela dem (Omfördelning) innan kontot stängs.");
            }
            user.IsActive = active;
            var result = await users.UpdateAsync(user);
            if (!result.Succeeded) throw new DomainException("Kontot kunde inte ändras.");
            await sessions.EndAllAsync(users, user); // a closed account's open tabs and copied cookies stop working
            await audit.RecordAsync(db, AuditActions.Changed, "User", user.Id, null, ct);
            log.LogInformation("User account {UserId} {State} by {AdminId}", user.Id, active ? "activated" : "deactivated", me.Id);
        }
    }
}
