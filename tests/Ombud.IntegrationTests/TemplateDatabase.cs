using Microsoft.Data.Sqlite;

namespace Ombud.IntegrationTests;

/// <summary>
/// One migrated SQLite file with the demo data per test run, made lazily by starting the real app once on an empty
/// file; <see cref="CopyTo"/> gives each <see cref="OmbudAppFactory"/> its own copy through SQLite's online backup API,
/// so start-up neither migrates nor seeds again. The file is deleted when the test process exits.
/// </summary>
public static class TemplateDatabase
{
    private static readonly Lazy<string> File = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Writes a copy of the template to <paramref name="dbPath"/> (created or overwritten).</summary>
    public static void CopyTo(string dbPath) => Backup(File.Value, dbPath);

    private static string Create()
    {
        var dir = Path.Combine(Path.GetTempPath(), "ombud-it-template-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        };
        var file = Path.Combine(dir, "template.db");
        using (var app = new OmbudAppFactory { UseTemplate = false })
        {
            _ = app.Services; // starts the host: migrations, category lists, roles and the demo data
            Backup(app.DbPath, file);
        }
        // The template app's key (if it made one) is not each copy's: every app must make and store its own.
        using var c = Open(file);
        using var delete = c.CreateCommand();
        delete.CommandText = "DELETE FROM DataProtectionKeys";
        delete.ExecuteNonQuery();
        return file;
    }

    /// <summary>
    /// Test classes start in parallel, so two copies may open the template (a WAL database) at the same moment and one
    /// briefly finds it busy (SQLite error 5/6, seen once in CI): try again for a few seconds rather than fail the test.
    /// The primary code is compared: SQLite also reports busy as an extended code, e.g. 261 (SQLITE_BUSY_RECOVERY, seen
    /// when a test started an app of its own while the class fixtures were copying).
    /// </summary>
    private static void Backup(string from, string to)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var source = Open(from);
                using var destination = Open(to);
                source.BackupDatabase(destination);
                return;
            }
            catch (SqliteException e) when ((e.SqliteErrorCode & 0xFF) is 5 or 6 && attempt < 50)
            {
                Thread.Sleep(100);
            }
        }
    }

    private static SqliteConnection Open(string file)
    {
        var c = new SqliteConnection($"Data Source={file};Pooling=False");
        c.Open();
        return c;
    }
}
