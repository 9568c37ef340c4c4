using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Ombud.Web.Features.Admin;

namespace Ombud.IntegrationTests;

public class CommandLineTests(OmbudAppFactory app) : IClassFixture<OmbudAppFactory>
{
    [SqliteFact]
    public async Task Backup_copies_the_live_database_and_the_copy_opens_with_the_same_data()
    {
        var file = Path.Combine(Path.GetTempPath(), $"ombud-backup-{Guid.NewGuid():N}.db");
        try
        {
            await using var s = await HostScope.AsAsync(app, "admin");
            var result = await s.Get<BackupDatabase.Handler>().HandleAsync(file);
            Assert.True(result.Bytes > 0);

            await using var live = await s.DbAsync();
            var liveClients = await live.Clients.CountAsync();
            var liveMandates = await live.Mandates.CountAsync();
            await using var copy = new SqliteConnection($"Data Source={file};Pooling=False");
            await copy.OpenAsync();
            Assert.Equal(liveClients, await Scalar(copy, "SELECT COUNT(*) FROM Clients"));
            Assert.Equal(liveMandates, await Scalar(copy, "SELECT COUNT(*) FROM Mandates"));
            Assert.True(liveClients > 0);

            var again = await Assert.ThrowsAsync<DomainException>(() => s.Get<BackupDatabase.Handler>().HandleAsync(file));
            Assert.Contains("finns redan", again.Message);
        }
        finally { File.Delete(file); }
    }

    private static async Task<long> Scalar(SqliteConnection c, string sql)
    {
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task The_executable_runs_the_backup_verb_on_a_configured_database_and_exits_0()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"ombud-cli-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            var (code, stdout, stderr) = await RunAsync(dir, "backup", Path.Combine(dir, "copy.db"));
            Assert.True(code == 0, stderr);
            Assert.Contains("Säkerhetskopian är skriven", stdout);
            Assert.True(File.Exists(Path.Combine(dir, "copy.db")));
            Assert.True(File.Exists(Path.Combine(dir, "live.db"))); // migrated on first use, no demo data asked for

            var (badCode, _, badErr) = await RunAsync(dir, "backup");
            Assert.Equal(2, badCode);
            Assert.Contains("Användning", badErr);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(dir, true); } catch (IOException) { }
        }
    }

    [SqliteFact]
    public async Task The_report_verb_prints_the_same_figures_as_the_page_in_the_documented_JSON()
    {
        var year = SwedishDate.Today.Year;
        await using var lead = await HostScope.AsAsync(app, "chef");
        var report = await lead.Get<Ombud.Web.Features.AnnualReport.YearReport.Handler>().HandleAsync(year, null);
        var expected = Ombud.Web.Features.AnnualReport.ReportJson.Serialize(report);

        var (code, stdout, stderr) = await RunAsync(null,
            "report", "--year", year.ToString(), "--format", "json", $"--ConnectionStrings:Ombud=Data Source={app.DbPath}");

        Assert.True(code == 0, stderr);
        Assert.Equal(expected.Trim(), stdout.Trim());
        using var doc = System.Text.Json.JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        Assert.Equal(year, root.GetProperty("year").GetInt32());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, root.GetProperty("municipality").ValueKind);
        foreach (var key in new[] { "clients", "newClients", "closedClients", "activeAtYearEnd" })
            foreach (var g in new[] { "total", "women", "men", "other", "unknown" })
                Assert.True(root.GetProperty(key).TryGetProperty(g, out _), $"{key}.{g}");
        foreach (var a in new[] { "18-29", "30-49", "50-64", "65+", "unknown" })
            Assert.True(root.GetProperty("ageGroups").TryGetProperty(a, out _));
        Assert.True(root.GetProperty("clients").GetProperty("total").GetInt32() > 0);
        Assert.True(root.TryGetProperty("fte", out _));
        Assert.Equal(year - 1, root.GetProperty("previousYear").GetProperty("year").GetInt32());

        var (bad, _, badErr) = await RunAsync(null, "report", "--year", "abc", $"--ConnectionStrings:Ombud=Data Source={app.DbPath}");
        Assert.Equal(2, bad);
        Assert.Contains("report --year", badErr);
    }

    [SqliteFact]
    public async Task The_report_verb_publishes_with_small_counts_null_and_names_the_threshold()
    {
        var year = SwedishDate.Today.Year;
        await using var lead = await HostScope.AsAsync(app, "chef");
        var report = await lead.Get<Ombud.Web.Features.AnnualReport.YearReport.Handler>().HandleAsync(year, null, publish: true);
        var db = $"--ConnectionStrings:Ombud=Data Source={app.DbPath}";

        var (code, stdout, stderr) = await RunAsync(null, "report", "--year", year.ToString(), "--publish", db);

        Assert.True(code == 0, stderr);
        Assert.Equal(Ombud.Web.Features.AnnualReport.ReportJson.Serialize(report).Trim(), stdout.Trim());
        using var doc = System.Text.Json.JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        Assert.Equal(3, root.GetProperty("publication").GetProperty("threshold").GetInt32());
        var tables = new[]
        {
            "clients", "newClients", "closedClients", "activeAtYearEnd", "ageGroups", "contactReasons", "referralPaths",
            "closureReasons", "needsByLifeArea", "needOutcomes", "actorTypes", "helpKinds", "sip",
        };
        foreach (var key in tables)
            foreach (var p in root.GetProperty(key).EnumerateObject()
                         .Where(p => p.Value.ValueKind == System.Text.Json.JsonValueKind.Number))
                Assert.False(p.Value.GetInt32() is >= 1 and <= 3, $"{key}.{p.Name} = {p.Value.GetInt32()} is published");

        var (five, fiveOut, fiveErr) = await RunAsync(null, "report", "--year", year.ToString(), "--publish", "--threshold", "5", db);
        Assert.True(five == 0, fiveErr);
        Assert.Contains("\"threshold\": 5", fiveOut);
        var (bad, _, badErr) = await RunAsync(null, "report", "--year", year.ToString(), "--threshold", "5", db);
        Assert.Equal(2, bad);
        Assert.Contains("--publish", badErr);
    }

    [SqliteFact]
    public async Task The_report_verb_writes_the_same_csv_and_xlsx_files_as_the_download()
    {
        var year = SwedishDate.Today.Year;
        await using var lead = await HostScope.AsAsync(app, "chef");
        var report = await lead.Get<Ombud.Web.Features.AnnualReport.YearReport.Handler>().HandleAsync(year, null);
        var dir = Directory.CreateTempSubdirectory("ombud-report-").FullName;
        var csv = Path.Combine(dir, "rapport.csv");
        var xlsx = Path.Combine(dir, "rapport.xlsx");
        var db = $"--ConnectionStrings:Ombud=Data Source={app.DbPath}";

        var (code, stdout, stderr) = await RunAsync(null, "report", "--year", year.ToString(), "--format", "csv", "--out", csv, db);
        Assert.True(code == 0, stderr);
        Assert.Contains(csv, stdout);
        Assert.Equal(Ombud.Web.Features.AnnualReport.ReportFiles.Csv(report), await File.ReadAllBytesAsync(csv));

        (code, _, stderr) = await RunAsync(null, "report", "--year", year.ToString(), "--format", "xlsx", "--out", xlsx, db);
        Assert.True(code == 0, stderr);
        using (var wb = new ClosedXML.Excel.XLWorkbook(xlsx))
        {
            Assert.Equal(
                ["Försättsblad", .. report.Tables.Select(t => t.Title), Ombud.Web.Features.AnnualReport.ReportFiles.SurveySheetName],
                wb.Worksheets.Select(w => w.Name));
            Assert.Equal("Alla kommuner", wb.Worksheet("Försättsblad").Cell(6, 2).GetString());
            var ws = wb.Worksheet("Klienter under året");
            Assert.Equal((double)report["clients"].Rows[0].Value!, ws.Cell(2, 2).GetDouble());
            Assert.Equal((double)report["clients"].Rows[0].Previous!, ws.Cell(2, 3).GetDouble());
        }

        var (noOut, _, noOutErr) = await RunAsync(null, "report", "--year", year.ToString(), "--format", "xlsx", db);
        Assert.Equal(2, noOut);
        Assert.Contains("--out", noOutErr);
        var (badFormat, _, badErr) = await RunAsync(null, "report", "--year", year.ToString(), "--format", "pdf", db);
        Assert.Equal(2, badFormat);
        Assert.Contains("json, csv eller xlsx", badErr);
        Directory.Delete(dir, recursive: true);
    }

    [Theory]
    [InlineData("--help", "backup")]
    [InlineData("-h", "seed-demo")]
    [InlineData("help", "report")]
    [InlineData("backup --help", "FILE")]
    [InlineData("report --help", "--year")]
    [InlineData("report -h", "--municipality")]
    [InlineData("help report", "--format")]
    [InlineData("import --help", "--dry-run")]
    [InlineData("purge --help", "gallring")]
    [InlineData("seed-demo --help", "--clients-per-year")]
    [InlineData("seed-demo --help", "--units")]
    [InlineData("units add --help", "--municipality")]
    [InlineData("help units", "list")]
    [InlineData("users add --help", "--password-stdin")]
    [InlineData("report --help", "--all-units")]
    [InlineData("purge --help", "--unit")]
    public async Task Help_on_the_root_and_every_verb_prints_usage_and_exits_0(string args, string expected)
    {
        var dir = Directory.CreateTempSubdirectory("ombud-help-").FullName;
        var (code, stdout, stderr) = await RunAsync(dir, args.Split(' '));
        Assert.True(code == 0, stderr);
        Assert.Contains("Usage:", stdout);
        Assert.Contains(expected, stdout);
        Assert.False(File.Exists(Path.Combine(dir, "live.db")), "help must not open the database");
        Directory.Delete(dir, recursive: true);
    }

    [Theory]
    [InlineData("report --year 2025 --bogus", "--bogus")]
    [InlineData("bakup x.db", "bakup")]
    [InlineData("--unknown-option", "--unknown-option")]
    [InlineData("report --year 2025 --Ombud=x", "--Ombud=x")] // configuration needs a section: --Ombud:Key=Value
    [InlineData("purge extra", "extra")]
    [InlineData("report --year 2025 --unit Norr --all-units", "--all-units")]
    [InlineData("units add Norr", "--municipality")]
    [InlineData("units", "add")]
    [InlineData("users add kalle --unit Norr --role Chef --name Kalle --password-stdin", "Chef")]
    [InlineData("seed-demo --ombud 0 --years 1 --clients-per-year 1", "--ombud")]
    [InlineData("seed-demo --ombud 1 --years 1 --clients-per-year 1 --units 0", "--units")]
    public async Task Unknown_options_verbs_and_bad_values_are_usage_errors_exit_2(string args, string named)
    {
        var dir = Directory.CreateTempSubdirectory("ombud-usage-").FullName;
        var (code, stdout, stderr) = await RunAsync(dir, args.Split(' '));
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Contains("Fel:", stderr);
        Assert.Contains(named, stderr);
        Assert.Contains("Användning", stderr);
        Assert.False(File.Exists(Path.Combine(dir, "live.db")), "a usage error must not open the database");
        Directory.Delete(dir, recursive: true);
    }

    [SqliteFact]
    public async Task The_out_option_takes_its_value_after_a_space_or_an_equals_sign_and_config_in_either_form_selects_the_database()
    {
        var year = SwedishDate.Today.Year.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var dir = Directory.CreateTempSubdirectory("ombud-out-").FullName;
        var spaced = Path.Combine(dir, "spaced.csv");
        var equals = Path.Combine(dir, "equals.csv");

        var (code, _, stderr) = await RunAsync(null, "report", "--year", year, "--format", "csv", "--out", spaced,
            $"--ConnectionStrings:Ombud=Data Source={app.DbPath}");
        Assert.True(code == 0, stderr);
        (code, _, stderr) = await RunAsync(null, "report", $"--year={year}", "--format=csv", $"--out={equals}",
            "--ConnectionStrings:Ombud", $"Data Source={app.DbPath}");
        Assert.True(code == 0, stderr);

        Assert.True(File.Exists(spaced) && File.Exists(equals));
        Assert.Equal(await File.ReadAllBytesAsync(spaced), await File.ReadAllBytesAsync(equals));
        Assert.Contains("Klienter under året", await File.ReadAllTextAsync(equals)); // the demo database's report, not an empty one
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public async Task A_verb_on_a_new_database_logs_neither_SQL_nor_the_first_admin_warning_unless_verbose()
    {
        var dir = Directory.CreateTempSubdirectory("ombud-quiet-").FullName;
        try
        {
            var (code, _, stderr) = await RunAsync(dir, "purge");
            Assert.True(code == 0, stderr);
            Assert.DoesNotContain("No users exist", stderr);
            Assert.DoesNotContain("SELECT", stderr);
            Assert.DoesNotContain("CREATE TABLE", stderr);

            (code, _, stderr) = await RunAsync(dir, "purge", "--verbose");
            Assert.True(code == 0, stderr);
            Assert.Contains("SELECT", stderr); // --verbose shows EF's commands
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(dir, true); } catch (IOException) { }
        }
    }

    /// <summary>
    /// Runs the app's executable on <paramref name="dir"/>'s live.db (unless a connection string is given), standard input empty.
    /// </summary>
    internal static Task<(int Code, string Stdout, string Stderr)> RunAsync(string? dir, params string[] args) =>
        RunWithInputAsync(dir, null, args);

    /// <summary>As <see cref="RunAsync"/> with <paramref name="stdin"/> written to standard input (then closed).</summary>
    internal static async Task<(int Code, string Stdout, string Stderr)> RunWithInputAsync(string? dir, string? stdin, params string[] args)
    {
        dir ??= Path.GetTempPath();
        var psi = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Ombud.Web.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        if (!args.Any(a => a.StartsWith("--ConnectionStrings:Ombud=", StringComparison.Ordinal)))
            psi.Environment["ConnectionStrings__Ombud"] = $"Data Source={Path.Combine(dir, "live.db")}";
        psi.Environment["Ombud__LogFolder"] = Path.Combine(dir, "logs-" + Guid.NewGuid().ToString("N"));
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        using var p = Process.Start(psi)!;
        if (stdin is not null) await p.StandardInput.WriteAsync(stdin);
        p.StandardInput.Close();
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await p.WaitForExitAsync(timeout.Token);
        return (p.ExitCode, await stdout, await stderr);
    }
}
