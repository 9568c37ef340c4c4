using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Ombud.Benchmarks;
using Ombud.Web.Data.Seed;
using Ombud.Web.Features.AnnualReport;

namespace Ombud.Tests.Data;

/// <summary>The seed-demo generator (small profile) and the hand-written SQL bound the report benchmark compares with.</summary>
public class DemoGeneratorTests
{
    private static readonly FakeTimeProvider Clock = TestClock.At(2026, 11, 23);
    private static readonly DemoGenerator.Profile Small = new(Ombud: 4, Years: 3, ClientsPerYear: 200, Seed: 7);

    private static async Task<(TestDb Db, DemoGenerator.Result Result)> GenerateAsync(DemoGenerator.Profile profile)
    {
        var t = await TestDb.CreateAsync(clock: Clock);
        await using (var db = t.CreateContext())
        {
            foreach (var role in Roles.All) db.Roles.Add(new IdentityRole(role) { NormalizedName = role.ToUpperInvariant() });
            await db.SaveChangesAsync();
        }
        var result = await new DemoGenerator(t.Factory, Clock).GenerateAsync(profile);
        return (t, result);
    }

    /// <summary>Counts of every generated table plus a hash of the mandates, contacts and clients in id order.</summary>
    private static async Task<string> FingerprintAsync(TestDb t)
    {
        await using var db = t.CreateContext();
        var sb = new StringBuilder();
        sb.Append(await db.Clients.CountAsync()).Append('|').Append(await db.Mandates.CountAsync()).Append('|')
            .Append(await db.AuthorityContacts.CountAsync()).Append('|').Append(await db.Needs.CountAsync()).Append('|')
            .Append(await db.SipMeetings.CountAsync()).Append('|').Append(await db.SystemFaults.CountAsync()).Append('|');
        foreach (var m in await db.Mandates.OrderBy(m => m.Id).Select(m => new { m.Id, m.ClientId, m.OmbudId, m.Status, m.RegisteredOn, m.StartDate, m.ClosedOn, m.LastActivityOn }).ToListAsync())
            sb.Append(m).Append(';');
        foreach (var c in await db.Clients.OrderBy(c => c.Id).Select(c => new { c.Code, c.Name, c.Gender, c.BirthYear, c.MunicipalityId }).ToListAsync())
            sb.Append(c).Append(';');
        foreach (var a in await db.AuthorityContacts.OrderBy(a => a.Id).Select(a => new { a.MandateId, a.ActorId, a.Date, a.Channel, a.NeedId }).ToListAsync())
            sb.Append(a).Append(';');
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())));
    }

    [Fact]
    public async Task Same_seed_gives_the_same_data_and_another_seed_different_data()
    {
        var (a, _) = await GenerateAsync(Small);
        var (b, _) = await GenerateAsync(Small);
        var (c, _) = await GenerateAsync(Small with { Seed = 8 });
        await using (a) await using (b) await using (c)
        {
            var fa = await FingerprintAsync(a);
            Assert.Equal(fa, await FingerprintAsync(b));
            Assert.NotEqual(fa, await FingerprintAsync(c));
        }
    }

    [Fact]
    public async Task Small_profile_has_the_expected_shape()
    {
        var (t, r) = await GenerateAsync(Small);
        await using var _ = t;
        await using var db = t.CreateContext();

        Assert.Equal(Small.ClientsPerYear * Small.Years, r.Mandates);
        Assert.Equal(r.Mandates, await db.Mandates.CountAsync());
        Assert.Equal(Small.Ombud, await db.Mandates.Select(m => m.OmbudId).Distinct().CountAsync());
        // Reopenings: some clients have more than one mandate; never two open at once.
        Assert.True(r.Reopenings > 0);
        Assert.Equal(r.Mandates - r.Reopenings, await db.Clients.CountAsync());
        Assert.True(await db.Clients.CountAsync(c => c.Mandates.Count > 1) > 0);
        Assert.False(await db.Clients.AnyAsync(c => c.Mandates.Count(m => m.Status != MandateStatus.Closed) > 1));
        Assert.False(await db.Clients.AnyAsync(c => c.Mandates.Any(m => m.Status != MandateStatus.Closed && m.OmbudId != c.OmbudId)));
        // Every status occurs; active mandates have contacts, several a month on average.
        foreach (var s in Enum.GetValues<MandateStatus>()) Assert.True(await db.Mandates.AnyAsync(m => m.Status == s), s.ToString());
        Assert.False(await db.Mandates.AnyAsync(m => m.StartDate != null && !m.Contacts.Any()));
        Assert.False(await db.Mandates.AnyAsync(m => m.StartDate == null && m.Contacts.Any()));
        var contactsPerActiveMonth = r.Contacts / (await db.Mandates.Where(m => m.StartDate != null).Select(m => new { m.StartDate, m.LastActivityOn }).ToListAsync())
            .Sum(m => (m.LastActivityOn.DayNumber - m.StartDate!.Value.DayNumber + 1) / 30.4);
        Assert.InRange(contactsPerActiveMonth, 2.0, 4.0);
        Assert.False(await db.AuthorityContacts.AnyAsync(c => c.Date < c.Mandate!.StartDate || c.Date > c.Mandate.LastActivityOn));
        Assert.True(await db.Needs.AnyAsync() && await db.SipMeetings.AnyAsync() && await db.SystemFaults.AnyAsync() && await db.Consents.AnyAsync());
        // Long-closed clients are anonymised (no name), recent ones keep it until their dispose date.
        Assert.True(await db.Clients.AnyAsync(c => c.AnonymisedAtUtc != null));
        Assert.False(await db.Clients.AnyAsync(c => c.AnonymisedAtUtc != null && (c.Name != null || c.PersonalNumber != null)));
        // Skewed category use: the most used referral path is used far more than the least used.
        var referrals = await db.Mandates.GroupBy(m => m.ReferralPathId).Select(g => g.Count()).ToListAsync();
        Assert.True(referrals.Max() > 3 * referrals.Min());
        // Generated data is not a user's change: no audit rows.
        Assert.Equal(0, await db.AuditEntries.CountAsync());
    }

    [Fact]
    public async Task Yearly_report_computes_and_the_sql_bound_gives_the_same_figures()
    {
        var (t, _) = await GenerateAsync(Small);
        await using var _ = t;
        await using var db = t.CreateContext();
        var unitId = await db.Units.Select(u => u.Id).FirstAsync();
        var municipalityId = await db.Clients.GroupBy(c => c.MunicipalityId).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync();
        foreach (var (year, muni) in new[] { (2025, (int?)null), (2025, municipalityId), (2024, null), (2026, null) })
        {
            var app = AnnualStatistics.Compute(year, await AnnualStatistics.Handler.LoadFactsAsync(t.Factory, unitId, year, muni, default));
            var bound = await ReportSqlBound.ComputeAsync(db, unitId, year, muni);
            Assert.True(app.Clients.Total > 0 && app.NewClients.Total > 0 && app.ClosedClients.Total > 0 && app.ContactReasons.Count > 1);
            Assert.Equal(app.Clients.Total, app.AgeGroups.Values.Sum());
            Assert.Equal(ReportJson.Serialize(app, null), ReportJson.Serialize(bound, null));
        }
    }
}
