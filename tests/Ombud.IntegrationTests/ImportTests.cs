using System.Diagnostics;
using System.Net;
using System.Text;
using Microsoft.Data.Sqlite;
using Ombud.Web.Data.Seed;
using Ombud.Web.Features.Import;

namespace Ombud.IntegrationTests;

/// <summary>The import in the running app: who reaches the page and the handler, and the <c>import</c> verb on a fresh database.</summary>
public class ImportTests(OmbudAppFactory app) : IClassFixture<OmbudAppFactory>
{
    [Theory]
    [InlineData("chef", HttpStatusCode.OK)]
    [InlineData("admin", HttpStatusCode.OK)]
    [InlineData("ombud", HttpStatusCode.Redirect)]
    public async Task The_import_page_is_for_unit_leads_and_admins(string user, HttpStatusCode expected)
    {
        using var client = app.CreateBrowserLikeClient();
        Assert.Equal(HttpStatusCode.Redirect, (await OmbudAppFactory.SignInAsync(client, user, DemoData.Password)).StatusCode);
        var response = await client.GetAsync("/import");
        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.Redirect) Assert.StartsWith("/konto/ingen-behorighet", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task Signed_out_visitors_are_sent_to_the_login()
    {
        using var client = app.CreateBrowserLikeClient();
        var response = await client.GetAsync("/import");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/konto/logga-in", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task The_handler_refuses_an_ombud_and_imports_for_the_lead_with_demo_users_as_ombud()
    {
        var csv = "Klientkod;Kön;Kontaktväg;Kontaktorsaker;Startdatum;Ombud\nIMP-INT-1;Kvinna;Egen kontakt;Ekonomi;2025-03-01;ombud\n";
        var cmd = new ImportMandates.Command("lista.csv", Encoding.UTF8.GetBytes(csv), DryRun: false);
        await using (var ombud = await HostScope.AsAsync(app, "ombud"))
            await Assert.ThrowsAsync<DomainException>(() => ombud.Get<ImportMandates.Handler>().HandleAsync(cmd));

        await using var lead = await HostScope.AsAsync(app, "chef");
        var result = await lead.Get<ImportMandates.Handler>().HandleAsync(cmd);
        if (!result.Imported) // the demo unit may serve several municipalities: name one
        {
            Assert.Contains(result.Errors, e => e.Column == "Kommun");
            await using var db0 = await lead.DbAsync();
            var m = await db0.Municipalities.Where(x => x.UnitId == lead.User.UnitId).Select(x => x.Name).FirstAsync();
            csv = csv.Replace("Ombud\n", "Ombud;Kommun\n").TrimEnd('\n') + $";{m}\n";
            result = await lead.Get<ImportMandates.Handler>().HandleAsync(cmd with { Content = Encoding.UTF8.GetBytes(csv) });
        }
        Assert.True(result.Imported, string.Join("\n", result.Errors));
        await using var db = await lead.DbAsync();
        var client = await db.Clients.Include(c => c.Mandates).SingleAsync(c => c.Code == "IMP-INT-1");
        var ombudId = await db.Users.Where(u => u.UserName == "ombud").Select(u => u.Id).SingleAsync();
        Assert.Equal(ombudId, client.OmbudId);
        Assert.Equal(MandateStatus.Active, client.Mandates.Single().Status);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == AuditActions.Imported && a.UserName == "chef"));
    }

    [Fact]
    public async Task The_import_verb_checks_imports_once_and_refuses_a_bad_file_with_row_errors()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"ombud-import-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            var good = Path.Combine(dir, "lista.csv");
            await File.WriteAllTextAsync(
                good, "\uFEFFKlientkod;Kön;Födelseår;Kommun;Kontaktväg;Kontaktorsaker;Startdatum;Slutdatum;Avslutsorsak\n" +
                "A1;Kvinna;1970;Storby;Egen kontakt;Ekonomi|Annat;2024-03-01;2024-10-31;Flyttat\n" +
                "A1;Kvinna;1970;Storby;Psykiatrin;Annat;2024-11-15;2025-02-01;Uppdraget slutfört\n" +
                "A2;Man;;Storby;Egen kontakt;Ekonomi;2024-06-01;2024-06-30;Avliden\n", new UTF8Encoding(false));

            var (dry, dryOut, dryErr) = await RunAsync(dir, "import", good, "--dry-run");
            Assert.True(dry == 0, dryErr);
            Assert.Contains("Provkörning", dryOut);
            Assert.Equal(0, await ScalarAsync(dir, "SELECT COUNT(*) FROM Clients"));

            var (code, stdout, stderr) = await RunAsync(dir, "import", good);
            Assert.True(code == 0, stderr);
            Assert.Contains("Importen är klar. 3 rader: 2 klienter (2 nya), 3 nya uppdrag", stdout);
            Assert.Equal(2, await ScalarAsync(dir, "SELECT COUNT(*) FROM Clients"));
            Assert.Equal(1, await ScalarAsync(dir, "SELECT COUNT(*) FROM AuditEntries WHERE Action = 'Imported' AND UserName = 'system'"));
            // Command verbs log SQL only when asked (issue #13: a 10,000-row import wrote 24.6 MB of it to standard error).
            Assert.DoesNotContain("Executed DbCommand", stderr);
            Assert.True(stderr.Length < 2000, $"{stderr.Length} characters on standard error");
            var (_, _, verboseErr) = await RunAsync(dir, "import", good, "--dry-run", "--verbose");
            Assert.Contains("Executed DbCommand", verboseErr);

            var (again, againOut, _) = await RunAsync(dir, "import", good);
            Assert.Equal(0, again);
            Assert.Contains("Ingenting nytt", againOut);
            Assert.Equal(3, await ScalarAsync(dir, "SELECT COUNT(*) FROM Mandates"));

            var (report, json, reportErr) = await RunAsync(dir, "report", "--year", "2024");
            Assert.True(report == 0, reportErr);
            using (var doc = System.Text.Json.JsonDocument.Parse(json))
            {
                Assert.Equal(2, doc.RootElement.GetProperty("clients").GetProperty("total").GetInt32());
                Assert.Equal(1, doc.RootElement.GetProperty("activeAtYearEnd").GetProperty("total").GetInt32());
                Assert.Equal(2, doc.RootElement.GetProperty("contactReasons").GetProperty("Ekonomi").GetInt32());
                Assert.Equal(1, doc.RootElement.GetProperty("contactReasons").GetProperty("Annat").GetInt32());
            }

            var bad = Path.Combine(dir, "fel.csv");
            await File.WriteAllTextAsync(
                bad,
                "Klientkod,Kontaktväg,Kontaktorsaker,Startdatum\nB1,Egen kontakt,Ekonomi,2024-02-30\nB2,Okänd väg,Ekonomi,2024-01-01\n");
            var (badCode, _, badErr) = await RunAsync(dir, "import", bad);
            Assert.Equal(1, badCode);
            Assert.Contains("Ingenting sparades", badErr);
            Assert.Contains("Rad 2, Startdatum: Datumet 2024-02-30 finns inte.", badErr);
            Assert.Contains("Rad 3, Kontaktväg: Okänd kategori \"Okänd väg\"", badErr);
            Assert.Equal(2, await ScalarAsync(dir, "SELECT COUNT(*) FROM Clients"));

            var (usage, _, usageErr) = await RunAsync(dir, "import");
            Assert.Equal(2, usage);
            Assert.Contains("import FILE", usageErr);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(dir, true); } catch (IOException) { }
        }
    }

    private static async Task<long> ScalarAsync(string dir, string sql)
    {
        await using var c = new SqliteConnection($"Data Source={Path.Combine(dir, "live.db")};Pooling=False");
        await c.OpenAsync();
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(string dir, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true
        };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Ombud.Web.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["ConnectionStrings__Ombud"] = $"Data Source={Path.Combine(dir, "live.db")}";
        psi.Environment["Ombud__LogFolder"] = Path.Combine(dir, "logs-" + Guid.NewGuid().ToString("N"));
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await p.WaitForExitAsync(timeout.Token);
        return (p.ExitCode, await stdout, await stderr);
    }
}
