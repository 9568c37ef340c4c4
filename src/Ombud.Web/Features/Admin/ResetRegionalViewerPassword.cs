using Microsoft.AspNetCore.Identity;

namespace Ombud.Web.Features.Admin;

/// <summary>
/// The Systemadministratör (or the operator) gives a Regional uppföljare account a new password — forgotten, or given to
/// someone else by mistake. The account's sessions end, a lockout or a wait after failed attempts is lifted. Audited in
/// the Systemadministratör's log and in the log of every unit the account is granted (never the password).
/// </summary>
public static class ResetRegionalViewerPassword
{
    public sealed class Command
    {
        public string UserId { get; set; } = "";
        public string? NewPassword { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.NewPassword).NotEmpty().WithMessage("Ange det nya lösenordet.")
                .MinimumLength(SaveUser.MinPasswordLength).WithMessage($"Lösenordet ska vara minst {SaveUser.MinPasswordLength} tecken.")
                .MaximumLength(128).WithMessage("Lösenordet får vara högst 128 tecken.");
        }
    }

    public sealed class Handler(
        IServiceScopeFactory scopes, IValidator<Command> validator, ICurrentUser currentUser, SessionValidator sessions,
        Account.LoginThrottle throttle, AuditInterceptor audit, ILogger<Handler> log)
    {
        public async Task HandleAsync(Command cmd, CancellationToken ct = default)
        {
            await currentUser.RequireSystemAdminOrOperatorAsync("ge regionala uppföljare nya lösenord");
            await validator.ValidateAndThrowAsync(cmd, ct);
            await using var scope = scopes.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var db = scope.ServiceProvider.GetRequiredService<OmbudDbContext>();
            var user = await RegionalViewerAccounts.FindAsync(users, cmd.UserId);
            var token = await users.GeneratePasswordResetTokenAsync(user);
            SaveUser.Handler.Check(await users.ResetPasswordAsync(user, token, cmd.NewPassword!));
            await users.SetLockoutEndDateAsync(user, null);
            await users.ResetAccessFailedCountAsync(user);
            throttle.Reset(user.UserName!);
            await sessions.EndAllAsync(users, user); // whoever had the old password is signed out everywhere
            await audit.RecordAsync(db, AuditActions.Changed, "User", user.Id, null, ct);
            await RegionalViewerAccounts.RecordInGrantedUnitsAsync(db, audit, await currentUser.FindAsync(), user.Id, ct);
            log.LogInformation("Regional viewer account {UserId}: new password", user.Id);
        }
    }
}
