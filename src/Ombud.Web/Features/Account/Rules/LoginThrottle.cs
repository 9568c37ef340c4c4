using System.Collections.Concurrent;

namespace Ombud.Web.Features.Account;

/// <summary>
/// Slows password guessing without letting a stranger lock a named colleague out (which Identity's account lockout did:
/// five wrong guesses from anywhere locked the account for 15 minutes).
/// <list type="bullet">
/// <item>Per user name <b>and address</b>: after <see cref="FreeFailures"/> failures in a row, each further attempt from that
/// address must wait a growing delay (30 s, 1 min, 2 min, … at most 15 min). The owner, signing in from their own
/// computer, is not affected; a success resets the pair.</item>
/// <item>Per user name from all addresses together: at most <c>Ombud:SignIn:AccountFailuresPerHour</c> (default 100)
/// failures an hour; past that every address waits until the hour has passed. Only a guesser with very many addresses
/// reaches it, and it still caps what they can try.</item>
/// </list>
/// Unknown user names are counted exactly like real ones, so the throttle tells nobody which accounts exist. The state is
/// kept in memory per app instance (several instances each apply their own limits) and pruned after an hour.
/// </summary>
public sealed class LoginThrottle(TimeProvider clock, IConfiguration config)
{
    public const int FreeFailures = 5;
    private static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(30), MaxDelay = TimeSpan
        .FromMinutes(15), Window = TimeSpan
        .FromHours(1);
    private readonly int _accountFailuresPerHour = Math.Max(FreeFailures, config.GetValue("Ombud:SignIn:AccountFailuresPerHour", 100));
    private readonly ConcurrentDictionary<(string Name, string Address), Pair> _pairs = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<DateTimeOffset>> _accounts = new();

    private sealed record Pair(int Failures, DateTimeOffset Last);

    /// <summary>True when an attempt for this name from this address must wait (the password is then not checked).</summary>
    public bool IsBlocked(string userName, string address)
    {
        var now = clock.GetUtcNow();
        var name = Normalise(userName);
        if (_pairs.TryGetValue((name, address), out var pair) && pair.Failures >= FreeFailures && now < pair.Last + Delay(pair.Failures))
            return true;
        return _accounts.TryGetValue(name, out var failures) && Recent(failures, now) >= _accountFailuresPerHour;
    }

    public void Failed(string userName, string address)
    {
        var now = clock.GetUtcNow();
        var name = Normalise(userName);
        _pairs.AddOrUpdate((name, address), _ => new Pair(1, now), (_, p) => new Pair(p.Failures + 1, now));
        _accounts.GetOrAdd(name, _ => new()).Enqueue(now);
        if (_pairs.Count > 10_000 || _accounts.Count > 10_000) Prune(now);
    }

    public void Succeeded(string userName, string address) => _pairs.TryRemove((Normalise(userName), address), out _);

    /// <summary>Forgets every failure for the name (an admin set a new password for the account).</summary>
    public void Reset(string userName)
    {
        var name = Normalise(userName);
        foreach (var key in _pairs.Keys.Where(k => k.Name == name)) _pairs.TryRemove(key, out _);
        _accounts.TryRemove(name, out _);
    }

    private static TimeSpan Delay(int failures)
    {
        var doublings = Math.Min(failures - FreeFailures, 5);
        var delay = FirstDelay * Math.Pow(2, doublings);
        return delay < MaxDelay ? delay : MaxDelay;
    }

    private static int Recent(ConcurrentQueue<DateTimeOffset> failures, DateTimeOffset now)
    {
        while (failures.TryPeek(out var oldest) && oldest < now - Window) failures.TryDequeue(out _);
        return failures.Count;
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, pair) in _pairs)
            if (pair.Last < now - Window) _pairs.TryRemove(key, out _);
        foreach (var (key, failures) in _accounts)
            if (Recent(failures, now) == 0) _accounts.TryRemove(key, out _);
    }

    private static string Normalise(string userName) => userName.Trim().ToUpperInvariant();
}
