using Microsoft.Data.Sqlite;
using Ombud.Web.Data.Seed;

namespace Ombud.Tests;

/// <summary>
/// The migrations run once per test run: two in-memory template databases (with and without the default category
/// lists) are migrated lazily on first use and live until the process ends; <see cref="CopyToAsync"/> copies one into a
/// test's own connection with SQLite's online backup API, which takes about a millisecond.
/// </summary>
public static class TemplateDb
{
    private static readonly Lazy<Task<SqliteConnection>> Seeded = new(() => CreateAsync(seedCategories: true));
    private static readonly Lazy<Task<SqliteConnection>> Bare = new(() => CreateAsync(seedCategories: false));
    private static readonly SemaphoreSlim CopyLock = new(1, 1);

    /// <summary>Overwrites <paramref name="destination"/> (an open connection) with a copy of a template.</summary>
    public static async Task CopyToAsync(SqliteConnection destination, bool seedCategories)
    {
        var template = await (seedCategories ? Seeded : Bare).Value;
        // A SqliteConnection is not thread-safe: one backup from the shared template at a time.
        await CopyLock.WaitAsync();
        try { template.BackupDatabase(destination); }
        finally { CopyLock.Release(); }
    }

    private static async Task<SqliteConnection> CreateAsync(bool seedCategories)
    {
        var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        SqliteSwedishCollation.Register(connection);
        await using var db = new SqliteOmbudDbContext(new DbContextOptionsBuilder<SqliteOmbudDbContext>()
            .UseSqlite(connection).AddInterceptors(new SqliteSwedishCollation()).Options);
        await db.Database.MigrateAsync();
        if (seedCategories)
        {
            db.Categories.AddRange(DefaultCategories.Create());
            await db.SaveChangesAsync();
        }
        return connection;
    }
}
