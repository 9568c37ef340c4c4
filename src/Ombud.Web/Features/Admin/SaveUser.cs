using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;

namespace Ombud.Web.Features.Admin;

/// <summary>
/// Admin adds a user account to the unit or edits one: display name, roles, and a new password when needed (which also
/// lifts a lockout). Admin cannot take the Admin role from themself. Audited (who changed which account, never values).
/// </summary>
public static partial class SaveUser
{
    public const int MinPasswordLength = 10;

    public sealed class Command
    {
        /// <summary>Null for a new account.</summary>
        public string? Id { get; set; }
        public string? UserName { get; set; }
        public string? DisplayName { get; set; }
        public IEnumerable<string> Roles { get; set; } = [];
        /// <summary>Required for a new account; for an existing one, set only to change the password.</summary>
        public string? NewPassword { get; set; }
    }

    [GeneratedRegex("^[a-z0-9._-]{3,50}$")]
    internal static partial Regex UserNamePattern();

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.UserName).NotEmpty().WithMessage("Ange användarnamn.")
                .Must(u => u is null || UserNamePattern().IsMatch(u.Trim())).WithMessage(
                    "Användarnamnet ska vara 3–50 tecken: a–z, siffror, punkt, bindestreck eller understreck.");
            RuleFor(x => x.DisplayName).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Ange namn.")
                .MaximumLength(Limits.Name).WithMessage($"Högst {Limits.Name} tecken.");
            RuleFor(x => x.Roles).Must(r => r.Any()).WithMessage("Välj minst en roll.")
                .Must(r => r.All(Domain.Roles.UnitRoles.Contains)).WithMessage("Okänd roll.");
            RuleFor(x => x.NewPassword).NotEmpty().When(x => x.Id is null).WithMessage("Ange ett lösenord för det nya kontot.");
            RuleFor(x => x.NewPassword).MinimumLength(MinPasswordLength).When(x => !string.IsNullOrEmpty(x.NewPassword))
                .WithMessage($"Lösenordet ska vara minst {MinPasswordLength} tecken.")
                .MaximumLength(128).WithMessage("Lösenordet får vara högst 128 tecken.");
        }
    }

    public sealed class Handler(
        IServiceScopeFactory scopes, IValidator<Command> validator, ICurrentUser currentUser, SessionValidator sessions,
        Account.LoginThrottle throttle, AuditInterceptor audit, ILogger<Handler> log)
    {
        /// <summary>Returns the account's id.</summary>
        public async Task<string> HandleAsync(Command cmd, CancellationToken ct = default)
        {
            var me = await currentUser.RequireAdminAsync("hantera användare");
            await validator.ValidateAndThrowAsync(cmd, ct);
            // Identity's UserManager works on a scoped DbContext: one scope per operation, not one per circuit.
            await using var scope = scopes.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var db = scope.ServiceProvider.GetRequiredService<OmbudDbContext>();
            await using var tx = await db.Database.BeginTransactionAsync(ct);

            AppUser user;
            var isNew = cmd.Id is null;
            if (isNew)
            {
                user = new AppUser
                {
                    UserName = cmd.UserName!.Trim(),
                    DisplayName = cmd.DisplayName!.Trim(),
                    UnitId = me.UnitId,
                    IsActive = true
                };
                Check(await users.CreateAsync(user, cmd.NewPassword!));
            }
            else
            {
                user = await users.FindByIdAsync(cmd.Id!) is { } found && found.UnitId == me.UnitId
                    ? found
                    : throw new NotFoundOrForbiddenException();
                // a Regional uppföljare is the Systemadministratör's account, not the unit's, wherever its audit home is
                if (await users.IsInRoleAsync(user, Domain.Roles.RegionalViewer)) throw new NotFoundOrForbiddenException();
                if (user.UserName != cmd.UserName!.Trim()) Check(await users.SetUserNameAsync(user, cmd.UserName.Trim()));
                user.DisplayName = cmd.DisplayName!.Trim();
                Check(await users.UpdateAsync(user));
                if (!string.IsNullOrEmpty(cmd.NewPassword))
                {
                    var token = await users.GeneratePasswordResetTokenAsync(user);
                    Check(await users.ResetPasswordAsync(user, token, cmd.NewPassword));
                    await users.SetLockoutEndDateAsync(user, null);
                    await users.ResetAccessFailedCountAsync(user);
                    throttle.Reset(user.UserName!); // a new password lifts the wait after failed attempts
                }
            }

            var wanted = cmd.Roles.Distinct().ToList();
            if (user.Id == me.Id && !wanted.Contains(Domain.Roles.Admin))
                throw new DomainException("Du kan inte ta bort administratörsrollen från dig själv.");
            var current = await users.GetRolesAsync(user);
            var remove = current.Except(wanted).ToList();
            if (remove.Contains(Domain.Roles.Ombud)
                && await db.Mandates.AnyAsync(m => m.OmbudId == user.Id && m.Status != MandateStatus.Closed, ct))
                throw new DomainException("Ombudet har öppna uppdrag. Låt enhetschefen omfördela dem innan rollen Ombud tas bort.");
            if (remove.Count > 0) Check(await users.RemoveFromRolesAsync(user, remove));
            var add = wanted.Except(current).ToList();
            if (add.Count > 0) Check(await users.AddToRolesAsync(user, add));
            // A new password or other roles end the account's sessions: the person signs in again with what now holds.
            var endSessions = !isNew && (!string.IsNullOrEmpty(cmd.NewPassword) || remove.Count > 0 || add.Count > 0);
            if (endSessions) await users.UpdateSecurityStampAsync(user);

            await audit.RecordAsync(db, isNew ? AuditActions.Created : AuditActions.Changed, "User", user.Id, null, ct);
            await tx.CommitAsync(ct);
            if (endSessions) sessions.Forget(user.Id);
            log.LogInformation("User account {UserId} {Action} by {AdminId}", user.Id, isNew ? "created" : "changed", me.Id);
            return user.Id;
        }

        /// <summary>Throws a <see cref="DomainException"/> with Identity's errors in Swedish (also for <see cref="AddAccount"/>).</summary>
        internal static void Check(IdentityResult result)
        {
            if (result.Succeeded) return;
            throw new DomainException(string.Join(" ", result.Errors.Select(e => Swedish(e))));
        }

        private static string Swedish(IdentityError e) => e.Code switch
        {
            "DuplicateUserName" => "Användarnamnet är upptaget.",
            "InvalidUserName" => "Användarnamnet är ogiltigt.",
            "PasswordTooShort" => $"Lösenordet ska vara minst {MinPasswordLength} tecken.",
            "PasswordRequiresDigit" => "Lösenordet ska innehålla minst en siffra.",
            "PasswordRequiresLower" => "Lösenordet ska innehålla minst en liten bokstav.",
            "PasswordRequiresUpper" => "Lösenordet ska innehålla minst en stor bokstav.",
            "PasswordRequiresUniqueChars" => "Lösenordet behöver fler olika tecken.",
            _ => "Kontot kunde inte sparas (" + e.Code + ").",
        };
    }
}
