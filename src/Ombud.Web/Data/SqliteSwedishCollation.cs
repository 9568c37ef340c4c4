using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Ombud.Web.Data;

/// <summary>
/// Sets up every SQLite connection: a Swedish, case-insensitive collation ("SV"), so ORDER BY puts å, ä, ö after z in the
/// right order (SQLite's NOCASE and BINARY do not); and secure_delete, so removed names, personnummer and free text are
/// overwritten in the database file instead of lingering in free pages.
/// </summary>
public sealed class SqliteSwedishCollation : DbConnectionInterceptor
{
    public const string Name = "SV";
    private static readonly CompareInfo Swedish = CultureInfo.GetCultureInfo("sv-SE").CompareInfo;

    public static void Register(SqliteConnection connection)
    {
        connection.CreateCollation(Name, (a, b) => Swedish.Compare(a, b, CompareOptions.IgnoreCase));
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA secure_delete = ON;";
        pragma.ExecuteNonQuery();
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (connection is SqliteConnection c) Register(c);
    }

    public override Task ConnectionOpenedAsync(
        DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (connection is SqliteConnection c) Register(c);
        return Task.CompletedTask;
    }
}
