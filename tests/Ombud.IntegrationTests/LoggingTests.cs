using System.Text.Json;
using Ombud.Web.Data.Seed;
using Ombud.Web.Features.Clients;

namespace Ombud.IntegrationTests;

public class LoggingTests(OmbudAppFactory app) : IClassFixture<OmbudAppFactory>
{
    private string ReadLogs() => string.Join("\n", Directory.GetFiles(app.LogFolder).Select(f =>
    {
        using var s = new FileStream(f, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return new StreamReader(s).ReadToEnd();
    }));

    [Fact]
    public async Task Log_files_are_structured_with_a_request_id_and_hold_no_client_names_or_personnummer()
    {
        using var http = app.CreateBrowserLikeClient();
        await OmbudAppFactory.SignInAsync(http, "ombud", DemoData.Password);
        await http.GetAsync("/klienter");
        await using var s = await HostScope.AsAsync(app, "ombud");
        await using var db = await s.DbAsync();
        var named = await db.Clients.Where(c => c.OmbudId == s.User.Id && c.Name != null && c.PersonalNumber != null).FirstAsync();
        await s.Get<GetClient.Handler>().HandleAsync(named.Id);
        await s.Get<GetClient.Handler>().HandleAsync(-1); // denied attempt: logged with ids only

        var logs = ReadLogs();
        var events = logs.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Contains(events, e => e.TryGetProperty("RequestId", out _) && e.GetProperty("@mt").GetString()!.Contains("HTTP"));
        Assert.Contains(events, e => e.GetProperty("@mt").GetString()!.StartsWith("Access denied"));
        Assert.DoesNotContain(named.Name!, logs);
        Assert.DoesNotContain(named.PersonalNumber!, logs);
        Assert.DoesNotContain(named.PersonalNumber![2..8], logs);
    }
}
