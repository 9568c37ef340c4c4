using Microsoft.Data.Sqlite;

namespace Ombud.Web.Features.Admin;

/// <summary>
/// Online backup of the embedded SQLite database (SQLite's backup API: consistent while the app keeps running).
/// The copy is checked with PRAGMA integrity_check. SQL Server is backed up with the server's own tools.
/// </summary>
public static class BackupDatabase
{
    public sealed record Result(string File, long Bytes);

    public sealed class Handler(IDbContextFactory<OmbudDbContext> dbf, Infrastructure.ICurrentUser currentUser, ILogger<Handler> log,
        AuditWriter? writer = null)
    {
        public async Task<Result> HandleAsync(string file, CancellationToken ct = default)
        {
            await currentUser.RequireSystemAdminOrOperatorAsync("säkerhetskopiera databasen");
            var target = Path.GetFullPath(file);
            if (File.Exists(target)) throw new DomainException($"Filen {target} finns redan. Välj ett nytt filnamn.");
            if (writer is not null) await writer.FlushAsync(ct); // the copy holds the read-audit rows queued until now
            await using var db = await dbf.CreateDbContextAsync(ct);
            if (!db.Database.IsSqlite())
                throw new DomainException(
                    "Kommandot säkerhetskopierar den inbyggda SQLite-databasen. Säkerhetskopiera SQL Server med BACKUP DATABASE.");
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            OwnerOnlyFiles.CreateNew(target); // the copy holds personal data: readable by this user only (0600 on Unix)
            var source = (SqliteConnection)db.Database.GetDbConnection();
            await source.OpenAsync(ct);
            await using (var destination = new SqliteConnection(
                new SqliteConnectionStringBuilder { DataSource = target, Pooling = false }.ToString()))
            {
                await destination.OpenAsync(ct);
                source.BackupDatabase(destination);
                await using var check = destination.CreateCommand();
                check.CommandText = "PRAGMA integrity_check";
                var verdict = (string?)await check.ExecuteScalarAsync(ct);
                if (verdict != "ok") throw new DomainException("Säkerhetskopian klarade inte integritetskontrollen: " + verdict);
            }
            var bytes = new FileInfo(target).Length;
            log.LogInformation("Database backed up ({Bytes} bytes)", bytes);
            return new Result(target, bytes);
        }
    }
}
