using Microsoft.AspNetCore.Identity;

namespace Ombud.Web.Features.Account;

/// <summary>
/// Checks a user name and password for the sign-in form. Unknown names, wrong passwords and throttled attempts get the
/// same answer after the same work (a password hash is always verified, against a stand-in hash when there is no such
/// account), so neither the message nor the time tells which accounts exist. A closed account is named only to someone
/// who gave its correct password.
/// </summary>
public static class SignInWithPassword
{
    public enum Outcome { Accepted, Refused, AccountClosed }

    public const string Refusal = "Fel användarnamn eller lösenord. Efter flera misslyckade försök får du vänta en stund innan du kan " +
                                  "försöka igen.";

    public sealed record Result(Outcome Outcome, AppUser? User);

    public sealed class Handler(UserManager<AppUser> users, IPasswordHasher<AppUser> hasher, LoginThrottle throttle, ILogger<Handler> log)
    {
        private static string? _standIn;

        public async Task<Result> HandleAsync(string userName, string password, string address)
        {
            var name = userName.Trim();
            var user = await users.FindByNameAsync(name);
            if (throttle.IsBlocked(name, address))
            {
                StandInCheck(password);
                log.LogWarning("Sign-in attempt refused: too many failures for the name from this address");
                return new(Outcome.Refused, null);
            }
            var correct = user is not null && user.PasswordHash is not null
                ? await users.CheckPasswordAsync(user, password)
                : StandInCheck(password);
            if (!correct)
            {
                throttle.Failed(name, address);
                log.LogWarning("Failed sign-in attempt");
                return new(Outcome.Refused, null);
            }
            throttle.Succeeded(name, address);
            if (!user!.IsActive)
            {
                log.LogWarning("Sign-in refused: account {UserId} is closed", user.Id);
                return new(Outcome.AccountClosed, null);
            }
            return new(Outcome.Accepted, user);
        }

        /// <summary>The same hashing work as a real check; never true.</summary>
        private bool StandInCheck(string password)
        {
            var standIn = _standIn ??= hasher.HashPassword(new AppUser(), Guid.NewGuid().ToString("N"));
            hasher.VerifyHashedPassword(new AppUser(), standIn, password);
            return false;
        }
    }
}
