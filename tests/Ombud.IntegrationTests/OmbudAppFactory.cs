using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Hosting;

namespace Ombud.IntegrationTests;

/// <summary>
/// The real app on a real SQLite file with the demo data — or, when <c>OMBUD_TEST_SQLSERVER</c> is set, on a SQL Server
/// database of its own (<see cref="TestDatabase"/>), created by the app's start-up (migrations, demo data) and dropped
/// when the factory is disposed. <see cref="TestCurrentUser"/> lets a test act as a given
/// user when calling handlers directly; pages and HTTP requests use the signed-in user as usual.
/// </summary>
public sealed class OmbudAppFactory : WebApplicationFactory<Program>
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "ombud-it-" + Guid.NewGuid().ToString("N"));
    /// <summary>Another instance of the app on the same database (several instances behind a load balancer).</summary>
    public OmbudAppFactory? SameDatabaseAs { get; init; }
    /// <summary>
    /// The SQLite file; none on SQL Server (<see cref="OnSqlServer"/>): tests that read it are <see cref="SqliteFactAttribute"/>s.
    /// </summary>
    public string DbPath => OnSqlServer
        ? throw new InvalidOperationException("This run is on SQL Server: a test that reads the SQLite file must be a [SqliteFact].")
        : SameDatabaseAs?.DbPath ?? Path.Combine(_dir, "ombud.db");
    public bool OnSqlServer { get; } = TestDatabase.OnSqlServer;
    private bool _hostCreated; // a factory whose tests were all skipped never made its database
    private readonly string _ownSqlServerDatabase = "ombud_it_" + Guid.NewGuid().ToString("N");
    /// <summary>This factory's database on the SQL Server (when <see cref="OnSqlServer"/>); the first instance's for another.</summary>
    public string SqlServerDatabase => SameDatabaseAs?.SqlServerDatabase ?? _ownSqlServerDatabase;
    public string LogFolder => Path.Combine(_dir, "logs");
    /// <summary>Tests sign in many times from one address: the real limit is tested on its own.</summary>
    public int LoginAttemptsPerMinute { get; init; } = 1000;
    /// <summary>More settings for a test that needs them (e.g. the identity provider).</summary>
    public IReadOnlyDictionary<string, string> ExtraSettings { get; init; } = new Dictionary<string, string>();
    public Action<IServiceCollection>? ExtraServices { get; init; }
    /// <summary>
    /// Start from a copy of the run's migrated, demo-seeded <see cref="TemplateDatabase"/> (when demo data is seeded),
    /// so the app's start-up finds nothing to migrate or seed; off = the app migrates and seeds an empty file itself.
    /// </summary>
    public bool UseTemplate { get; init; } = true;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(_dir);
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:Provider", OnSqlServer ? "SqlServer" : "Sqlite");
        builder.UseSetting("ConnectionStrings:Ombud",
            OnSqlServer ? TestDatabase.SqlServerDatabase(SqlServerDatabase) : $"Data Source={DbPath}");
        builder.UseSetting("Ombud:SeedDemoData", "true");
        builder.UseSetting("Ombud:LogFolder", LogFolder);
        builder.UseSetting("Ombud:LoginAttemptsPerMinute", LoginAttemptsPerMinute.ToString());
        builder.UseSetting("Ombud:RetentionSweep", "false"); // tests run the sweep themselves
        foreach (var (key, value) in ExtraSettings) builder.UseSetting(key, value);
        builder.ConfigureTestServices(s =>
        {
            s.AddScoped<CurrentUser>();
            s.AddScoped<TestCurrentUser>();
            s.AddScoped<ICurrentUser>(sp => sp.GetRequiredService<TestCurrentUser>());
            ExtraServices?.Invoke(s);
        });
    }

    /// <summary>Before the app's entry point runs (not inside it: making the template starts another app).</summary>
    protected override IHost CreateHost(IHostBuilder builder)
    {
        Directory.CreateDirectory(_dir);
        var seedsDemoData = !ExtraSettings.TryGetValue("Ombud:SeedDemoData", out var seed) || seed == "true";
        _hostCreated = true;
        if (SameDatabaseAs is not null) _ = SameDatabaseAs.Services; // the first instance has made (or copied) the database
        // On SQL Server the app's start-up migrates and seeds the new database itself.
        else if (UseTemplate && seedsDemoData && !OnSqlServer) TemplateDatabase.CopyTo(DbPath);
        return base.CreateHost(builder);
    }

    public HttpClient CreateBrowserLikeClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Signs in through the real login form (antiforgery token and all). Returns the response to the POST.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string userName, string password)
    {
        var page = await Html.ParseAsync(await client.GetStringAsync("/konto/logga-in"));
        var fields = page.QuerySelectorAll("input[type=hidden][name]").OfType<IHtmlInputElement>()
            .ToDictionary(i => i.Name!, i => i.Value);
        fields["Input.UserName"] = userName;
        fields["Input.Password"] = password;
        return await client.PostAsync("/konto/logga-in", new FormUrlEncodedContent(fields));
    }


    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (OnSqlServer && disposing && _hostCreated && SameDatabaseAs is null) TestDatabase.DropSqlServerDatabase(SqlServerDatabase);
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

/// <summary>Acts as <see cref="User"/> when set, otherwise as the signed-in user.</summary>
public sealed class TestCurrentUser(CurrentUser real) : ICurrentUser
{
    public UserInfo? User { get; set; }
    public Task<UserInfo?> FindAsync() => User is not null ? Task.FromResult<UserInfo?>(User) : real.FindAsync();
}
