using System.Net;
using System.Text;
using Ombud.Web.Data.Seed;
using Ombud.Web.Features.Admin;
using Ombud.Web.Features.Clients;

namespace Ombud.IntegrationTests;

public class AuditLogTests(OmbudAppFactory app) : IClassFixture<OmbudAppFactory>
{
    private async Task<(int ClientId, string Code)> ViewAClientAsOmbudAsync()
    {
        await using var ombud = await HostScope.AsAsync(app, "ombud");
        await using var db = await ombud.DbAsync();
        var client = await db.Clients.Where(c => c.OmbudId == ombud.User.Id).Select(c => new { c.Id, c.Code }).FirstAsync();
        Assert.NotNull(await ombud.Get<GetClient.Handler>().HandleAsync(client.Id));
        return (client.Id, client.Code);
    }

    [Fact]
    public async Task Admin_finds_who_viewed_a_client_by_client_code_and_user()
    {
        var (clientId, code) = await ViewAClientAsOmbudAsync();
        await using var admin = await HostScope.AsAsync(app, "admin");
        var byCode = await admin.Get<SearchAuditLog.Handler>()
            .HandleAsync(new SearchAuditLog.Query(ClientCode: code.ToLowerInvariant(), Action: AuditActions.Viewed));
        Assert.NotEmpty(byCode.Rows);
        Assert.All(byCode.Rows, r =>
        {
            Assert.Equal(code, r.ClientCode);
            Assert.Equal(AuditActions.Viewed, r.Action);
            Assert.Equal("ombud", r.UserName);
        });

        var byOther = await admin.Get<SearchAuditLog.Handler>().HandleAsync(new SearchAuditLog.Query(UserName: "ombud2", ClientCode: code));
        Assert.DoesNotContain(byOther.Rows, r => r.Action == AuditActions.Viewed);

        var tomorrow = DateOnly.FromDateTime(SwedishDate.TodayAsDateTime.AddDays(2));
        Assert.Equal(0,
            (await admin.Get<SearchAuditLog.Handler>().HandleAsync(new SearchAuditLog.Query(ClientCode: code, From: tomorrow))).Total);
    }

    [Fact]
    public async Task A_client_code_that_does_not_exist_matches_nothing_not_the_entries_without_a_client()
    {
        await ViewAClientAsOmbudAsync();
        await using var admin = await HostScope.AsAsync(app, "admin");
        Assert.NotEqual(0, (await admin.Get<SearchAuditLog.Handler>().HandleAsync(new SearchAuditLog.Query())).Total);
        var none = await admin.Get<SearchAuditLog.Handler>().HandleAsync(new SearchAuditLog.Query(ClientCode: "ZZZ-FINNS-EJ"));
        Assert.Equal(0, none.Total);
        Assert.Empty(none.Rows);
    }

    [Fact]
    public async Task Only_admins_read_the_audit_log()
    {
        await using var lead = await HostScope.AsAsync(app, "chef");
        await Assert.ThrowsAsync<DomainException>(() => lead.Get<SearchAuditLog.Handler>().HandleAsync(new SearchAuditLog.Query()));
        using var client = app.CreateBrowserLikeClient();
        await OmbudAppFactory.SignInAsync(client, "ombud", DemoData.Password);
        var r = await client.GetAsync("/admin/granskningslogg/export");
        Assert.NotEqual(HttpStatusCode.OK, r.StatusCode);
    }

    [Fact]
    public async Task The_export_is_a_Swedish_Excel_friendly_CSV_of_the_filtered_entries()
    {
        var (_, code) = await ViewAClientAsOmbudAsync();
        using var client = app.CreateBrowserLikeClient();
        await OmbudAppFactory.SignInAsync(client, "admin", DemoData.Password);
        var r = await client.GetAsync($"/admin/granskningslogg/export?klientkod={code}&handelse=Viewed");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var bytes = await r.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Tid;Användare;Händelse;Post;Id;Klientkod", lines[0]);
        Assert.True(lines.Length > 1);
        Assert.All(lines.Skip(1), l => Assert.EndsWith(";" + code, l));
        Assert.All(lines.Skip(1), l => Assert.Contains(";Visade;Klient;", l));
    }

    [Fact]
    public async Task The_export_never_hands_a_spreadsheet_a_formula()
    {
        await using var admin = await HostScope.AsAsync(app, "admin");
        await using (var db = await admin.DbAsync())
        {
            db.AuditEntries.Add(new AuditEntry
            {
                AtUtc = DateTime.UtcNow,
                UnitId = admin.User.UnitId,
                UserId = admin.User.Id,
                UserName = "=HYPERLINK(\"http://x.invalid\")",
                Action = AuditActions.Viewed,
                EntityType = "Client",
                EntityId = "-2+3",
            });
            await db.SaveChangesAsync();
        }
        var csv = Encoding.UTF8.GetString(await admin.Get<SearchAuditLog.Handler>().ExportCsvAsync(new SearchAuditLog.Query()));
        var line = Assert.Single(csv.Split("\r\n"), l => l.Contains("HYPERLINK"));
        Assert.Contains(";\"'=HYPERLINK(\"\"http://x.invalid\"\")\";", line);
        Assert.Contains(";'-2+3;", line);
    }

    [Fact]
    public async Task A_client_code_that_does_not_exist_matches_nothing()
    {
        await ViewAClientAsOmbudAsync();
        await using var admin = await HostScope.AsAsync(app, "admin");
        await using (var db = await admin.DbAsync())
        {
            // an entry about no client at all (e.g. an account change): the unknown code must not match it either
            db.AuditEntries.Add(new AuditEntry
            {
                AtUtc = DateTime.UtcNow,
                UserId = admin.User.Id,
                UserName = "admin",
                Action = AuditActions.Changed,
                EntityType = "User",
            });
            await db.SaveChangesAsync();
        }
        var search = admin.Get<SearchAuditLog.Handler>();
        Assert.True((await search.HandleAsync(new SearchAuditLog.Query())).Total > 0);
        Assert.Equal(0, (await search.HandleAsync(new SearchAuditLog.Query(ClientCode: "KFINNSEJ"))).Total);
    }
}
