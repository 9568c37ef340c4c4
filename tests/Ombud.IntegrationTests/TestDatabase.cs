using Microsoft.Data.SqlClient;

namespace Ombud.IntegrationTests;

/// <summary>
/// Which database the integration suite runs on: SQLite files (the default), or the SQL Server whose connection string is
/// in the environment variable <c>OMBUD_TEST_SQLSERVER</c> (every <see cref="OmbudAppFactory"/> then gets a database of
/// its own there, migrated and seeded by the app's start-up and dropped afterwards). See docs/operations.md.
/// </summary>
public static class TestDatabase
{
    public const string Variable = "OMBUD_TEST_SQLSERVER";

    /// <summary>The SQL Server connection string to run on, or null: SQLite.</summary>
    public static string? SqlServer { get; } = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } cs ? cs : null;

    public static bool OnSqlServer => SqlServer is not null;

    /// <summary>The server's connection string with <paramref name="database"/> as its database.</summary>
    public static string SqlServerDatabase(string database) =>
        new SqlConnectionStringBuilder(SqlServer) { InitialCatalog = database }.ConnectionString;

    private static string Master =>
        new SqlConnectionStringBuilder(SqlServer) { InitialCatalog = "master", Pooling = false }.ConnectionString;

    /// <summary>Drops <paramref name="database"/> on the server if it exists, closing any connection still open to it.</summary>
    public static void DropSqlServerDatabase(string database)
    {
        SqlConnection.ClearAllPools();
        using var master = new SqlConnection(Master);
        master.Open();
        using var drop = master.CreateCommand();
        drop.CommandText = $"""
            IF DB_ID(N'{database}') IS NOT NULL
            BEGIN
                ALTER DATABASE [{database}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE;
                DROP DATABASE [{database}];
            END
            """;
        drop.ExecuteNonQuery();
    }

    /// <summary>True when <paramref name="database"/> exists on the server.</summary>
    public static bool SqlServerDatabaseExists(string database)
    {
        using var master = new SqlConnection(Master);
        master.Open();
        using var find = master.CreateCommand();
        find.CommandText = "SELECT COUNT(*) FROM sys.databases WHERE name = @name";
        find.Parameters.AddWithValue("@name", database);
        return (int)find.ExecuteScalar()! > 0;
    }
}

/// <summary>
/// A test that needs a real SQL Server: runs when <c>OMBUD_TEST_SQLSERVER</c> holds a connection string, otherwise it
/// is reported as skipped, with the reason, by design (no server on the developers' machines or CI).
/// </summary>
public sealed class SqlServerFactAttribute : FactAttribute
{
    public SqlServerFactAttribute()
    {
        if (!TestDatabase.OnSqlServer)
            Skip = $"By design: {TestDatabase.Variable} is not set (no SQL Server to run on; " +
                   "docs/operations.md, \"Testing on your SQL Server\")";
    }
}

/// <summary>
/// A test that inspects the SQLite file itself (bytes on disk, backups, the file disappearing): skipped, with the
/// reason, when the suite runs on SQL Server.
/// </summary>
public sealed class SqliteFactAttribute : FactAttribute
{
    public SqliteFactAttribute()
    {
        if (TestDatabase.OnSqlServer)
            Skip = $"By design: inspects the SQLite database file; this run is on SQL Server ({TestDatabase.Variable})";
    }
}
