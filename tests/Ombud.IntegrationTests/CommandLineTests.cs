using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Ombud.Web.Domain;
using Ombud.Web.Features.Admin;

namespace Ombud.IntegrationTests;

public class CommandLineTests(OmbudAppFactory app) : IClassFixture<OmbudAppFactory>
{
    [Fact]
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

    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(string dir, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = AppContext.BaseDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Ombud.Web.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["ConnectionStrings__Ombud"] = $"Data Source={Path.Combine(dir, "live.db")}";
        psi.Environment["Ombud__LogFolder"] = Path.Combine(dir, "logs");
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await p.WaitForExitAsync(timeout.Token);
        return (p.ExitCode, await stdout, await stderr);
    }
}
