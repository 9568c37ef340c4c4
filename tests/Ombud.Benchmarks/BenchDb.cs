using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Ombud.Web.Data;
using Ombud.Web.Domain;
using Ombud.Web.Features;
using Ombud.Web.Infrastructure;

namespace Ombud.Benchmarks;

/// <summary>
/// The database the benchmarks read: a file made by <c>seed-demo</c> (OMBUD_BENCH_DB, default /tmp/perf-national.db), and
/// SQL Server too when OMBUD_BENCH_SQLSERVER holds a connection string to a database filled the same way.
/// </summary>
public sealed class BenchDb
{
    public static string SqlitePath =>
        Environment.GetEnvironmentVariable("OMBUD_BENCH_DB") is { Length: > 0 } p ? p : "/tmp/perf-national.db";
    public static string? SqlServer => Environment.GetEnvironmentVariable("OMBUD_BENCH_SQLSERVER") is { Length: > 0 } s ? s : null;
    public static IEnumerable<string> Providers => SqlServer is null ? ["Sqlite"] : ["Sqlite", "SqlServer"];

    /// <summary>
    /// The app's own registrations (database, every use-case handler) on the benchmark database, with the signed-in user
    /// swappable per scope.
    /// </summary>
    public IServiceProvider Services { get; }
    public IDbContextFactory<OmbudDbContext> Factory { get; }
    public int UnitId { get; private set; }
    /// <summary>The ombud whose open caseload is closest to 40 clients.</summary>
    public UserInfo Ombud { get; private set; } = null!;
    public int OmbudOpenClients { get; private set; }
    public UserInfo Lead { get; private set; } = null!;
    public int MunicipalityId { get; private set; }
    public int ReportYear { get; private set; }

    private BenchDb(IServiceProvider services)
    {
        Services = services;
        Factory = services.CreateScope().ServiceProvider.GetRequiredService<IDbContextFactory<OmbudDbContext>>();
    }

    /// <summary>
    /// A use case's handler as the app builds it (<see cref="FeatureRegistration.AddFeatureHandlers"/>), acting as
    /// <paramref name="user"/>.
    /// </summary>
    public T Handler<T>(UserInfo user) where T : notnull
    {
        var scope = Services.CreateScope(); // kept for the benchmark's lifetime, as a circuit keeps its scope
        scope.ServiceProvider.GetRequiredService<BenchUser>().User = user;
        return scope.ServiceProvider.GetRequiredService<T>();
    }

    public static async Task<BenchDb> OpenAsync(string provider, string? sqliteFile = null)
    {
        var sqlitePath = sqliteFile ?? SqlitePath;
        if (provider == "Sqlite" && !File.Exists(sqlitePath))
            throw new InvalidOperationException($"{sqlitePath} is missing: generate it with seed-demo (see docs/performance.md).");
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider,
            ["ConnectionStrings:Ombud"] = provider == "Sqlite" ? $"Data Source={sqlitePath}" : SqlServer,
        }).AddEnvironmentVariables("OMBUD_BENCH_SET_").Build(); // e.g. OMBUD_BENCH_SET_Ombud__StaleWeeks=8: a setting for the app's code
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(config)
            .AddSingleton(TimeProvider.System)
            .AddMemoryCache()
            .AddLogging(l =>
            {
                // OMBUD_BENCH_SQL=1 prints every SQL statement with its time (for query-plan work).
                if (Environment.GetEnvironmentVariable("OMBUD_BENCH_SQL") != "1") return;
                l.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Information)
                    .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
            })
            .AddOmbudDatabase(config, Path.GetTempPath())
            .AddFeatureHandlers()
            .AddScoped<BenchUser>()
            .AddScoped<ICurrentUser>(sp => new FixedCurrentUser(sp.GetRequiredService<BenchUser>().User));
        var b = new BenchDb(services.BuildServiceProvider());
        await using var db = await b.Factory.CreateDbContextAsync();
        b.UnitId = await db.Units.OrderBy(u => u.Id).Select(u => u.Id).FirstAsync();
        var open = await db.Mandates.Where(m => m.Status != MandateStatus.Closed).GroupBy(m => m.OmbudId)
            .Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        var pick = open.OrderBy(x => Math.Abs(x.Count - 40)).ThenBy(x => x.Key).First();
        b.OmbudOpenClients = pick.Count;
        var ombud = await db.Users.SingleAsync(u => u.Id == pick.Key);
        b.Ombud = new UserInfo(ombud.Id, ombud.UserName!, ombud.DisplayName, ombud.UnitId, new HashSet<string> { Roles.Ombud });
        b.Lead = new UserInfo("bench-lead", "chef", "Enhetschef", b.UnitId, new HashSet<string> { Roles.UnitLead });
        b.MunicipalityId = await db.Clients
            .GroupBy(c => c.MunicipalityId)
            .OrderByDescending(g => g.Count())
            .Select(g => g.Key)
            .FirstAsync();
        var last = await db.Mandates.MaxAsync(m => m.RegisteredOn);
        b.ReportYear = last.Year - 1; // the last full year
        return b;
    }

    private sealed class BenchUser
    {
        public UserInfo? User { get; set; }
    }
}
