using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Ombud.Web.Data.Seed;
using Ombud.Web.Features.AnnualReport;
using static Ombud.IntegrationTests.CommandLineTests;

namespace Ombud.IntegrationTests;

/// <summary>
/// One installation for several units, set up and run from the command line as docs/operations.md shows: <c>units add</c>,
/// <c>users add</c>, and <c>import</c>, <c>report</c>, <c>purge</c> with <c>--unit</c> / <c>--all-units</c>. Each test has a
/// database of its own (a new file, migrated by the first verb).
/// </summary>
public class MultiUnitCommandLineTests
{
    private const string Password = "Norr-admin-2026";

    [Fact]
    public async Task Units_add_creates_a_unit_with_its_municipalities_and_default_actors_and_a_taken_name_exits_2()
    {
        await using var dir = new TempDir();
        var (code, stdout, stderr) = await RunAsync(dir.Path,
            "units", "add", "Stadsdel Norr", "--municipality", "Kista", "--municipality", "Rinkeby");
        Assert.True(code == 0, stderr);
        Assert.Contains("Stadsdel Norr", stdout);

        Assert.Equal(1, await dir.ScalarAsync("SELECT COUNT(*) FROM Units")); // no default "Personligt ombud" besides it
        var unitId = await dir.ScalarAsync("SELECT Id FROM Units WHERE Name = 'Stadsdel Norr'");
        Assert.Equal(["Kista", "Rinkeby"],
            await dir.StringsAsync($"SELECT Name FROM Municipalities WHERE UnitId = {unitId} ORDER BY Name"));
        Assert.Equal(DefaultCategories.Actors.Length, await dir.ScalarAsync($"SELECT COUNT(*) FROM Actors WHERE UnitId = {unitId}"));
        Assert.Equal(1, await dir.ScalarAsync(
            $"SELECT COUNT(*) FROM AuditEntries WHERE Action = 'Created' AND EntityType = 'Unit' AND EntityId = '{unitId}'"));

        (code, stdout, stderr) = await RunAsync(dir.Path, "units", "add", "stadsdel NORR", "--municipality", "Husby");
        Assert.Equal(2, code);
        Assert.Contains("finns redan en enhet som heter Stadsdel Norr", stderr);
        Assert.Equal(1, await dir.ScalarAsync("SELECT COUNT(*) FROM Units"));
        Assert.Equal(0, await dir.ScalarAsync("SELECT COUNT(*) FROM Municipalities WHERE Name = 'Husby'"));

        (code, stdout, stderr) = await RunAsync(dir.Path, "units", "add", "Stadsdel Söder", "--municipality", "Farsta");
        Assert.True(code == 0, stderr);
        (code, stdout, stderr) = await RunAsync(dir.Path, "units", "list");
        Assert.True(code == 0, stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(2, lines.Length);
        Assert.Contains("Stadsdel Norr\t0 användare\tKista, Rinkeby", lines);
        Assert.Contains("Stadsdel Söder\t0 användare\tFarsta", lines);
    }

    [Fact]
    public async Task Users_add_reads_the_password_from_stdin_and_creates_an_account_that_signs_in_with_its_role_and_unit()
    {
        await using var dir = new TempDir();
        Assert.Equal(0, (await RunAsync(dir.Path, "units", "add", "Stadsdel Norr", "--municipality", "Kista")).Code);
        Assert.Equal(0, (await RunAsync(dir.Path, "units", "add", "Stadsdel Söder", "--municipality", "Farsta")).Code);

        // The installation's first Systemadministratör, then a unit's first admin (the unit named in any case).
        var (code, stdout, stderr) = await RunWithInputAsync(dir.Path, "Sys-adm-losen-2026\n",
            "users", "add", "sysadm", "--unit", "Stadsdel Söder", "--role", "Systemadministratör", "--name", "Sara Systemsson",
            "--password-stdin");
        Assert.True(code == 0, stderr);
        (code, stdout, stderr) = await RunWithInputAsync(dir.Path, Password + "\n",
            "users", "add", "norr.admin", "--unit", "stadsdel norr", "--role", "Admin", "--name", "Nora Norrman", "--password-stdin");
        Assert.True(code == 0, stderr);
        Assert.Contains("norr.admin", stdout);
        Assert.DoesNotContain(Password, stdout + stderr);
        Assert.Equal(2, await dir.ScalarAsync("SELECT COUNT(*) FROM AuditEntries WHERE Action = 'Created' AND EntityType = 'User'"));

        (code, _, stderr) = await RunWithInputAsync(dir.Path, Password + "\n",
            "users", "add", "norr.admin", "--unit", "Stadsdel Norr", "--role", "Ombud", "--name", "Någon Annan", "--password-stdin");
        Assert.Equal(1, code);
        Assert.Contains("Användarnamnet är upptaget", stderr);

        (code, _, stderr) = await RunWithInputAsync(dir.Path, "kort\n",
            "users", "add", "kort.losen", "--unit", "Stadsdel Norr", "--role", "Ombud", "--name", "Kort Lösen", "--password-stdin");
        Assert.Equal(2, code);
        Assert.Contains("minst 10 tecken", stderr);

        (code, _, stderr) = await RunWithInputAsync(dir.Path, "langtlosenord\n",
            "users", "add", "utan.siffra", "--unit", "Stadsdel Norr", "--role", "Ombud", "--name", "Utan Siffra", "--password-stdin");
        Assert.Equal(1, code);
        Assert.Contains("minst en siffra", stderr);

        (code, _, stderr) = await RunWithInputAsync(dir.Path, Password + "\n",
            "users", "add", "vilse", "--unit", "Stadsdel Öst", "--role", "Ombud", "--name", "Vilse", "--password-stdin");
        Assert.Equal(2, code);
        Assert.Contains("enheten 'Stadsdel Öst' finns inte", stderr);
        Assert.Contains("Stadsdel Norr", stderr);
        Assert.Contains("Stadsdel Söder", stderr);
        Assert.Equal(2, await dir.ScalarAsync("SELECT COUNT(*) FROM AspNetUsers"));

        // The app on that database: the accounts sign in, with their role and unit.
        using var app = new OmbudAppFactory
        {
            UseTemplate = false,
            ExtraSettings = new Dictionary<string, string>
            {
                ["Ombud:SeedDemoData"] = "false",
                ["ConnectionStrings:Ombud"] = $"Data Source={Path.Combine(dir.Path, "live.db")}",
            },
        };
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var admin = await users.FindByNameAsync("norr.admin");
            Assert.NotNull(admin);
            Assert.True(await users.CheckPasswordAsync(admin, Password));
            Assert.Equal([Roles.Admin], await users.GetRolesAsync(admin));
            Assert.Equal("Nora Norrman", admin.DisplayName);
            Assert.Equal(await dir.ScalarAsync("SELECT Id FROM Units WHERE Name = 'Stadsdel Norr'"), admin.UnitId);
            var sys = await users.FindByNameAsync("sysadm");
            Assert.Equal([Roles.SystemAdmin], await users.GetRolesAsync(sys!));
            Assert.Equal(await dir.ScalarAsync("SELECT Id FROM Units WHERE Name = 'Stadsdel Söder'"), sys!.UnitId);
        }
        Assert.Equal(2, await dir.ScalarAsync("SELECT COUNT(*) FROM Units")); // the app's start added no unit of its own
        using var client = app.CreateBrowserLikeClient();
        var signIn = await OmbudAppFactory.SignInAsync(client, "norr.admin", Password);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.DoesNotContain("logga-in", signIn.Headers.Location?.ToString() ?? "");
    }

    [Fact]
    public async Task Import_report_and_purge_without_a_unit_on_two_units_exit_2_and_list_the_units()
    {
        await using var dir = new TempDir();
        Assert.Equal(0, (await RunAsync(dir.Path, "units", "add", "Stadsdel Norr", "--municipality", "Kista")).Code);
        Assert.Equal(0, (await RunAsync(dir.Path, "units", "add", "Stadsdel Söder", "--municipality", "Farsta")).Code);
        var file = await dir.WriteAsync("lista.csv", Sheet("N1", "Kista"));

        foreach (var args in new[] { new[] { "import", file }, ["report", "--year", "2024"], ["purge"] })
        {
            var (code, stdout, stderr) = await RunAsync(dir.Path, args);
            Assert.True(code == 2, $"{args[0]}: {code} {stderr}");
            Assert.Contains("flera enheter", stderr);
            Assert.Contains("Stadsdel Norr", stderr);
            Assert.Contains("Stadsdel Söder", stderr);
            Assert.Equal("", stdout);
        }
        Assert.Equal(0, await dir.ScalarAsync("SELECT COUNT(*) FROM Clients"));

        var (unknown, _, unknownErr) = await RunAsync(dir.Path, "report", "--year", "2024", "--unit", "Stadsdel Öst");
        Assert.Equal(2, unknown);
        Assert.Contains("Stadsdel Söder", unknownErr);
    }

    [Fact]
    public async Task Report_for_a_unit_counts_only_its_data_and_all_units_is_the_sum_of_the_units()
    {
        await using var dir = new TempDir();
        Assert.Equal(0, (await RunAsync(dir.Path, "units", "add", "Stadsdel Norr", "--municipality", "Kista")).Code);
        Assert.Equal(0, (await RunAsync(dir.Path, "units", "add", "Stadsdel Söder", "--municipality", "Farsta")).Code);
        var north = await dir.WriteAsync("norr.csv", Sheet("N1", "Kista")
            + "N2;Man;1990;Kista;Psykiatrin;Frågor om bostad;2024-05-01;2024-12-01;Flyttat\n");
        var south = await dir.WriteAsync("soder.csv", Sheet("S1", "Farsta")
            + "S2;Kvinna;1960;Farsta;Egen kontakt;Ekonomi;2024-02-01;2024-06-30;Klienten avslutar\n"
            + "S3;Annat;;Farsta;Egen kontakt;Annat;2023-09-01;2024-01-31;Flyttat\n");

        var (code, stdout, stderr) = await RunAsync(dir.Path, "import", north, "--unit", "stadsdel norr");
        Assert.True(code == 0, stderr);
        Assert.Contains("2 klienter (2 nya)", stdout);
        (code, _, stderr) = await RunAsync(dir.Path, "import", south, "--unit", "Stadsdel Söder");
        Assert.True(code == 0, stderr);
        Assert.Equal(2, await dir.ScalarAsync(
            "SELECT COUNT(*) FROM Clients c JOIN Units u ON u.Id = c.UnitId WHERE u.Name = 'Stadsdel Norr'"));
        Assert.Equal(3, await dir.ScalarAsync(
            "SELECT COUNT(*) FROM Clients c JOIN Units u ON u.Id = c.UnitId WHERE u.Name = 'Stadsdel Söder'"));

        var n = await ReportAsync(dir, "--unit", "Stadsdel Norr");
        var s = await ReportAsync(dir, "--unit", "Stadsdel Söder");
        var all = await ReportAsync(dir, "--all-units");
        Assert.Equal(2, n.GetProperty("clients").GetProperty("total").GetInt32());
        Assert.Equal(1, n.GetProperty("clients").GetProperty("men").GetInt32());
        Assert.Equal(3, s.GetProperty("clients").GetProperty("total").GetInt32());
        Assert.Equal(1, s.GetProperty("clients").GetProperty("other").GetInt32());
        Assert.False(n.GetProperty("contactReasons").TryGetProperty("Annat", out _)); // only Söder's client has it
        Assert.Equal(1, s.GetProperty("contactReasons").GetProperty("Annat").GetInt32());
        Assert.Equal(5, all.GetProperty("clients").GetProperty("total").GetInt32());

        // Every figure of the whole installation is the two units' added up, in the same shape (previous year too).
        var failures = new List<string>();
        CompareSum(n, s, all, "", failures);
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        // ...except medians and quartiles, which come from every unit's mandates: 4.9, 5.0, 7.0, 8.0 and 8.0 months
        var length = all.GetProperty("mandateLength");
        Assert.Equal((7.0m, 5.0m, 8.0m), (
            length.GetProperty("medianMonths").GetDecimal(),
            length.GetProperty("lowerQuartileMonths").GetDecimal(),
            length.GetProperty("upperQuartileMonths").GetDecimal()));

        // The same sum as a workbook: the cover names the whole installation.
        var xlsx = Path.Combine(dir.Path, "alla.xlsx");
        (code, _, stderr) = await RunAsync(dir.Path, "report", "--year", "2024", "--all-units", "--format", "xlsx", "--out", xlsx);
        Assert.True(code == 0, stderr);
        using (var wb = new ClosedXML.Excel.XLWorkbook(xlsx))
        {
            Assert.Contains(wb.Worksheet("Försättsblad").CellsUsed(), c => c.GetString() == OperatorYearReport.AllUnitsName);
            Assert.Equal(5, wb.Worksheet("Klienter under året").Cell(2, 2).GetDouble());
        }

        // Without --publish the operator gets the exact sum, told it is not for publication; with it, the regional roll-up:
        // every unit side by side and the sum, suppressed across units (JSON: the sum's keys plus "units"; xlsx: a sheet each).
        (code, _, stderr) = await RunAsync(dir.Path, "report", "--year", "2024", "--all-units");
        Assert.Contains("inte för publicering", stderr);
        (code, var rolled, stderr) = await RunAsync(dir.Path, "report", "--year", "2024", "--all-units", "--publish", "--format", "json");
        Assert.True(code == 0, stderr);
        using (var json = JsonDocument.Parse(rolled))
        {
            Assert.Equal(3, json.RootElement.GetProperty("publication").GetProperty("threshold").GetInt32());
            Assert.Equal(["Stadsdel Norr", "Stadsdel Söder"],
                json.RootElement.GetProperty("units").EnumerateArray().Select(u => u.GetProperty("unit").GetString()));
            // two and three clients per unit: small counts, hidden
            Assert.All(json.RootElement.GetProperty("units").EnumerateArray(),
                u => Assert.Equal(JsonValueKind.Null, u.GetProperty("clients").GetProperty("total").ValueKind));
        }
        var rollUpXlsx = Path.Combine(dir.Path, "region.xlsx");
        (code, _, stderr) = await RunAsync(dir.Path,
            "report", "--year", "2024", "--all-units", "--publish", "--format", "xlsx", "--out", rollUpXlsx);
        Assert.True(code == 0, stderr);
        using (var wb = new ClosedXML.Excel.XLWorkbook(rollUpXlsx))
            Assert.Equal(
                ["Försättsblad", "Sammanställning", "Stadsdel Norr", "Stadsdel Söder", "Summa"],
                wb.Worksheets.Select(w => w.Name));

        // Every mandate closed in 2024: past the retention time. The sweep of one unit leaves the other's clients alone.
        var (purge, purgeOut, purgeErr) = await RunAsync(dir.Path, "purge", "--unit", "Stadsdel Söder");
        Assert.True(purge == 0, purgeErr);
        Assert.Contains("Gallring klar i Stadsdel Söder: 3 klienter", purgeOut);
        Assert.Equal(0, await dir.ScalarAsync(
            "SELECT COUNT(*) FROM Clients c JOIN Units u ON u.Id = c.UnitId "
            + "WHERE u.Name = 'Stadsdel Norr' AND c.AnonymisedAtUtc IS NOT NULL"));
        (purge, purgeOut, purgeErr) = await RunAsync(dir.Path, "purge", "--all-units");
        Assert.True(purge == 0, purgeErr);
        Assert.Contains("2 klienter", purgeOut);
    }

    [Fact]
    public async Task With_one_unit_import_report_and_purge_need_no_unit_and_name_it_if_they_like()
    {
        await using var dir = new TempDir();
        Assert.Equal(0, (await RunAsync(dir.Path, "units", "add", "Stadsdel Norr", "--municipality", "Kista")).Code);
        var file = await dir.WriteAsync("lista.csv", Sheet("N1", "Kista"));
        var (code, _, stderr) = await RunAsync(dir.Path, "import", file);
        Assert.True(code == 0, stderr);
        Assert.Equal(1, (await ReportAsync(dir)).GetProperty("clients").GetProperty("total").GetInt32());
        Assert.Equal(1, (await ReportAsync(dir, "--unit", "Stadsdel Norr")).GetProperty("clients").GetProperty("total").GetInt32());
        (code, var purged, stderr) = await RunAsync(dir.Path, "purge");
        Assert.True(code == 0, stderr);
        Assert.Contains("Gallring klar i Stadsdel Norr: 1 klienter", purged);
        Assert.Equal(1, await dir.ScalarAsync("SELECT COUNT(*) FROM Units"));
    }

    /// <summary>A tally sheet (docs/import.md) with one client whose mandate ran in 2024; more rows may follow.</summary>
    private static string Sheet(string code, string municipality) =>
        "Klientkod;Kön;Födelseår;Kommun;Kontaktväg;Kontaktorsaker;Startdatum;Slutdatum;Avslutsorsak\n" +
        $"{code};Kvinna;1970;{municipality};Egen kontakt;Ekonomi;2024-03-01;2024-10-31;Uppdraget slutfört\n";

    private static async Task<JsonElement> ReportAsync(TempDir dir, params string[] unit)
    {
        var (code, stdout, stderr) = await RunAsync(dir.Path, ["report", "--year", "2024", .. unit]);
        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        return doc.RootElement.Clone();
    }

    /// <summary>Walks the whole-installation report: every count is the units' sum, every key of either unit is there.</summary>
    /// <summary>Medians and quartiles (mandate length, waiting time): not sums of the units' (checked on their own).</summary>
    private static bool IsMedian(string key) => key.EndsWith("Months", StringComparison.Ordinal) || key == "medianDays";

    private static void CompareSum(JsonElement a, JsonElement b, JsonElement sum, string path, List<string> failures)
    {
        switch (sum.ValueKind)
        {
            case JsonValueKind.Object:
                var keys = sum.EnumerateObject().Select(p => p.Name).ToHashSet();
                foreach (var name in a.EnumerateObject().Select(p => p.Name).Concat(b.EnumerateObject().Select(p => p.Name)))
                    if (!keys.Contains(name)) failures.Add($"{path}.{name} missing from the sum");
                foreach (var p in sum.EnumerateObject().Where(p => !IsMedian(p.Name)))
                {
                    var inA = a.TryGetProperty(p.Name, out var va);
                    var inB = b.TryGetProperty(p.Name, out var vb);
                    if (p.Value.ValueKind == JsonValueKind.Number)
                    {
                        var expected = (inA && va.ValueKind == JsonValueKind.Number ? va.GetDecimal() : 0)
                            + (inB && vb.ValueKind == JsonValueKind.Number ? vb.GetDecimal() : 0);
                        if (path == "" && p.Name == "year" || path == ".previousYear" && p.Name == "year") expected = va.GetDecimal();
                        if (p.Value.GetDecimal() != expected) failures.Add($"{path}.{p.Name}: {p.Value.GetDecimal()} != {expected}");
                    }
                    else if (p.Value.ValueKind == JsonValueKind.Object)
                    {
                        if (!inA || !inB) failures.Add($"{path}.{p.Name} is not in both units' reports");
                        else CompareSum(va, vb, p.Value, path + "." + p.Name, failures);
                    }
                }
                break;
            default:
                failures.Add($"{path}: unexpected {sum.ValueKind}");
                break;
        }
    }

    /// <summary>A directory for one test's database and files, deleted afterwards.</summary>
    private sealed class TempDir : IAsyncDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("ombud-units-").FullName;

        public async Task<string> WriteAsync(string name, string text)
        {
            var file = System.IO.Path.Combine(Path, name);
            await File.WriteAllTextAsync(file, text, new UTF8Encoding(false));
            return file;
        }

        public async Task<long> ScalarAsync(string sql) => (long)(await QueryAsync(sql)).Single()!;

        public async Task<List<string>> StringsAsync(string sql) => (await QueryAsync(sql)).Select(x => (string)x!).ToList();

        private async Task<List<object?>> QueryAsync(string sql)
        {
            await using var c = new SqliteConnection($"Data Source={System.IO.Path.Combine(Path, "live.db")};Pooling=False");
            await c.OpenAsync();
            await using var cmd = c.CreateCommand();
            cmd.CommandText = sql;
            await using var reader = await cmd.ExecuteReaderAsync();
            var rows = new List<object?>();
            while (await reader.ReadAsync()) rows.Add(reader.IsDBNull(0) ? null : reader.GetValue(0));
            return rows;
        }

        public ValueTask DisposeAsync()
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
            return ValueTask.CompletedTask;
        }
    }
}
