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
        foreach (var m in await db.Mandates.OrderBy(m => m.Id)
            .Select(m => new { m.Id, m.ClientId, m.OmbudId, m.Status, m.RegisteredOn, m.StartDate, m.ClosedOn, m.LastActivityOn })
            .ToListAsync())
            sb.Append(m).Append(';');
        foreach (var c in await db.Clients.OrderBy(c => c.Id)
            .Select(c => new { c.Code, c.Name, c.Gender, c.BirthYear, c.MunicipalityId }).ToListAsync())
            sb.Append(c).Append(';');
        foreach (var a in await db.AuthorityContacts.OrderBy(a => a.Id)
            .Select(a => new { a.MandateId, a.ActorId, a.Date, a.Channel, a.NeedId }).ToListAsync())
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
        var contactsPerActiveMonth = r.Contacts / (await db.Mandates.Where(m => m.StartDate != null)
            .Select(m => new { m.StartDate, m.LastActivityOn }).ToListAsync())
            .Sum(m => (m.LastActivityOn.DayNumber - m.StartDate!.Value.DayNumber + 1) / 30.4);
        Assert.InRange(contactsPerActiveMonth, 2.0, 4.0);
        Assert.False(await db.AuthorityContacts.AnyAsync(c => c.Date < c.Mandate!.StartDate || c.Date > c.Mandate.LastActivityOn));
        Assert.True(await db.Needs.AnyAsync()
            && await db.SipMeetings.AnyAsync()
            && await db.SystemFaults.AnyAsync()
            && await db.Consents.AnyAsync());
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
    public async Task Units_option_gives_each_unit_its_own_ombud_clients_places_and_lead()
    {
        var profile = new DemoGenerator.Profile(Ombud: 5, Years: 2, ClientsPerYear: 80, Seed: 3, Units: 2);
        var (t, r) = await GenerateAsync(profile);
        await using var _ = t;
        await using var db = t.CreateContext();

        Assert.Equal(2, r.Units);
        var units = await db.Units.OrderBy(u => u.Id).Select(u => new { u.Id, u.Name, u.RetentionMonths }).ToListAsync();
        Assert.Equal(["Personligt ombud Enhet 01 (påhittad)", "Personligt ombud Enhet 02 (påhittad)"], units.Select(u => u.Name));
        Assert.All(units, u => Assert.Equal(12, u.RetentionMonths));
        // Ombud split 2 + 3, numbered across the installation; each unit has its own lead, admin, places, actors and steering group.
        var ombud = await db.UsersInRole(Roles.Ombud).OrderBy(u => u.UserName).Select(u => new { u.UserName, u.UnitId }).ToListAsync();
        Assert.Equal(["ombud001", "ombud002", "ombud003", "ombud004", "ombud005"], ombud.Select(o => o.UserName));
        Assert.Equal([units[0].Id, units[0].Id, units[1].Id, units[1].Id, units[1].Id], ombud.Select(o => o.UnitId));
        for (var k = 0; k < 2; k++)
        {
            var unitId = units[k].Id;
            Assert.Equal(
                unitId,
                await db.UsersInRole(Roles.UnitLead).Where(u => u.UserName == $"chef-enhet{k + 1:00}").Select(u => u.UnitId).SingleAsync());
            Assert.Equal(
                unitId,
                await db.UsersInRole(Roles.Admin).Where(u => u.UserName == $"admin-enhet{k + 1:00}").Select(u => u.UnitId).SingleAsync());
            Assert.True(await db.Municipalities.AnyAsync(m => m.UnitId == unitId));
            Assert.True(await db.Actors.AnyAsync(a => a.UnitId == unitId));
            Assert.True(await db.SteeringGroupMembers.AnyAsync(m => m.UnitId == unitId));
            Assert.True(await db.SystemFaults.AnyAsync(f => f.UnitId == unitId));
            Assert.True(await db.Clients.CountAsync(c => c.UnitId == unitId) > 30);
        }
        Assert.Equal(profile.ClientsPerYear * profile.Years, await db.Mandates.CountAsync());
        // Nothing crosses a unit: a client's ombud and municipality, a mandate's unit and ombud, the actors of contacts,
        // consents and SIP meetings, a system fault's reporter all belong to the row's unit.
        Assert.False(await db.Clients.AnyAsync(c => db.Users.Any(u => u.Id == c.OmbudId && u.UnitId != c.UnitId)));
        Assert.False(await db.Clients.AnyAsync(c => c.Municipality!.UnitId != c.UnitId));
        Assert.False(await db.Mandates.AnyAsync(m => m.UnitId != m.Client!.UnitId));
        Assert.False(await db.Mandates.AnyAsync(m => db.Users.Any(u => u.Id == m.OmbudId && u.UnitId != m.UnitId)));
        Assert.False(await db.AuthorityContacts.AnyAsync(a => a.Actor!.UnitId != a.Mandate!.UnitId));
        Assert.False(await db.Consents.AnyAsync(c => db.Mandates.Any(m => m.Id == c.MandateId && m.UnitId != c.Actor!.UnitId)));
        Assert.True(await db.SipMeetings.AnyAsync());
        Assert.False(await db.SipMeetings.AnyAsync(s => s.LeadActor!.UnitId != s.Mandate!.UnitId));
        Assert.False(
            await db.SipMeasures.AnyAsync(m => db.SipMeetings.Any(s => s.Id == m.SipMeetingId && s.Mandate!.UnitId != m.Actor!.UnitId)));
        Assert.False(await db.SystemFaults.AnyAsync(f => db.Users.Any(u => u.Id == f.ReportedById && u.UnitId != f.UnitId)));
    }

    [Fact]
    public async Task Units_option_refuses_more_units_than_ombud()
    {
        var ex = await Assert.ThrowsAsync<DomainException>(() => GenerateAsync(Small with { Units = Small.Ombud + 1 }));
        Assert.Contains("enhet", ex.Message);
    }

    [Fact]
    public async Task Yearly_report_computes_and_the_sql_bound_gives_the_same_figures()
    {
        var (t, _) = await GenerateAsync(Small);
        await using var _ = t;
        await using var db = t.CreateContext();
        var unitId = await db.Units.Select(u => u.Id).FirstAsync();
        var municipalityId = await db.Clients.GroupBy(c => c.MunicipalityId)
            .OrderByDescending(g => g.Count())
            .Select(g => g.Key)
            .FirstAsync();
        foreach (var (year, muni) in new[] { (2025, (int?)null), (2025, municipalityId), (2024, null), (2026, null) })
        {
            var app = AnnualStatistics.Compute(year, await AnnualStatistics.Handler.LoadFactsAsync(t.Factory, unitId, year, muni, default));
            var bound = await ReportSqlBound.ComputeAsync(db, unitId, year, muni);
            Assert.True(app.Clients.Total > 0 && app.NewClients.Total > 0 && app.ClosedClients.Total > 0 && app.ContactReasons.Count > 1
                        && app.AfterMandate.Count > 1);
            Assert.Equal(app.Clients.Total, app.AgeGroups.Values.Sum());
            Assert.Equal(ReportJson.Serialize(app, null), ReportJson.Serialize(bound, null));

            // every figure of the year (activity and unit parts too): the app's handler against the bound's full version
            var today = new DateOnly(2026, 6, 1);
            var all = await AnnualStatistics.Handler.LoadAsync(t.Factory, unitId, year, muni, today, default);
            var allBound = await ReportSqlBound.ComputeAllAsync(db, unitId, year, muni, today);
            Assert.True(all.Activity.HelpKinds.Count > 1 && all.Activity.ActorTypes.Count > 1 && all.Activity.NeedsByLifeArea.Count > 1
                        && all.Activity.Durations.ClosedMandateMonths.Count > 0);
            Assert.Equal(ReportJson.Serialize(all, null), ReportJson.Serialize(allBound, null));
        }
    }
}
