namespace Ombud.Tests.Data;

/// <summary>The yearly report's side-by-side reads: side by side on connections of their own, in turn on a shared one.</summary>
public class ParallelReadsTests
{
    /// <summary>A factory whose every context gets a connection of its own (as the app's pooled SQLite and SQL Server).</summary>
    private sealed class OwnConnections : IDbContextFactory<OmbudDbContext>
    {
        public OmbudDbContext CreateDbContext() =>
            new SqliteOmbudDbContext(new DbContextOptionsBuilder<SqliteOmbudDbContext>().UseSqlite("Data Source=:memory:").Options);
    }

    [Fact]
    public async Task With_connections_of_their_own_the_two_reads_run_at_the_same_time()
    {
        Assert.True(await ParallelReads.OwnConnectionsAsync(new OwnConnections(), default));
        // Each read waits until the other has started: in turn, the first would wait for ever (the 10 s guard fails it).
        var firstStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var secondStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async Task<int> Read(TaskCompletionSource mine, TaskCompletionSource other, int result)
        {
            mine.SetResult();
            await other.Task.WaitAsync(TimeSpan.FromSeconds(10));
            return result;
        }
        var (a, b) = await ParallelReads.BothAsync(new OwnConnections(),
            () => Read(firstStarted, secondStarted, 1), () => Read(secondStarted, firstStarted, 2), worthIt: true, default);
        Assert.Equal((1, 2), (a, b));
    }

    [Fact]
    public async Task A_small_unit_s_reads_run_in_turn_even_on_connections_of_their_own()
    {
        var order = new List<string>();
        await ParallelReads.BothAsync(
            new OwnConnections(), Recorded(order, "first", 1), Recorded(order, "second", 2), worthIt: false, default);
        Assert.Equal(["first start", "first end", "second start", "second end"], order);

        await using var t = await TestDb.CreateAsync();
        var unit = await t.AddUnitAsync();
        Assert.False(await ParallelReads.IsLargeUnitAsync(t.Factory, unit.Id, default));
    }

    [Fact]
    public async Task On_one_shared_connection_the_reads_run_in_turn()
    {
        await using var t = await TestDb.CreateAsync();
        Assert.False(await ParallelReads.OwnConnectionsAsync(t.Factory, default));
        var order = new List<string>();
        var (a, b) = await ParallelReads.BothAsync(
            t.Factory, Recorded(order, "first", 1), Recorded(order, "second", 2), worthIt: true, default);
        Assert.Equal((1, 2), (a, b));
        Assert.Equal(["first start", "first end", "second start", "second end"], order);
    }

    /// <summary>A read that notes when it starts and ends, yielding in between (where another read could slip in).</summary>
    private static Func<Task<int>> Recorded(List<string> order, string name, int result) => async () =>
    {
        order.Add(name + " start");
        await Task.Yield();
        order.Add(name + " end");
        return result;
    };
}
