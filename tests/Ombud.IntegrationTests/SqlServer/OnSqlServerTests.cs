using System.Text.RegularExpressions;
using Microsoft.Data.SqlClient;

namespace Ombud.IntegrationTests.SqlServer;

/// <summary>
/// What only a real SQL Server can show (<c>OMBUD_TEST_SQLSERVER</c>; skipped by design without it): the suite really
/// runs there, on a database of each factory's own that is dropped afterwards, the idempotent migration script runs
/// (twice) as the municipality's IT would run it, and the Swedish collation the app sorts with exists on the server.
/// </summary>
public class OnSqlServerTests(OmbudAppFactory app) : IClassFixture<OmbudAppFactory>
{
    [SqlServerFact]
    public async Task The_suite_runs_on_a_SqlServer_database_of_its_own_migrated_and_seeded_by_the_app()
    {
        await using var s = await HostScope.AsAsync(app, "ombud");
        await using var db = await s.DbAsync();
        Assert.True(db.Database.IsSqlServer());
        Assert.Equal(app.SqlServerDatabase, db.Database.GetDbConnection().Database);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.True(await db.Clients.AnyAsync(c => c.OmbudId == s.User.Id), "the demo data is seeded");
    }

    [SqlServerFact]
    public async Task A_factorys_database_is_dropped_when_the_factory_is_disposed()
    {
        string name;
        await using (var other = new OmbudAppFactory())
        {
            _ = other.Services; // starts the app: creates, migrates and seeds its database
            name = other.SqlServerDatabase;
            Assert.True(TestDatabase.SqlServerDatabaseExists(name));
        }
        Assert.False(TestDatabase.SqlServerDatabaseExists(name));
    }

    [SqlServerFact]
    public async Task The_idempotent_migration_script_runs_on_an_empty_database_and_again_without_changes()
    {
        var name = "ombud_it_script_" + Guid.NewGuid().ToString("N");
        await using (var master = new SqlConnection(TestDatabase.SqlServerDatabase("master")))
        {
            await master.OpenAsync();
            await ExecuteAsync(master, $"CREATE DATABASE [{name}]");
        }
        try
        {
            var script = SqlServerScriptTests.IdempotentScript();
            var batches = Regex.Split(script, @"^\s*GO\s*$", RegexOptions.Multiline | RegexOptions.IgnoreCase)
                .Where(b => !string.IsNullOrWhiteSpace(b))
                .ToList();
            // As sqlcmd runs it: batch after batch on one connection (a migration's transaction spans its batches). The
            // second run finds every migration applied and does nothing.
            for (var run = 1; run <= 2; run++)
            {
                await using var c = new SqlConnection(TestDatabase.SqlServerDatabase(name));
                await c.OpenAsync();
                foreach (var batch in batches) await ExecuteAsync(c, batch);
            }

            await using var db = new SqlServerOmbudDbContext(new DbContextOptionsBuilder<SqlServerOmbudDbContext>()
                .UseSqlServer(TestDatabase.SqlServerDatabase(name)).Options);
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
            Assert.Equal(0, await db.Clients.CountAsync());
        }
        finally { TestDatabase.DropSqlServerDatabase(name); }
    }

    [SqlServerFact]
    public async Task The_server_sorts_Swedish_names_with_the_apps_collation()
    {
        await using var s = await HostScope.AsAsync(app, "admin");
        await using var db = await s.DbAsync();
        var sorted = await db.Database.SqlQueryRaw<string>(
            "SELECT v.[Value] FROM (VALUES (N'Öberg'), (N'Zetterlund'), (N'Åkesson'), (N'ängel'), (N'Adolfsson'), (N'Wall')) " +
            "AS v([Value]) " +
            $"ORDER BY v.[Value] COLLATE {SqlServerOmbudDbContext.Collation}").ToListAsync();
        Assert.Equal(["Adolfsson", "Wall", "Zetterlund", "Åkesson", "ängel", "Öberg"], sorted);
    }

    private static async Task ExecuteAsync(SqlConnection c, string sql)
    {
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync();
    }
}
