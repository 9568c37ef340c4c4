namespace Ombud.Web.Data;

/// <summary>
/// Large reads that may run side by side, each on a connection of its own (the yearly report's counts for a big unit:
/// the lead waits for the longest, not the sum). <c>Task.Run</c> because Microsoft.Data.Sqlite's "async" calls complete
/// synchronously: awaited in turn they would simply run one after the other. Contexts built on one shared connection
/// (the unit tests' in-memory database) must not be used at once, so there the reads run in turn.
/// </summary>
public static class ParallelReads
{
    /// <summary>Whether two contexts from the factory get connections of their own (nothing is opened to find out).</summary>
    public static async Task<bool> OwnConnectionsAsync(IDbContextFactory<OmbudDbContext> dbf, CancellationToken ct)
    {
        await using var a = await dbf.CreateDbContextAsync(ct);
        await using var b = await dbf.CreateDbContextAsync(ct);
        return !ReferenceEquals(a.Database.GetDbConnection(), b.Database.GetDbConnection());
    }

    /// <summary>Runs the two reads side by side when the factory allows it, else one after the other.</summary>
    public static async Task<(T1, T2)> BothAsync<T1, T2>(
        IDbContextFactory<OmbudDbContext> dbf, Func<Task<T1>> first, Func<Task<T2>> second, CancellationToken ct)
    {
        if (!await OwnConnectionsAsync(dbf, ct)) return (await first(), await second());
        var a = Task.Run(first, ct);
        var b = Task.Run(second, ct);
        await Task.WhenAll(a, b);
        return (await a, await b);
    }
}
