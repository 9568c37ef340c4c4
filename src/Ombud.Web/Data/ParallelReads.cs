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

    /// <summary>
    /// A unit with this many mandates (all years) has reads worth running side by side. Below it the reads take tens of
    /// milliseconds and the extra threads only compete with the page's own rendering: in the browser benchmark a real
    /// unit's Årsrapport went from ≈ 135 to ≈ 185 ms side by side, while a 300-ombud unit's went from ≈ 3.7 to ≈ 2.6 s.
    /// </summary>
    public const int LargeUnitMandates = 20_000;

    /// <summary>Whether the unit's reads are large enough to run side by side (<see cref="LargeUnitMandates"/>).</summary>
    public static async Task<bool> IsLargeUnitAsync(IDbContextFactory<OmbudDbContext> dbf, int unitId, CancellationToken ct)
    {
        await using var db = await dbf.CreateDbContextAsync(ct);
        return await db.Mandates.CountAsync(m => m.UnitId == unitId, ct) >= LargeUnitMandates;
    }

    /// <summary>
    /// Runs the two reads side by side when <paramref name="worthIt"/> and the factory allows it, else one after the other.
    /// </summary>
    public static async Task<(T1, T2)> BothAsync<T1, T2>(
        IDbContextFactory<OmbudDbContext> dbf, Func<Task<T1>> first, Func<Task<T2>> second, bool worthIt, CancellationToken ct)
    {
        if (!worthIt || !await OwnConnectionsAsync(dbf, ct)) return (await first(), await second());
        var a = Task.Run(first, ct);
        var b = Task.Run(second, ct);
        await Task.WhenAll(a, b);
        return (await a, await b);
    }
}
