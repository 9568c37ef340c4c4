using Microsoft.AspNetCore.Identity;
using Ombud.Web.Data.Seed;
using Ombud.Web.Features.Account;
using static Ombud.Web.Features.Account.SignInWithPassword;

namespace Ombud.IntegrationTests;

/// <summary>Sign-in reveals nothing about which accounts exist, and a stranger cannot lock a named colleague out.</summary>
public class SignInTests(OmbudAppFactory app) : IClassFixture<OmbudAppFactory>
{
    [Fact]
    public async Task A_stranger_guessing_from_one_address_does_not_lock_the_owner_out()
    {
        await using var s = await HostScope.AsAsync(app, "admin");
        var check = s.Get<Handler>();
        for (var i = 0; i < LoginThrottle.FreeFailures; i++)
            Assert.Equal(Outcome.Refused, (await check.HandleAsync("ombud", "gissning-" + i, "203.0.113.5")).Outcome);

        // The guesser's address now waits, even with the right password ...
        Assert.Equal(Outcome.Refused, (await check.HandleAsync("ombud", DemoData.Password, "203.0.113.5")).Outcome);
        // ... while the owner, at their own computer, signs in as usual.
        var owner = await check.HandleAsync("ombud", DemoData.Password, "198.51.100.7");
        Assert.Equal(Outcome.Accepted, owner.Outcome);
        Assert.Equal("ombud", owner.User!.UserName);
    }

    [Fact]
    public async Task Unknown_names_wrong_passwords_and_waiting_addresses_get_the_same_answer_after_the_same_hashing()
    {
        var hasher = new CountingHasher();
        await using var counted = new OmbudAppFactory
        {
            ExtraServices = services => services.AddSingleton<IPasswordHasher<AppUser>>(hasher),
        };
        await using var s = await HostScope.AsAsync(counted, "admin");
        var check = s.Get<Handler>();

        async Task<(Result Result, int Hashes)> Attempt(string name, string password, string address)
        {
            var before = hasher.Verifications;
            var result = await check.HandleAsync(name, password, address);
            return (result, hasher.Verifications - before);
        }

        var unknown = await Attempt("finns.inte", "Nagot-losen-1", "192.0.2.1");
        var wrong = await Attempt("ombud", "Nagot-losen-1", "192.0.2.1");
        for (var i = 0; i < LoginThrottle.FreeFailures; i++) await Attempt("ombud2", "fel-" + i, "192.0.2.2");
        var waiting = await Attempt("ombud2", DemoData.Password, "192.0.2.2");

        foreach (var (result, hashes) in new[] { unknown, wrong, waiting })
        {
            Assert.Equal(Outcome.Refused, result.Outcome);
            Assert.Null(result.User);
            Assert.Equal(1, hashes); // one password hash verified each time: an unknown name costs what a real one does
        }
    }

    [Fact]
    public async Task The_sign_in_page_says_the_same_for_an_unknown_name_and_a_wrong_password()
    {
        using var a = app.CreateBrowserLikeClient();
        using var b = app.CreateBrowserLikeClient();
        var unknown = System.Net.WebUtility.HtmlDecode(
            await (await OmbudAppFactory.SignInAsync(a, "finns.inte.alls", "Fel-losen-12")).Content.ReadAsStringAsync());
        var wrong = System.Net.WebUtility.HtmlDecode(
            await (await OmbudAppFactory.SignInAsync(b, "chef", "Fel-losen-12")).Content.ReadAsStringAsync());
        Assert.Contains(Refusal, unknown);
        Assert.Contains(Refusal, wrong);
        await using var s = await HostScope.AsAsync(app, "admin");
        s.Get<LoginThrottle>().Reset("chef");
    }

    private sealed class CountingHasher : IPasswordHasher<AppUser>
    {
        private readonly PasswordHasher<AppUser> _inner = new();
        private int _verifications;
        public int Verifications => Volatile.Read(ref _verifications);
        public string HashPassword(AppUser user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
