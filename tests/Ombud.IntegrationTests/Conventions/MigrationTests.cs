using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Ombud.IntegrationTests.Conventions;

public class MigrationTests
{
    [Fact]
    public async Task Sqlite_migrations_apply_to_an_empty_database_and_match_the_model()
    {
        await using var conn = new SqliteConnection("Data Source=:memory:");
        await conn.OpenAsync();
        await using var db = new SqliteOmbudDbContext(new DbContextOptionsBuilder<SqliteOmbudDbContext>().UseSqlite(conn).Options);
        Assert.False(
            db.Database.HasPendingModelChanges(), "The model has changes no SQLite migration covers: run Data/Migrations/add-migration.sh");
        await db.Database.MigrateAsync();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(0, await db.Clients.CountAsync());
    }

    [Fact]
    public void SqlServer_migrations_match_the_model_and_script_the_schema_without_a_server()
    {
        using var db = new SqlServerOmbudDbContext(new DbContextOptionsBuilder<SqlServerOmbudDbContext>()
            .UseSqlServer("Server=127.0.0.1,1;Database=none;User Id=x;Password=x;TrustServerCertificate=True").Options); // never opened
        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(
            db.Database.HasPendingModelChanges(),
            "The model has changes no SQL Server migration covers: run Data/Migrations/add-migration.sh");
        var sql = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);
        Assert.Contains("CREATE TABLE [Clients]", sql);
        Assert.Contains("CREATE TABLE [AuditEntries]", sql);
        Assert.Contains("WHERE [Status] <> 3", sql); // one open mandate per client, guarded in the database
    }

    [Fact]
    public async Task The_database_refuses_a_second_open_mandate_for_a_client()
    {
        await using var conn = new SqliteConnection("Data Source=:memory:");
        await conn.OpenAsync();
        await using var db = new SqliteOmbudDbContext(new DbContextOptionsBuilder<SqliteOmbudDbContext>().UseSqlite(conn).Options);
        await db.Database.MigrateAsync();
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO Units (Name, RetentionMonths) VALUES ('U', 0);
            INSERT INTO Municipalities (UnitId, Name, IsActive) VALUES (1, 'M', 1);
            INSERT INTO AspNetUsers (Id, DisplayName, UnitId, IsActive, EmailConfirmed, PhoneNumberConfirmed, TwoFactorEnabled,
                LockoutEnabled, AccessFailedCount)
              VALUES ('u1', 'O', 1, 1, 1, 0, 0, 1, 0);
            INSERT INTO Clients (UnitId, Code, Gender, MunicipalityId, ChildrenAtHome, OmbudId, CreatedAtUtc, Version)
              VALUES (1, 'KAAAAAA', 0, 1, 0, 'u1', '2026-01-01', 1);
            INSERT INTO Mandates (ClientId, UnitId, OmbudId, Status, RegisteredOn, LastActivityOn, Version)
              VALUES (1, 1, 'u1', 1, '2026-01-01', '2026-01-01', 1);
            INSERT INTO Mandates (ClientId, UnitId, OmbudId, Status, RegisteredOn, LastActivityOn, Version)
              VALUES (1, 1, 'u1', 3, '2025-01-01', '2025-01-01', 1);
            """);
        await Assert.ThrowsAsync<SqliteException>(() => db.Database.ExecuteSqlRawAsync(
            "INSERT INTO Mandates (ClientId, UnitId, OmbudId, Status, RegisteredOn, LastActivityOn, Version) " +
            "VALUES (1, 1, 'u1', 0, '2026-02-01', '2026-02-01', 1)"));
    }
}
