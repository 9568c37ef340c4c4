using System.Net;
using Ombud.Web.Features.Admin;

namespace Ombud.IntegrationTests;

public class AdminUsersAndRequestsTests(OmbudAppFactory app) : IClassFixture<OmbudAppFactory>
{
    private const string NewPassword = "Nytt-losen-2026";

    private static async Task<bool> CanSignInAsync(OmbudAppFactory app, string user, string password)
    {
        using var client = app.CreateBrowserLikeClient();
        var r = await OmbudAppFactory.SignInAsync(client, user, password);
        return r.StatusCode == HttpStatusCode.Redirect && !(r.Headers.Location?.ToString() ?? "").Contains("logga-in");
    }

    private static async Task<string> LoginMessageAsync(OmbudAppFactory app, string user, string password)
    {
        using var client = app.CreateBrowserLikeClient();
        var r = await OmbudAppFactory.SignInAsync(client, user, password);
        return System.Net.WebUtility.HtmlDecode(await r.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Admin_creates_an_account_that_signs_in_changes_its_roles_and_closes_it_so_it_cannot_sign_in()
    {
        await using var admin = await HostScope.AsAsync(app, "admin");
        var id = await admin.Get<SaveUser.Handler>().HandleAsync(new SaveUser.Command
        {
            UserName = "nytt.ombud",
            DisplayName = "Åsa Östlund",
            Roles = [Roles.Ombud],
            NewPassword = NewPassword,
        });
        Assert.True(await CanSignInAsync(app, "nytt.ombud", NewPassword));

        var found = await admin.Get<ListUsers.Handler>().HandleAsync(new ListUsers.Query("östlund"));
        var row = Assert.Single(found.Rows); // Swedish-aware match
        Assert.Equal(["Ombud"], row.Roles);
        Assert.True(row.IsActive);

        await admin.Get<SaveUser.Handler>().HandleAsync(new SaveUser.Command
        {
            Id = id,
            UserName = "nytt.ombud",
            DisplayName = "Åsa Östlund",
            Roles = [Roles.Ombud, Roles.UnitLead],
        });
        Assert.Equal(["Ombud", "Enhetschef"],
            (await admin.Get<ListUsers.Handler>().HandleAsync(new ListUsers.Query("nytt.ombud"))).Rows.Single().Roles);

        await admin.Get<SetUserActive.Handler>().HandleAsync(id, active: false);
        Assert.False((await admin.Get<ListUsers.Handler>().HandleAsync(new ListUsers.Query("nytt.ombud"))).Rows.Single().IsActive);
        Assert.False(await CanSignInAsync(app, "nytt.ombud", NewPassword));
        // The closed account is named only to someone who knows its password: a guess gets the ordinary message.
        Assert.Contains("inaktiverat", await LoginMessageAsync(app, "nytt.ombud", NewPassword));
        var guessed = await LoginMessageAsync(app, "nytt.ombud", "Fel-gissning-1");
        Assert.Contains("Fel användarnamn eller lösenord", guessed);
        Assert.DoesNotContain("inaktiverat", guessed);
        await admin.Get<SetUserActive.Handler>().HandleAsync(id, active: true);
        Assert.True(await CanSignInAsync(app, "nytt.ombud", NewPassword));

        await using var db = await admin.DbAsync();
        Assert.True(await db.AuditEntries.CountAsync(a => a.EntityType == "User" && a.EntityId == id) >= 4);
    }

    [Fact]
    public async Task Bad_account_changes_get_a_clear_message_and_nothing_is_saved()
    {
        await using var admin = await HostScope.AsAsync(app, "admin");
        var save = admin.Get<SaveUser.Handler>();
        var dup = await Assert.ThrowsAsync<DomainException>(() => save.HandleAsync(new SaveUser.Command
        {
            UserName = "ombud",
            DisplayName = "Dubblett",
            Roles = [Roles.Ombud],
            NewPassword = NewPassword,
        }));
        Assert.Contains("upptaget", dup.Message);
        await Assert.ThrowsAsync<FluentValidation.ValidationException>(() => save.HandleAsync(new SaveUser.Command
        {
            UserName = "Med Mellanslag",
            DisplayName = "X",
            Roles = [Roles.Ombud],
            NewPassword = NewPassword,
        }));
        await Assert.ThrowsAsync<FluentValidation.ValidationException>(() => save.HandleAsync(new SaveUser.Command
        {
            UserName = "kort.losen",
            DisplayName = "X",
            Roles = [Roles.Ombud],
            NewPassword = "kort",
        }));
        var self = await Assert.ThrowsAsync<DomainException>(() => save.HandleAsync(new SaveUser.Command
        {
            Id = admin.User.Id,
            UserName = "admin",
            DisplayName = admin.User.DisplayName,
            Roles = [Roles.Ombud],
        }));
        Assert.Contains("dig själv", self.Message);

        await using var db = await admin.DbAsync();
        var ombudId = await db.Users.Where(u => u.UserName == "ombud").Select(u => u.Id).FirstAsync();
        var open = await Assert.ThrowsAsync<DomainException>(() => admin.Get<SetUserActive.Handler>().HandleAsync(ombudId, active: false));
        Assert.Contains("omfördela", open.Message);
        Assert.False(await db.Users.AnyAsync(u => u.UserName == "kort.losen" || u.UserName == "med mellanslag"));
        Assert.True(await db.Users.Where(u => u.UserName == "ombud").Select(u => u.IsActive).FirstAsync());
        Assert.Contains(Roles.Admin,
            (await admin.Get<ListUsers.Handler>().HandleAsync(new ListUsers.Query("admin"))).Rows.First(r => r.UserName == "admin").Roles);
    }

    [Fact]
    public async Task Only_admin_manages_accounts()
    {
        await using var lead = await HostScope.AsAsync(app, "chef");
        await Assert.ThrowsAsync<DomainException>(() => lead.Get<ListUsers.Handler>().HandleAsync(new ListUsers.Query()));
        await Assert.ThrowsAsync<DomainException>(() => lead.Get<SaveUser.Handler>().HandleAsync(new SaveUser.Command
        {
            UserName = "smyg",
            DisplayName = "Smyg",
            Roles = [Roles.Admin],
            NewPassword = NewPassword,
        }));
        await Assert.ThrowsAsync<DomainException>(() => lead.Get<SetUserActive.Handler>().HandleAsync(lead.User.Id, false));
    }

    [Fact]
    public async Task When_the_ombud_is_gone_admin_produces_the_register_extract_and_erases_on_a_recorded_request()
    {
        await using var admin = await HostScope.AsAsync(app, "admin");
        var today = admin.Get<TimeProvider>().Today();
        await using var db = await admin.DbAsync();
        // A client of an ombud who still works here: Admin is sent to the ombud.
        var activeClient = await db.Clients.Where(c => c.Name != null && c.OmbudId != null).Select(c => c.Code).FirstAsync();
        var cmdFor = (string code) => new ListDataSubjectRequests.Command
        {
            ClientCode = code.ToLowerInvariant(),
            ReceivedOn = today.ToDateTime(TimeOnly.MinValue),
            Note = "Brev, dnr 2026/77",
        };
        var refused = await Assert.ThrowsAsync<DomainException>(
            () => admin.Get<ProduceRegisterExtract.Handler>().HandleAsync(cmdFor(activeClient)));
        Assert.Contains("arbetar kvar", refused.Message);

        // The ombud leaves: the account is stopped (with a client still assigned, as happens when nobody moved it).
        var goneId = await admin.Get<SaveUser.Handler>().HandleAsync(new SaveUser.Command
        {
            UserName = "slutat.ombud",
            DisplayName = "Slutat Ombud",
            Roles = [Roles.Ombud],
            NewPassword = NewPassword,
        });
        var client = await db.Clients.Include(c => c.Mandates).FirstAsync(c => c.Mandates.Any(m => m.Status == MandateStatus.Closed)
            && c.Mandates.All(m => m.Status == MandateStatus.Closed) && c.AnonymisedAtUtc == null);
        const string name = "Tove Begäransson";
        client.SetName(name);
        client.OmbudId = goneId;
        foreach (var m in client.Mandates) m.OmbudId = goneId;
        await db.SaveChangesAsync();
        await db.Users.Where(u => u.Id == goneId).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsActive, false));

        var extract = await admin.Get<ProduceRegisterExtract.Handler>().HandleAsync(cmdFor(client.Code));
        Assert.Equal(client.Code, extract.Code);
        Assert.Equal(name, extract.Name);
        Assert.Equal(client.Mandates.Count, extract.Mandates.Count);

        await admin.Get<EraseClientOnRequest.Handler>().HandleAsync(cmdFor(client.Code));
        await using var after = await admin.DbAsync();
        var erased = await after.Clients.SingleAsync(c => c.Id == client.Id);
        Assert.Null(erased.Name);
        Assert.NotNull(erased.AnonymisedAtUtc);
        var recorded = await admin.Get<ListDataSubjectRequests.Handler>().ListAsync();
        Assert.Contains(recorded,
            r => r.ClientCode == client.Code && r.Kind == ClientRequestKind.RegisterExtract && r.Note == "Brev, dnr 2026/77");
        Assert.Contains(recorded, r => r.ClientCode == client.Code && r.Kind == ClientRequestKind.Erasure);
        await admin.Get<AuditWriter>().FlushAsync(); // the extract's read is audited in the background
        Assert.True(await after.AuditEntries.AnyAsync(a => a.ClientId == client.Id && a.EntityType == "RegisterExtract"));
        Assert.True(await after.AuditEntries.AnyAsync(
            a => a.ClientId == client.Id && a.EntityType == nameof(Client) && a.Action == AuditActions.Changed));

        // The request must be recorded: no note, no action.
        await Assert.ThrowsAsync<FluentValidation.ValidationException>(() => admin.Get<ProduceRegisterExtract.Handler>().HandleAsync(
            new ListDataSubjectRequests.Command
            {
                ClientCode = client.Code,
                ReceivedOn = today.ToDateTime(TimeOnly.MinValue),
                Note = " ",
            }));
        await using var lead = await HostScope.AsAsync(app, "chef");
        await Assert.ThrowsAsync<DomainException>(() => lead.Get<ProduceRegisterExtract.Handler>().HandleAsync(cmdFor(client.Code)));
    }
}
