using Microsoft.AspNetCore.Identity;

namespace Ombud.Web.Features.Admin;

/// <summary>
/// The Systemadministratör or the operator (<c>users add</c>) creates an account in a given unit with one role: a unit's
/// first Admin, or a Systemadministratör (the installation's first one too, from the command line). The password must
/// meet Identity's rules and <see cref="SaveUser.MinPasswordLength"/>. A unit's own admin adds further accounts with
/// <see cref="SaveUser"/>. Audited like <see cref="SaveUser"/> (which account, never values).
/// </summary>
public static class AddAccount
{
    public sealed class Command
    {
        public int UnitId { get; set; }
        public string? UserName { get; set; }
        public string? DisplayName { get; set; }
        public string? Role { get; set; }
        public string? Password { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.UserName).NotEmpty().WithMessage("Ange användarnamn.")
                .Must(u => u is null || SaveUser.UserNamePattern().IsMatch(u.Trim()))
                .WithMessage("Användarnamnet ska vara 3–50 tecken: a–z, siffror, punkt, bindestreck eller understreck.");
            RuleFor(x => x.DisplayName).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Ange namn.")
                .MaximumLength(Limits.Name).WithMessage($"Högst {Limits.Name} tecken.");
            RuleFor(x => x.Role).Must(r => r is not null && Roles.All.Contains(r))
                .WithMessage($"Okänd roll: välj {string.Join(", ", Roles.All)}.");
            RuleFor(x => x.Password).NotEmpty().WithMessage("Ange ett lösenord för det nya kontot.")
                .MinimumLength(SaveUser.MinPasswordLength).WithMessage($"Lösenordet ska vara minst {SaveUser.MinPasswordLength} tecken.")
                .MaximumLength(128).WithMessage("Lösenordet får vara högst 128 tecken.");
        }
    }

    public sealed class Handler(
        IServiceScopeFactory scopes, IValidator<Command> validator, ICurrentUser currentUser, AuditInterceptor audit, ILogger<Handler> log)
    {
        /// <summary>Returns the new account's id.</summary>
        public async Task<string> HandleAsync(Command cmd, CancellationToken ct = default)
        {
            await currentUser.RequireSystemAdminOrOperatorAsync("lägga till konton i en enhet");
            await validator.ValidateAndThrowAsync(cmd, ct);
            // Identity's UserManager works on a scoped DbContext: one scope per operation (as in SaveUser).
            await using var scope = scopes.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var db = scope.ServiceProvider.GetRequiredService<OmbudDbContext>();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            if (!await db.Units.AnyAsync(u => u.Id == cmd.UnitId, ct)) throw new DomainException("Enheten finns inte.");

            var user = new AppUser
            {
                UserName = cmd.UserName!.Trim(),
                DisplayName = cmd.DisplayName!.Trim(),
                UnitId = cmd.UnitId,
                IsActive = true,
                EmailConfirmed = true,
            };
            SaveUser.Handler.Check(await users.CreateAsync(user, cmd.Password!));
            SaveUser.Handler.Check(await users.AddToRoleAsync(user, cmd.Role!));
            await audit.RecordAsync(db, AuditActions.Created, "User", user.Id, null, ct);
            await tx.CommitAsync(ct);
            log.LogInformation("User account {UserId} added to unit {UnitId} with role {Role}", user.Id, cmd.UnitId, cmd.Role);
            return user.Id;
        }
    }
}
