using System.Threading.Channels;

namespace Ombud.Web.Data;

/// <summary>
/// Writes read-audit rows (a client page viewed, a report exported) in the background, so that a page that only reads
/// never waits for, or fails on, someone else's write: on SQLite one write at a time holds the database's lock, and a
/// "Viewed" row written in the request waited up to the 30 s busy timeout behind an import and then crashed the page
/// (issue #13). Audit of changes is not written here: the <see cref="AuditInterceptor"/> writes it in the change's own
/// transaction.
/// <para>
/// Bounded (<see cref="Capacity"/> entries): when full, the caller waits for room; an entry is never dropped. A batch that
/// meets a busy or locked database (or any other error) is retried, with a growing pause, until it is written. Stopping
/// the host writes everything queued first (<see cref="StopAsync"/>). <see cref="FlushAsync"/> waits until everything
/// queued before the call is written (the audit log search and export, the backup, tests). Without a running host (the
/// command line, handler tests) an entry is written at once, in the caller's context, as before.
/// </para>
/// </summary>
public sealed class AuditWriter(IServiceScopeFactory scopes, ILogger<AuditWriter> log) : IHostedService, IDisposable
{
    public const int Capacity = 10_000;
    private const int BatchSize = 500;

    /// <summary>An entry to write, or (Entry null) a flush marker completed when everything before it is written.</summary>
    private sealed record Item(AuditEntry? Entry, TaskCompletionSource? Flushed);

    private readonly Channel<Item> _queue = Channel.CreateBounded<Item>(new BoundedChannelOptions(Capacity)
    {
        FullMode = BoundedChannelFullMode.Wait,
        SingleReader = true,
    });
    private readonly CancellationTokenSource _abort = new();
    private Task? _loop;

    /// <summary>True while the background loop runs (between the host's start and stop).</summary>
    public bool Running => _loop is { IsCompleted: false };

    /// <summary>Pause before retry attempt <paramref name="attempt"/> (1, 2, …): 50 ms doubling up to 2 s. Tests may shorten it.</summary>
    public Func<int, TimeSpan> RetryDelay { get; set; } = attempt =>
        TimeSpan.FromMilliseconds(Math.Min(2000, 50 * Math.Pow(2, Math.Min(attempt - 1, 6))));

    /// <summary>Queues <paramref name="entry"/>; without a running host writes it through <paramref name="db"/> at once.</summary>
    public async Task WriteAsync(OmbudDbContext db, AuditEntry entry, CancellationToken ct = default)
    {
        if (Running && _queue.Writer.TryWrite(new Item(entry, null))) return;
        if (Running)
        {
            try
            {
                await _queue.Writer.WriteAsync(new Item(entry, null), ct); // full: wait for room, never drop
                return;
            }
            catch (ChannelClosedException) { /* stopping: write it here */ }
        }
        db.AuditEntries.Add(entry);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Waits until every entry queued before this call is in the database.</summary>
    public async Task FlushAsync(CancellationToken ct = default)
    {
        if (!Running) return;
        var flushed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        try { await _queue.Writer.WriteAsync(new Item(null, flushed), ct); }
        catch (ChannelClosedException) { await (_loop ?? Task.CompletedTask).WaitAsync(ct); return; }
        await flushed.Task.WaitAsync(ct);
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _loop ??= Task.Run(() => RunAsync(_abort.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>Takes no new entries and writes the queued ones; gives up only when the host's shutdown timeout ends.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        if (_loop is null) return;
        await using var _ = cancellationToken.Register(_abort.Cancel);
        try { await _loop; }
        catch (OperationCanceledException)
        {
            log.LogError(
            "Audit writer stopped with {Count} entries unwritten (shutdown timeout)",
            _queue.Reader.Count);
        }
    }

    private async Task RunAsync(CancellationToken abort)
    {
        var batch = new List<AuditEntry>(BatchSize);
        var flushes = new List<TaskCompletionSource>();
        while (await _queue.Reader.WaitToReadAsync(abort))
        {
            while (batch.Count < BatchSize && _queue.Reader.TryRead(out var item))
            {
                if (item.Entry is { } e) batch.Add(e);
                else flushes.Add(item.Flushed!);
            }
            if (batch.Count > 0) await SaveAsync(batch, abort);
            batch.Clear();
            foreach (var f in flushes) f.TrySetResult();
            flushes.Clear();
        }
    }

    private async Task SaveAsync(List<AuditEntry> batch, CancellationToken abort)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<OmbudDbContext>>()
                    .CreateDbContextAsync(abort);
                db.AuditEntries.AddRange(batch.Select(Copy)); // fresh rows each attempt: a failed save may leave keys set
                await db.SaveChangesAsync(abort);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !abort.IsCancellationRequested)
            {
                if (DatabaseBusy.Is(ex))
                    log.LogWarning("Audit writer: the database is busy, {Count} entries wait (attempt {Attempt})", batch.Count, attempt);
                else
                    log.LogError(
                        ex,
                        "Audit writer: {Count} entries could not be written (attempt {Attempt}); retrying",
                        batch.Count,
                        attempt);
                await Task.Delay(RetryDelay(attempt), abort);
            }
        }
    }

    private static AuditEntry Copy(AuditEntry e) => new()
    {
        UnitId = e.UnitId,
        AtUtc = e.AtUtc,
        UserId = e.UserId,
        UserName = e.UserName,
        Action = e.Action,
        EntityType = e.EntityType,
        EntityId = e.EntityId,
        ClientId = e.ClientId,
    };

    public void Dispose() => _abort.Dispose();
}

/// <summary>
/// A database that stayed busy past its timeout: SQLite's lock (SQLITE_BUSY, SQLITE_LOCKED) or a SQL Server lock timeout or deadlock.
/// </summary>
public static class DatabaseBusy
{
    public static bool Is(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 5 or 6 }) return true; // SQLITE_BUSY, SQLITE_LOCKED
            if (ex is Microsoft.Data.SqlClient.SqlException { Number: 1222 or 1205 or -2 }) return true; // lock timeout, deadlock, timeout
        }
        return false;
    }
}
