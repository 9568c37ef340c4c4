using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Ombud.Web.Features.Clients;

namespace Ombud.Tests.Data;

/// <summary>
/// The background writer of read-audit rows (issue #13) on a database file whose write lock another connection holds,
/// as an import's transaction does: the caller is not held up, nothing is lost, and stopping writes what is queued.
/// </summary>
public sealed class AuditWriterTests : IAsyncLifetime
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"ombud-audit-writer-{Guid.NewGuid():N}.db");
    private ServiceProvider _services = default!;

    public async Task InitializeAsync()
    {
        await using (var c = new SqliteConnection($"Data Source={_file};Pooling=False"))
        {
            await c.OpenAsync();
            await TemplateDb.CopyToAsync(c, seedCategories: false);
        }
        // A short busy timeout (1 s instead of 30), so the writer meets "database is locked" and has to retry.
        var options = new DbContextOptionsBuilder<SqliteOmbudDbContext>().UseSqlite($"Data Source={_file};Default Timeout=1").Options;
        _services = new ServiceCollection()
            .AddSingleton<IDbContextFactory<OmbudDbContext>>(new Factory(options))
            .BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        File.Delete(_file);
    }

    private AuditWriter NewWriter() =>
        new(
            _services.GetRequiredService<IServiceScopeFactory>(),
            NullLogger<AuditWriter>.Instance)
        { RetryDelay = _ => TimeSpan.FromMilliseconds(20) };

    private static AuditEntry Viewed(int n) => new()
    {
        AtUtc = new DateTime(2026, 12, 3, 12, 0, 0, DateTimeKind.Utc),
        UserId = "u",
        UserName = "ombud",
        Action = AuditActions.Viewed,
        EntityType = nameof(Client),
        EntityId = n.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ClientId = n,
    };

    /// <summary>Another connection's open write transaction: the database's write lock, as a long import holds it.</summary>
    private async Task<SqliteConnection> LockAsync()
    {
        var c = new SqliteConnection($"Data Source={_file};Pooling=False");
        await c.OpenAsync();
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "BEGIN IMMEDIATE;";
        await cmd.ExecuteNonQueryAsync();
        return c;
    }

    private static async Task<long> CountAsync(SqliteConnection c, string action = AuditActions.Viewed)
    {
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*) FROM AuditEntries WHERE Action = $action";
        cmd.Parameters.AddWithValue("$action", action);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    private static async Task ReleaseAsync(SqliteConnection c)
    {
        await using (var cmd = c.CreateCommand())
        {
            cmd.CommandText = "ROLLBACK;";
            await cmd.ExecuteNonQueryAsync();
        }
        await c.DisposeAsync();
    }

    [Fact]
    public async Task An_entry_written_while_another_connection_holds_the_write_lock_arrives_after_the_lock_is_released()
    {
        var writer = NewWriter();
        await writer.StartAsync(default);
        var locker = await LockAsync();
        await using var db = await _services.GetRequiredService<IDbContextFactory<OmbudDbContext>>().CreateDbContextAsync();

        // The caller hands the entry over and goes on: it does not wait for the lock (a direct write would fail after 1 s).
        await writer.WriteAsync(db, Viewed(1)).WaitAsync(TimeSpan.FromSeconds(30));
        await Task.Delay(1500); // longer than the busy timeout: the writer has met "database is locked" at least once
        Assert.Equal(0, await CountAsync(locker));

        await ReleaseAsync(locker);
        await writer.FlushAsync().WaitAsync(TimeSpan.FromSeconds(60));
        await using var check = new SqliteConnection($"Data Source={_file};Pooling=False");
        await check.OpenAsync();
        Assert.Equal(1, await CountAsync(check));
        await writer.StopAsync(default);
    }

    [Fact]
    public async Task A_denied_attempt_is_recorded_without_waiting_for_the_write_lock()
    {
        var writer = NewWriter();
        await writer.StartAsync(default);
        var me = new UserInfo("u", "ombud", "Ombud", 0, new HashSet<string> { Roles.Ombud });
        var audit = new AuditInterceptor(new FixedCurrentUser(me), TimeProvider.System, writer);
        var locker = await LockAsync();
        await using var db = await _services.GetRequiredService<IDbContextFactory<OmbudDbContext>>().CreateDbContextAsync();

        // A page that only reads (another ombud's client page) is refused at once: written in the request, the denial
        // would wait for the lock and fail with "database is locked" after the 1 s busy timeout.
        await ClientAccess.DenyAsync(db, audit, NullLogger.Instance, me, nameof(Client), "42", null, default)
            .WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(0, await CountAsync(locker, AuditActions.AccessDenied));

        await ReleaseAsync(locker);
        await writer.FlushAsync().WaitAsync(TimeSpan.FromSeconds(60));
        await using var check = new SqliteConnection($"Data Source={_file};Pooling=False");
        await check.OpenAsync();
        Assert.Equal(1, await CountAsync(check, AuditActions.AccessDenied));
        await writer.StopAsync(default);
    }

    [Fact]
    public async Task Stopping_writes_every_queued_entry_first()
    {
        var writer = NewWriter();
        await writer.StartAsync(default);
        var locker = await LockAsync();
        await using var db = await _services.GetRequiredService<IDbContextFactory<OmbudDbContext>>().CreateDbContextAsync();
        for (var i = 1; i <= 1200; i++) await writer.WriteAsync(db, Viewed(i)); // more than one batch

        var stopping = writer.StopAsync(default);
        await Task.Delay(200);
        Assert.False(stopping.IsCompleted); // still waiting for the lock, holding the entries
        await ReleaseAsync(locker);
        await stopping.WaitAsync(TimeSpan.FromSeconds(60));

        await using var check = new SqliteConnection($"Data Source={_file};Pooling=False");
        await check.OpenAsync();
        Assert.Equal(1200, await CountAsync(check));
        Assert.False(writer.Running);
    }

    [Fact]
    public async Task Without_a_running_host_an_entry_is_written_at_once()
    {
        var writer = NewWriter();
        await using var db = await _services.GetRequiredService<IDbContextFactory<OmbudDbContext>>().CreateDbContextAsync();
        await writer.WriteAsync(db, Viewed(7));
        await writer.FlushAsync();
        await using var check = new SqliteConnection($"Data Source={_file};Pooling=False");
        await check.OpenAsync();
        Assert.Equal(1, await CountAsync(check));
    }

    private sealed class Factory(DbContextOptions<SqliteOmbudDbContext> options) : IDbContextFactory<OmbudDbContext>
    {
        public OmbudDbContext CreateDbContext() => new SqliteOmbudDbContext(options);
    }
}
