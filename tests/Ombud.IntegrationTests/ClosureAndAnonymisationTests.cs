using System.Text;
using Ombud.Web.Features.Clients;
using Ombud.Web.Features.Contacts;
using Ombud.Web.Features.Needs;

namespace Ombud.IntegrationTests;

public class ClosureAndAnonymisationTests(OmbudAppFactory app) : IClassFixture<OmbudAppFactory>
{
    private static async Task<(int ClientId, int MandateId)> ClientWithWorkAsync(HostScope s, string name, string pnr)
    {
        var lookups = s.Get<Lookups.Handler>();
        var today = SwedishDate.Today;
        var id = await s.Get<RegisterClient.Handler>().HandleAsync(new RegisterClient.Command
        {
            Name = name,
            PersonalNumber = pnr,
            Gender = Gender.Man,
            MunicipalityId = (await lookups.MunicipalitiesAsync())[0].Id,
            ChildrenAtHome = ChildrenAtHome.Partly,
            RegisteredOn = SwedishDate.TodayAsDateTime.AddDays(-30),
            StartNow = true,
            StartDate = SwedishDate.TodayAsDateTime.AddDays(-30),
            ReferralPathId = (await lookups.CategoriesAsync(CategoryKind.ReferralPath, today))[1].Id,
            ContactReasonIds = [(await lookups.CategoriesAsync(CategoryKind.ContactReason, today))[0].Id],
        });
        var mandateId = (await s.Get<GetClient.Handler>().HandleAsync(id))!.Mandate.Id;
        await s.Get<SaveNeed.Handler>().HandleAsync(new SaveNeed.Command
        {
            MandateId = mandateId,
            LifeAreaId = (await lookups.CategoriesAsync(CategoryKind.LifeArea, today))[0].Id,
            ClientWords = $"Hemlig önskan hos {name}",
            IdentifiedOn = SwedishDate.TodayAsDateTime,
        });
        await s.Get<SaveContact.Handler>().HandleAsync(new SaveContact.Command
        {
            MandateId = mandateId,
            ActorId = (await lookups.ActorsAsync())[0].Id,
            Date = SwedishDate.TodayAsDateTime,
            Outcome = $"Utfall om {name}",
            ConfirmWithoutConsent = true,
        });
        var actor = (await lookups.ActorsAsync())[0].Id;
        await using var db = await s.DbAsync();
        db.Add(new SipMeeting
        {
            MandateId = mandateId,
            Date = today,
            Status = SipStatus.Held,
            ClientGoals = $"Målet för {name}",
            Place = $"Hos {name}",
            PlanReference = $"Planen för {name}",
            Relatives = $"Mamma till {name}",
            Participants = [new SipParticipant { ActorId = actor, ContactPerson = $"Kontakt {name}" }],
            Measures = [new SipMeasure { ActorId = actor, What = $"Åtgärd för {name}" }],
        });
        await db.SaveChangesAsync();
        return (id, mandateId);
    }

    private async Task<int> ReasonIdAsync(HostScope s) =>
        (await s.Get<Lookups.Handler>().CategoriesAsync(CategoryKind.ClosureReason, SwedishDate.Today))[0].Id;

    private static async Task<object[]> StatisticsAsync(HostScope s, int clientId)
    {
        await using var db = await s.DbAsync();
        var c = await db.Clients.Include(x => x.Mandates).ThenInclude(m => m.ContactReasons).SingleAsync(x => x.Id == clientId);
        var m = c.Mandates.Single();
        return [c.Code, c.Gender, c.BirthYear!, c.MunicipalityId, c.ChildrenAtHome, m.RegisteredOn, m.StartDate!, m.ReferralPathId!,
            string.Join(",", m.ContactReasons.Select(r => r.Id)), await db.Needs.CountAsync(n => n.MandateId == m.Id),
            await db.AuthorityContacts.CountAsync(a => a.MandateId == m.Id)];
    }

    [Fact]
    public async Task Closing_with_removal_keeps_the_statistics_and_leaves_no_name_or_personnummer_in_the_database_file()
    {
        await using var s = await HostScope.AsAsync(app, "ombud");
        const string name = "Ylvalisa Raderasson", pnr = "19640823-9876";
        var (clientId, mandateId) = await ClientWithWorkAsync(s, name, pnr);
        var before = await StatisticsAsync(s, clientId);

        var result = await s.Get<CloseMandate.Handler>().HandleAsync(new CloseMandate.Command
        {
            MandateId = mandateId,
            ClosedOn = SwedishDate.TodayAsDateTime,
            ClosureReasonId = await ReasonIdAsync(s),
            RemoveIdentityNow = true,
        });

        Assert.True(result.Anonymised);
        var details = (await s.Get<GetClient.Handler>().HandleAsync(clientId))!;
        Assert.True(details.IsAnonymised);
        Assert.Null(details.Name);
        Assert.Null(details.PersonalNumber);
        Assert.All(details.Needs, n => Assert.Equal("", n.ClientWords));
        Assert.All(details.Contacts, c => Assert.Null(c.Outcome));
        await using (var check = await s.DbAsync())
        {
            var sip = await check.Set<SipMeeting>()
                .Include(x => x.Participants)
                .Include(x => x.Measures)
                .SingleAsync(x => x.MandateId == mandateId);
            Assert.Null(sip.ClientGoals);
            Assert.Null(sip.Place);
            Assert.Null(sip.PlanReference);
            Assert.Null(sip.Relatives);
            Assert.All(sip.Participants, p => Assert.Null(p.ContactPerson));
            Assert.All(sip.Measures, m => Assert.Equal("", m.What));
            Assert.Equal(SipStatus.Held, sip.Status); // facts stay
        }
        Assert.Equal(MandateStatus.Closed, details.Mandate.Status);
        var after = await StatisticsAsync(s, clientId);
        Assert.Equal(before, after);

        // Prove it on disk, as the app runs (no manual checkpoint, connections open): search the raw bytes of every file.
        // (SQLite only: on SQL Server the database's files are the server's; RemovedMeansGoneTests are SQLite-only too.)
        if (app.OnSqlServer) return;
        var bytes = Directory.GetFiles(Path.GetDirectoryName(app.DbPath)!, "ombud.db*").SelectMany(f =>
        {
            using var fs = new FileStream(f, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var ms = new MemoryStream();
            fs.CopyTo(ms);
            return ms.ToArray();
        }).ToArray();
        Assert.True(bytes.Length > 0);
        foreach (var secret in new[] { name, name.ToLowerInvariant(), "Ylvalisa", "Raderasson", "196408239876", "6408239876" })
            Assert.True(IndexOf(bytes, Encoding.UTF8.GetBytes(secret)) < 0, $"'{secret}' is still in the database file");
    }

    private static int IndexOf(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle);

    [Fact]
    public async Task Keeping_until_retention_sets_a_disposal_date_and_the_sweep_anonymises_only_expired_closed_clients()
    {
        await using var s = await HostScope.AsAsync(app, "ombud");
        var (kept, keptMandate) = await ClientWithWorkAsync(s, "Behållen Person", "19700101-9871");
        var (open, _) = await ClientWithWorkAsync(s, "Öppen Person", "19551212-9874");
        var result = await s.Get<CloseMandate.Handler>().HandleAsync(new CloseMandate.Command
        {
            MandateId = keptMandate,
            ClosedOn = SwedishDate.TodayAsDateTime,
            ClosureReasonId = await ReasonIdAsync(s),
            RemoveIdentityNow = false,
        });
        Assert.False(result.Anonymised);
        Assert.Equal(SwedishDate.Today.AddMonths(3), result.DisposeOn);

        await using var admin = await HostScope.AsAsync(app, "admin"); // operator work: an admin (or the sweep, or the command line)
        await Assert.ThrowsAsync<DomainException>(() => s.Get<PurgeExpired.Handler>().HandleAsync()); // not for an ombud
        await admin.Get<PurgeExpired.Handler>().HandleAsync(); // may anonymise old demo clients, but not this one: not yet due
        Assert.Equal("Behållen Person", (await s.Get<GetClient.Handler>().HandleAsync(kept))!.Name);

        await using (var db = await s.DbAsync())
        {
            var c = await db.Clients.SingleAsync(x => x.Id == kept);
            c.DisposeOn = SwedishDate.Today; // the retention time has now passed
            await db.SaveChangesAsync();
        }
        Assert.True(await admin.Get<PurgeExpired.Handler>().HandleAsync() >= 1);
        Assert.Null((await s.Get<GetClient.Handler>().HandleAsync(kept))!.Name);
        Assert.Equal("Öppen Person", (await s.Get<GetClient.Handler>().HandleAsync(open))!.Name); // open mandate: never touched
    }

    [Fact]
    public async Task A_client_with_an_open_mandate_cannot_be_anonymised()
    {
        var c = new Client { Code = "KX" };
        c.OpenNewMandate("o", new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 1));
        Assert.Throws<DomainException>(() => c.Anonymise(DateTime.UtcNow));
        await Task.CompletedTask;
    }
}

public class EraseOnRequestTests(OmbudAppFactory app) : IClassFixture<OmbudAppFactory>
{
    [Fact]
    public async Task A_closed_client_kept_until_retention_can_be_erased_now_by_the_own_ombud_only()
    {
        await using var s = await HostScope.AsAsync(app, "ombud");
        await using var db = await s.DbAsync();
        var closed = await db.Clients
            .Where(c => c.OmbudId == s.User.Id && c.AnonymisedAtUtc == null && c.Mandates.All(m => m.Status == MandateStatus.Closed))
            .Select(c => c.Id)
            .FirstAsync();
        var open = await db.Clients
            .Where(c => c.OmbudId == s.User.Id && c.Mandates.Any(m => m.Status != MandateStatus.Closed))
            .Select(c => c.Id)
            .FirstAsync();

        await using var other = await HostScope.AsAsync(app, "ombud2");
        await Assert.ThrowsAsync<NotFoundOrForbiddenException>(() => other.Get<EraseClient.Handler>().HandleAsync(closed));
        await Assert.ThrowsAsync<DomainException>(() => s.Get<EraseClient.Handler>().HandleAsync(open));

        await s.Get<EraseClient.Handler>().HandleAsync(closed);
        var after = (await s.Get<GetClient.Handler>().HandleAsync(closed))!;
        Assert.True(after.IsAnonymised);
        Assert.Null(after.Name);
    }
}
