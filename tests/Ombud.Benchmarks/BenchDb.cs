using Microsoft.EntityFrameworkCore;
using Ombud.Web.Data;
using Ombud.Web.Domain;
using Ombud.Web.Infrastructure;

namespace Ombud.Benchmarks;

/// <summary>
/// The database the benchmarks read: a file made by <c>seed-demo</c> (OMBUD_BENCH_DB, default /tmp/perf-national.db), and
/// SQL Server too when OMBUD_BENCH_SQLSERVER holds a connection string to a database filled the same way.
/// </summary>
public sealed class BenchDb
{
    public static string SqlitePath => Environment.GetEnvironmentVariable("OMBUD_BENCH_DB") is { Length: > 0 } p ? p : "/tmp/perf-national.db";
    public static string? SqlServer => Environment.GetEnvironmentVariable("OMBUD_BENCH_SQLSERVER") is { Length: > 0 } s ? s : null;
    public static IEnumerable<string> Providers => SqlServer is null ? ["Sqlite"] : ["Sqlite", "SqlServer"];

    public IDbContextFactory<OmbudDbContext> Factory { get; }
    public int UnitId { get; private set; }
    /// <summary>The ombud whose open caseload is closest to 40 clients.</summary>
    public UserInfo Ombud { get; private set; } = null!;
    public int OmbudOpenClients { get; private set; }
    public UserInfo Lead { get; private set; } = null!;
    public int MunicipalityId { get; private set; }
    public int ReportYear { get; private set; }

    private BenchDb(IDbContextFactory<OmbudDbContext> factory) => Factory = factory;

    public static async Task<BenchDb> OpenAsync(string provider)
    {
        IDbContextFactory<OmbudDbContext> factory = provider switch
        {
            "Sqlite" when File.Exists(SqlitePath) => new ContextFactory(Log(DatabaseSetup.ConfigureSqlite(new DbContextOptionsBuilder<SqliteOmbudDbContext>(), $"Data Source={SqlitePath}")).Options,
                o => new SqliteOmbudDbContext((DbContextOptions<SqliteOmbudDbContext>)o)),
            "Sqlite" => throw new InvalidOperationException($"{SqlitePath} is missing: generate it with seed-demo (see docs/performance.md)."),
            _ => new ContextFactory(Log(DatabaseSetup.ConfigureSqlServer(new DbContextOptionsBuilder<SqlServerOmbudDbContext>(), SqlServer!)).Options,
                o => new SqlServerOmbudDbContext((DbContextOptions<SqlServerOmbudDbContext>)o)),
        };
        var b = new BenchDb(factory);
        await using var db = await factory.CreateDbContextAsync();
        b.UnitId = await db.Units.OrderBy(u => u.Id).Select(u => u.Id).FirstAsync();
        var open = await db.Mandates.Where(m => m.Status != MandateStatus.Closed).GroupBy(m => m.OmbudId)
            .Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        var pick = open.OrderBy(x => Math.Abs(x.Count - 40)).ThenBy(x => x.Key).First();
        b.OmbudOpenClients = pick.Count;
        var ombud = await db.Users.SingleAsync(u => u.Id == pick.Key);
        b.Ombud = new UserInfo(ombud.Id, ombud.UserName!, ombud.DisplayName, ombud.UnitId, new HashSet<string> { Roles.Ombud });
        b.Lead = new UserInfo("bench-lead", "chef", "Enhetschef", b.UnitId, new HashSet<string> { Roles.UnitLead });
        b.MunicipalityId = await db.Clients.GroupBy(c => c.MunicipalityId).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync();
        var last = await db.Mandates.MaxAsync(m => m.RegisteredOn);
        b.ReportYear = last.Year - 1; // the last full year
        return b;
    }

    /// <summary>OMBUD_BENCH_SQL=1 prints every SQL statement with its time (for query-plan work).</summary>
    private static DbContextOptionsBuilder Log(DbContextOptionsBuilder o) => Environment.GetEnvironmentVariable("OMBUD_BENCH_SQL") == "1"
        ? o.LogTo(Console.Error.WriteLine, [Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.CommandExecuted]) : o;

    private sealed class ContextFactory(DbContextOptions options, Func<DbContextOptions, OmbudDbContext> create) : IDbContextFactory<OmbudDbContext>
    {
        public OmbudDbContext CreateDbContext() => create(options);
    }
}
