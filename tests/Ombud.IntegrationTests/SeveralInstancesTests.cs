using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Time.Testing;
using Ombud.Web.Data.Seed;
using Ombud.Web.Features.Clients;

namespace Ombud.IntegrationTests;

/// <summary>
/// Two instances of the app on one database (behind a load balancer): a sign-in on one holds on the other (the
/// data-protection keys are in the database), and the daily retention sweep runs once a day across both (a lease in
/// the database).
/// </summary>
public class SeveralInstancesTests
{
    [Fact]
    public async Task A_user_signed_in_on_one_instance_is_signed_in_on_the_other()
    {
        await using var a = new OmbudAppFactory();
        await using var b = new OmbudAppFactory { SameDatabaseAs = a };
        using var browser = a.CreateBrowserLikeClient();
        var cookie = AuthCookie(await OmbudAppFactory.SignInAsync(browser, "ombud", DemoData.Password));

        Assert.Equal(HttpStatusCode.OK, (await ReplayAsync(b, cookie, "/klienter")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ReplayAsync(a, cookie, "/klienter")).StatusCode);
        // The cookie is protected with a key kept in the database (not one in a folder both happen to share on this machine).
        await using (var scope = b.Services.CreateAsyncScope())
        await using (var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<OmbudDbContext>>().CreateDbContextAsync())
            Assert.Contains($"key-{KeyIdOf(cookie)}", await db.DataProtectionKeys.Select(k => k.FriendlyName).ToListAsync());

        // The control: an instance on the same database whose keys are elsewhere (a folder of its own) cannot read the
        // cookie, so the 200 above is the shared keys' doing.
        var ownKeys = Directory.CreateTempSubdirectory("ombud-keys-");
        try
        {
            await using var apart = new OmbudAppFactory
            {
                SameDatabaseAs = a,
                ExtraServices = s => s.AddDataProtection().PersistKeysToFileSystem(ownKeys),
            };
            var refused = await ReplayAsync(apart, cookie, "/klienter");
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.StartsWith("/konto/logga-in", refused.Headers.Location!.PathAndQuery);
        }
        finally
        {
            ownKeys.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task The_retention_sweep_runs_once_a_day_across_instances()
    {
        var start = new DateTimeOffset(2027, 1, 11, 2, 0, 0, TimeSpan.Zero); // 03:00 in Stockholm
        var clockA = new FakeTimeProvider(start);
        var clockB = new FakeTimeProvider(start);
        await using var a = new OmbudAppFactory { ExtraServices = s => s.AddSingleton<TimeProvider>(clockA) };
        await using var b = new OmbudAppFactory { SameDatabaseAs = a, ExtraServices = s => s.AddSingleton<TimeProvider>(clockB) };
        var sweeps = new[]
        {
            a.Services.GetRequiredService<RetentionSweepService>(),
            b.Services.GetRequiredService<RetentionSweepService>(),
        };
        Assert.NotEqual(sweeps[0].Holder, sweeps[1].Holder);

        // Both instances' hourly checks at the same moment, each as the hosted service calls it.
        async Task<int> BothAsync() => (await Task.WhenAll(sweeps.Select(s => Task.Run(() => s.RunIfDueAsync())))).Count(ran => ran);
        void Advance(TimeSpan by)
        {
            clockA.Advance(by);
            clockB.Advance(by);
        }

        Assert.Equal(1, await BothAsync());
        Assert.Equal(0, await BothAsync()); // the same day: done already
        Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, await BothAsync());

        Advance(TimeSpan.FromDays(1));
        Assert.Equal(1, await BothAsync()); // the next day runs again
        Assert.Equal(0, await BothAsync());

        // An instance that died holding the lease: nobody runs the sweep until the lease lapses, then one instance does.
        Advance(TimeSpan.FromDays(1));
        var day3 = clockA.Today();
        await using var scope = a.Services.CreateAsyncScope();
        var dbf = scope.ServiceProvider.GetRequiredService<IDbContextFactory<OmbudDbContext>>();
        await using (var db = await dbf.CreateDbContextAsync())
        {
            Assert.True(await JobLeasing.TryTakeAsync(db, RetentionSweepService.JobName, "dead-instance", day3,
                clockA.GetUtcNow().UtcDateTime, RetentionSweepService.LeaseFor));
        }
        Assert.Equal(0, await BothAsync());
        Advance(RetentionSweepService.LeaseFor + TimeSpan.FromMinutes(1));
        Assert.Equal(1, await BothAsync());

        await using (var db = await dbf.CreateDbContextAsync())
        {
            var lease = await db.JobLeases.SingleAsync();
            Assert.Equal((RetentionSweepService.JobName, day3, (string?)null), (lease.Name, lease.LastRunOn, lease.Holder));
        }

        // The sweep itself ran once per day, on one instance or the other: its log lines from both instances' logs.
        var days = SweepLogDays(a).Concat(SweepLogDays(b)).Order().ToList();
        Assert.Equal(["2027-01-11", "2027-01-12", "2027-01-13"], days);
    }

    private static IEnumerable<string> SweepLogDays(OmbudAppFactory app) =>
        Directory.GetFiles(app.LogFolder).SelectMany(f =>
        {
            using var s = new FileStream(f, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            return new StreamReader(s).ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        })
        .Select(line => JsonDocument.Parse(line).RootElement)
        .Where(e => e.GetProperty("@mt").GetString()!.StartsWith("Retention sweep for", StringComparison.Ordinal))
        .Select(e => e.GetProperty("Day").ToString())
        .ToList();

    /// <summary>The data-protection key a protected value names: after the 4-byte magic header, the key's id.</summary>
    private static Guid KeyIdOf(string cookie)
    {
        var payload = Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlDecode(
            Uri.UnescapeDataString(cookie[(cookie.IndexOf('=') + 1)..]));
        return new Guid(payload.AsSpan(4, 16));
    }

    private static Task<HttpResponseMessage> ReplayAsync(OmbudAppFactory app, string cookie, string path) =>
        Cookies.ReplayAsync(app, cookie, path);

    private static string AuthCookie(HttpResponseMessage signIn) => Cookies.AuthCookie(signIn);
}
