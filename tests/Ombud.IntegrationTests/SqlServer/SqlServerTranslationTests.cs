using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using FluentValidation;
using Ombud.IntegrationTests.Conventions;
using Xunit.Abstractions;

namespace Ombud.IntegrationTests.SqlServer;

/// <summary>
/// Every public handler method (the access matrix's probes: a new handler is covered as soon as it has its probe), called
/// as each role allowed to use it, with its database contexts switched to the SQL Server provider on a
/// <see cref="NoServerConnection"/>. EF translates a LINQ query for the provider before it sends any command, so a query
/// shape SQLite accepts but SQL Server cannot translate fails here; the SQL of every command that was sent is parsed with
/// SQL Server's T-SQL parser too. The connection answers "no rows", so a handler runs on only as far as empty results let
/// it: the test prints how many calls reached SQL and how many commands were checked.
/// </summary>
public class SqlServerTranslationTests(SqlServerTranslationTests.App fixture, ITestOutputHelper output)
    : IClassFixture<SqlServerTranslationTests.App>
{
    /// <summary>The app on its SQLite test database, with a context factory a test can switch to SQL Server per scope.</summary>
    public sealed class App : IDisposable
    {
        public OmbudAppFactory Factory { get; } = new() { ExtraServices = ProviderSwitch.Install };
        public void Dispose() => Factory.Dispose();
    }

    private static readonly string[] Roles = ["ombud", "chef", "admin", "sysadmin", "region"];

    [Fact]
    public async Task Every_handler_query_translates_for_SqlServer_and_its_sql_parses_as_TSql()
    {
        var app = fixture.Factory;
        var ids = await AccessMatrixTests.LoadIdsAsync(app);
        var users = new Dictionary<string, UserInfo>();
        foreach (var role in Roles)
            await using (var s = await HostScope.AsAsync(app, role)) users[role] = s.User;

        var failures = new List<string>();
        int calls = 0, reachedSql = 0, commandCount = 0;
        var silent = new List<string>();
        foreach (var probe in AccessMatrixTests.Probes())
        {
            // As each role the matrix allows (the handler's own paths); nobody signed in when it allows none.
            UserInfo?[] actAs = [.. probe.Allowed.Where(users.ContainsKey).Select(r => users[r])];
            if (actAs.Length == 0) actAs = [null];
            foreach (var user in actAs)
            {
                var commands = new ConcurrentQueue<string>();
                var scope = app.Services.CreateAsyncScope();
                // Switched before anything in the scope resolves a context (Identity's too).
                scope.ServiceProvider.GetRequiredService<ProviderSwitch>().SqlServerCommands = commands;
                await using var host = HostScope.For(scope, user);
                var cell = $"{probe.Method} as {user?.UserName ?? "nobody"}";
                calls++;
                try { await probe.Call(host, ids); }
                catch (Exception ex) when (StoppedAfterTranslation(ex)) { }
                catch (Exception ex) { failures.Add($"{cell}: {Describe(ex)}"); }
                if (commands.IsEmpty) silent.Add(cell);
                else reachedSql++;
                foreach (var sql in commands)
                {
                    commandCount++;
                    foreach (var error in TSql.Errors(sql)) failures.Add($"{cell}: SQL that SQL Server cannot parse ({error}):\n{sql}");
                }
            }
        }
        output.WriteLine($"{calls} handler calls, {reachedSql} reached SQL Server's SQL, {commandCount} commands translated and parsed.");
        output.WriteLine("Calls that stopped before any SQL (validation, access refusal before a query): " + string.Join(", ", silent));
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
        // The switch works: most calls reach the database (a broken switch would leave them on SQLite, unseen here).
        Assert.True(reachedSql >= calls / 2, $"Only {reachedSql} of {calls} handler calls reached SQL Server's SQL");
    }

    [Fact]
    public async Task A_query_SQLite_runs_but_SqlServer_cannot_translate_fails_the_check_before_any_sql()
    {
        // The check can fail: SQLite translates Regex.IsMatch (REGEXP), SQL Server's provider cannot.
        await using (var s = await HostScope.AsAsync(fixture.Factory, "admin"))
        await using (var sqlite = await s.DbAsync())
            Assert.NotEmpty(await sqlite.Actors.Where(a => !Regex.IsMatch(a.Name, "^§")).ToListAsync());

        var commands = new ConcurrentQueue<string>();
        await using var sqlServer = new SqlServerOmbudDbContext(SqlServerTranslation.Options(new NoServerConnection(commands)));
        var ex = await Assert.ThrowsAnyAsync<Exception>(() => sqlServer.Actors.Where(a => !Regex.IsMatch(a.Name, "^§")).ToListAsync());
        Assert.False(StoppedAfterTranslation(ex));
        Assert.StartsWith("a query SQL Server's provider cannot translate", Describe(ex));
        Assert.Empty(commands);
    }

    /// <summary>
    /// Outcomes of a handler on a database that has no rows and saves nothing: it got past translating its queries and
    /// stopped on the (empty) results. Anything else — "could not be translated" above all — fails the test.
    /// </summary>
    private static bool StoppedAfterTranslation(Exception ex) => ex switch
    {
        NotFoundOrForbiddenException or DomainException or ValidationException or ConcurrencyConflictException => true,
        DbUpdateException => true, // a save: "expected 1 row, 0 affected"
        UnauthorizedAccessException => true, // nobody signed in, for handlers that need someone
        InvalidOperationException e when e.Message.StartsWith("Sequence contains no elements") => true, // First() on no rows
        _ => false,
    };

    private static string Describe(Exception ex)
    {
        var translation = Chain(ex).FirstOrDefault(e =>
            e.Message.Contains("could not be translated") || e.Message.Contains("Translation of"));
        return translation is not null
            ? "a query SQL Server's provider cannot translate: " + translation.Message
            : $"unexpected {ex.GetType().Name}: {ex.Message}\n{ex.StackTrace}";
    }

    private static IEnumerable<Exception> Chain(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException) yield return ex;
    }
}

/// <summary>
/// Per DI scope: when <see cref="SqlServerCommands"/> is set, every context the scope's
/// <c>IDbContextFactory&lt;OmbudDbContext&gt;</c> makes (and so Identity's scoped context) is a SQL Server context on a
/// <see cref="NoServerConnection"/> that records its commands there; otherwise the app's own (SQLite) context.
/// </summary>
public sealed class ProviderSwitch
{
    public ConcurrentQueue<string>? SqlServerCommands { get; set; }

    public static void Install(IServiceCollection services)
    {
        var app = services.Last(d => d.ServiceType == typeof(IDbContextFactory<OmbudDbContext>));
        services.Remove(app);
        services.AddScoped<ProviderSwitch>();
        services.AddScoped<IDbContextFactory<OmbudDbContext>>(sp => new Factory(
            sp.GetRequiredService<ProviderSwitch>(),
            (IDbContextFactory<OmbudDbContext>)ActivatorUtilities.CreateInstance(sp, app.ImplementationType!),
            sp.GetRequiredService<AuditInterceptor>()));
    }

    private sealed class Factory(ProviderSwitch @switch, IDbContextFactory<OmbudDbContext> app, AuditInterceptor audit)
        : IDbContextFactory<OmbudDbContext>
    {
        public OmbudDbContext CreateDbContext() => @switch.SqlServerCommands is { } commands
            ? new SqlServerOmbudDbContext(SqlServerTranslation.Options(new NoServerConnection(commands), audit))
            : app.CreateDbContext();
    }
}
