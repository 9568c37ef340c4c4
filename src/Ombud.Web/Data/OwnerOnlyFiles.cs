using Microsoft.Data.Sqlite;

namespace Ombud.Web.Data;

/// <summary>
/// The SQLite database, its write-ahead log and shared-memory files, and backups made by the <c>backup</c> verb hold
/// personal data: on Unix they are readable and writable by the app's user only (0600, a new data folder 0700), whatever
/// the process's umask. SQLite creates <c>-wal</c>, <c>-shm</c> and <c>-journal</c> files with the database file's own
/// permissions, so creating the database file 0600 covers them. On Windows the folder's access rules apply.
/// </summary>
public static class OwnerOnlyFiles
{
    public const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    public const UnixFileMode OwnerFolder = OwnerReadWrite | UnixFileMode.UserExecute;
    private const UnixFileMode GroupOrOthers = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>Creates an empty file only its owner can read and write; throws <see cref="IOException"/> if it exists.</summary>
    public static void CreateNew(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            new FileStream(path, FileMode.CreateNew, FileAccess.Write).Dispose();
            return;
        }
        new FileStream(
            path,
            new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerReadWrite }).Dispose();
    }

    /// <summary>Creates <paramref name="path"/>'s folder if missing (0700 on Unix).</summary>
    public static void CreateFolderFor(string path)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (string.IsNullOrEmpty(dir) || Directory.Exists(dir)) return;
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(dir);
        else Directory.CreateDirectory(dir, OwnerFolder);
    }

    /// <summary>
    /// Before the app opens a SQLite file database: makes its folder and an empty database file (0600) if missing, and
    /// takes group and other access away from an existing database and its <c>-wal</c>/<c>-shm</c> files.
    /// </summary>
    public static void PrepareSqlite(string connectionString)
    {
        var b = new SqliteConnectionStringBuilder(connectionString);
        if (b.DataSource is "" or ":memory:"
            || b.Mode == SqliteOpenMode.Memory
            || b.DataSource.StartsWith("file:", StringComparison.Ordinal))
            return;
        var path = Path.GetFullPath(b.DataSource);
        CreateFolderFor(path);
        if (OperatingSystem.IsWindows()) return;
        try
        {
            CreateNew(path);
            // EF makes a new database file WAL; it sees this one as existing, so do what it would have done.
            using var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
            c.Open();
            using var wal = c.CreateCommand();
            wal.CommandText = "PRAGMA journal_mode = 'wal';";
            wal.ExecuteNonQuery();
        }
        catch (IOException) when (File.Exists(path))
        {
            foreach (var f in new[] { path, path + "-wal", path + "-shm" }) Restrict(f);
        }
    }

    private static void Restrict(string path)
    {
        if (OperatingSystem.IsWindows() || !File.Exists(path)) return;
        try
        {
            if ((File.GetUnixFileMode(path) & GroupOrOthers) != 0) File.SetUnixFileMode(path, OwnerReadWrite);
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            // Not the file's owner (e.g. a file made by another account): leave it; operations.md says how to set it.
        }
    }
}
