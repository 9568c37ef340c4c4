using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Ombud.Web.Data;

/// <summary>
/// Removed means gone, also while the app runs. SQLite writes every change to the write-ahead log (<c>ombud.db-wal</c>)
/// first, and the old page (with the name) stays there until a checkpoint. After a save that removes a client's identity
/// (anonymising at close or by the retention sweep, erasing, correcting a name or personnummer) this folds the log into
/// the database file and truncates it (<c>PRAGMA wal_checkpoint(TRUNCATE)</c>); <c>secure_delete</c> has already zeroed
/// the old values in the file. Inside an explicit transaction the checkpoint waits for the commit.
/// </summary>
public sealed class SqliteRemovalCheckpoint
{
    private static readonly string[] Identifying = [nameof(Client.Name), nameof(Client.NameFolded), nameof(Client.PersonalNumber)];
    private readonly ConditionalWeakTable<DbContext, object> _pending = [];
    private const int MaxAttempts = 250; // 5 s of 20 ms waits

    public SaveChangesInterceptor Saves { get; }
    public DbTransactionInterceptor Transactions { get; }

    public SqliteRemovalCheckpoint()
    {
        Saves = new SaveHook(this);
        Transactions = new TransactionHook(this);
    }

    private static bool RemovesIdentity(EntityEntry e) =>
        e.Entity is Client && (e.State == EntityState.Deleted
            || (e.State == EntityState.Modified
                && Identifying.Any(p => e.Property(p).IsModified && e.Property(p).OriginalValue is not null)));

    private void Inspect(DbContext? db)
    {
        if (db is not null && db.ChangeTracker.Entries().Any(RemovesIdentity)) _pending.AddOrUpdate(db, true);
    }

    private async Task CheckpointIfPendingAsync(DbContext? db, bool committed, CancellationToken ct)
    {
        if (db is null || (!committed && db.Database.CurrentTransaction is not null) || !_pending.Remove(db)) return;
        // On the raw connection: right after a commit EF still holds the finished transaction as current.
        var connection = db.Database.GetDbConnection();
        var close = connection.State != System.Data.ConnectionState.Open;
        if (close) await connection.OpenAsync(ct);
        try
        {
            // The first column says whether another connection (e.g. the background audit writer) kept the checkpoint from
            // finishing: then the old pages are still in the log, so it is tried again until the log is emptied.
            for (var attempt = 1; ; attempt++)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
                var busy = Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
                if (busy == 0 || attempt == MaxAttempts) break;
                await Task.Delay(20, ct);
            }
        }
        finally
        {
            if (close) await connection.CloseAsync();
        }
    }

    private sealed class SaveHook(SqliteRemovalCheckpoint owner) : SaveChangesInterceptor
    {
        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData e, InterceptionResult<int> result,
            CancellationToken ct = default)
        {
            owner.Inspect(e.Context);
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult<int> SavingChanges(DbContextEventData e, InterceptionResult<int> result)
        {
            owner.Inspect(e.Context);
            return result;
        }

        public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData e, int result, CancellationToken ct = default)
        {
            await owner.CheckpointIfPendingAsync(e.Context, committed: false, ct);
            return result;
        }

        public override int SavedChanges(SaveChangesCompletedEventData e, int result)
        {
            owner.CheckpointIfPendingAsync(e.Context, committed: false, default).GetAwaiter().GetResult();
            return result;
        }
    }

    private sealed class TransactionHook(SqliteRemovalCheckpoint owner) : DbTransactionInterceptor
    {
        public override async Task TransactionCommittedAsync(System.Data.Common.DbTransaction t, TransactionEndEventData e,
            CancellationToken ct = default) => await owner.CheckpointIfPendingAsync(e.Context, committed: true, ct);

        public override void TransactionCommitted(System.Data.Common.DbTransaction t, TransactionEndEventData e) =>
            owner.CheckpointIfPendingAsync(e.Context, committed: true, default).GetAwaiter().GetResult();

        public override Task TransactionRolledBackAsync(System.Data.Common.DbTransaction t, TransactionEndEventData e,
            CancellationToken ct = default)
        {
            if (e.Context is not null) owner._pending.Remove(e.Context);
            return Task.CompletedTask;
        }
    }
}
