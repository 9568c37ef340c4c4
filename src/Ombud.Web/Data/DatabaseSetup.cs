using Microsoft.EntityFrameworkCore.Design;

namespace Ombud.Web.Data;

/// <summary>Chooses the provider from configuration (Database:Provider = Sqlite | SqlServer) and registers the context factory.</summary>
public static class DatabaseSetup
{
    public const string DefaultSqlite = "Data Source=data/ombud.db";

    public static string Provider(IConfiguration config) => config["Database:Provider"] is { Length: > 0 } p ? p : "Sqlite";

    public static string ConnectionString(IConfiguration config, string? contentRoot = null)
    {
        var cs = config.GetConnectionString("Ombud") is { Length: > 0 } c ? c : DefaultSqlite;
        if (Provider(config) != "Sqlite" || contentRoot is null) return cs;
        // A relative SQLite file is relative to the app's content root, wherever the app is started from.
        var b = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(cs);
        if (b.DataSource != ":memory:" && !Path.IsPathRooted(b.DataSource) && b.Mode != Microsoft.Data.Sqlite.SqliteOpenMode.Memory)
            b.DataSource = Path.Combine(contentRoot, b.DataSource);
        return b.ToString();
    }

    /// <summary>True when the configured database is the embedded default (no provider or connection string given).</summary>
    public static bool IsEmbeddedDefault(IConfiguration config) =>
        Provider(config) == "Sqlite" && string.IsNullOrEmpty(config.GetConnectionString("Ombud"));

    public static IServiceCollection AddOmbudDatabase(this IServiceCollection services, IConfiguration config, string contentRoot)
    {
        services.AddScoped<AuditInterceptor>();
        services.AddSingleton<AuditWriter>(); // read-audit rows in the background; runs as a hosted service in the web app
        var provider = Provider(config);
        var cs = ConnectionString(config, contentRoot);
        switch (provider)
        {
            case "Sqlite":
                OwnerOnlyFiles.PrepareSqlite(cs); // database, WAL and shared-memory files readable by the app's user only
                services.AddDbContextFactory<SqliteOmbudDbContext>((sp, o) => ConfigureSqlite(o, cs)
                    .AddInterceptors(sp.GetRequiredService<AuditInterceptor>()), ServiceLifetime.Scoped);
                services.AddScoped<IDbContextFactory<OmbudDbContext>, ContextFactory<SqliteOmbudDbContext>>();
                break;
            case "SqlServer":
                services.AddDbContextFactory<SqlServerOmbudDbContext>((sp, o) => ConfigureSqlServer(o, cs)
                    .AddInterceptors(sp.GetRequiredService<AuditInterceptor>()), ServiceLifetime.Scoped);
                services.AddScoped<IDbContextFactory<OmbudDbContext>, ContextFactory<SqlServerOmbudDbContext>>();
                break;
            default:
                throw new InvalidOperationException(
                    $"Okänd databasleverantör '{provider}'. Ange Database:Provider = Sqlite eller SqlServer.");
        }
        // Identity's stores need a scoped context.
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<OmbudDbContext>>().CreateDbContext());
        return services;
    }

    private static readonly SqliteRemovalCheckpoint RemovalCheckpoint = new();

    public static DbContextOptionsBuilder ConfigureSqlite(DbContextOptionsBuilder o, string cs) =>
        o.UseSqlite(cs).AddInterceptors(new SqliteSwedishCollation(), RemovalCheckpoint.Saves, RemovalCheckpoint.Transactions);

    /// <summary>
    /// No retrying execution strategy: it refuses user-initiated transactions, and Ombud's multi-record operations and
    /// the audit interceptor (which writes the audit rows in the same transaction as the change) rely on them.
    /// A failed save shows a Swedish error and nothing is half-saved; the user can simply try again.
    /// </summary>
    public static DbContextOptionsBuilder ConfigureSqlServer(DbContextOptionsBuilder o, string cs) =>
        o.UseSqlServer(cs);

    private sealed class ContextFactory<T>(IDbContextFactory<T> inner) : IDbContextFactory<OmbudDbContext> where T : OmbudDbContext
    {
        public OmbudDbContext CreateDbContext() => inner.CreateDbContext();
        public async Task<OmbudDbContext> CreateDbContextAsync(CancellationToken ct = default) => await inner.CreateDbContextAsync(ct);
    }
}

/// <summary>Design-time factories for `dotnet ef` (one per migration set). No database is opened.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteOmbudDbContext>
{
    public SqliteOmbudDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteOmbudDbContext>().UseSqlite(DatabaseSetup.DefaultSqlite).Options);
}

public sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerOmbudDbContext>
{
    public SqlServerOmbudDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerOmbudDbContext>()
            .UseSqlServer("Server=localhost;Database=Ombud;Trusted_Connection=True;TrustServerCertificate=True").Options);
}
