using FluentValidation;
using Microsoft.Data.Sqlite;
using Ombud.Web.Data.Seed;
using Ombud.Web.Features;

namespace Ombud.Tests;

/// <summary>
/// A migrated, in-memory SQLite database for handler tests. Every context shares one open connection, so data written
/// through one context is seen by the next, and the database lives until the <see cref="TestDb"/> is disposed.
/// Usage:
/// <code>
/// await using var t = await TestDb.CreateAsync();
/// var unit = await t.AddUnitAsync();
/// t.User = await t.AddUserAsync(unit.Id, Roles.Admin);
/// var handler = t.Get&lt;DeleteCategory.Handler&gt;();
/// </code>
/// </summary>
public sealed class TestDb : IAsyncDisposable
{
    private readonly SqliteConnection _connection;
    private readonly List<AsyncServiceScope> _scopes = [];
    private ServiceProvider? _services;
    private int _userCounter;

    private TestDb(SqliteConnection connection, TimeProvider clock)
    {
        _connection = connection;
        Clock = clock;
        Factory = new ContextFactory(this);
        CurrentUser = new SwitchableCurrentUser(this);
    }

    /// <summary>The signed-in user seen by <see cref="CurrentUser"/> and by the audit interceptor; null = nobody.</summary>
    public UserInfo? User { get; set; }

    /// <summary>An <see cref="ICurrentUser"/> that always answers the present value of <see cref="User"/>.</summary>
    public ICurrentUser CurrentUser { get; }

    /// <summary>The clock used by the audit interceptor (handlers take their own TimeProvider).</summary>
    public TimeProvider Clock { get; }

    /// <summary>For handlers: each call returns a new context on the shared connection.</summary>
    public IDbContextFactory<OmbudDbContext> Factory { get; }

    /// <summary>
    /// A copy of the migrated template database (see <see cref="TemplateDb"/>), made with SQLite's online backup API
    /// instead of running the migrations again; <paramref name="seedCategories"/> adds the default category lists.
    /// </summary>
    public static async Task<TestDb> CreateAsync(bool seedCategories = true, TimeProvider? clock = null)
    {
        var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        // The collation interceptor registers "SV" when a connection opens; this one is already open, so register it here.
        SqliteSwedishCollation.Register(connection);
        await TemplateDb.CopyToAsync(connection, seedCategories);
        return new TestDb(connection, clock ?? TimeProvider.System);
    }

    /// <summary>Interceptors added to every new context, e.g. one that injects a failure half-way through a save.</summary>
    public Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor[] ExtraInterceptors { get; set; } = [];

    /// <summary>A new context on the shared connection (dispose it). Audited as <see cref="User"/>.</summary>
    public SqliteOmbudDbContext CreateContext() =>
        new(new DbContextOptionsBuilder<SqliteOmbudDbContext>()
            .UseSqlite(_connection)
            .AddInterceptors(new SqliteSwedishCollation(), new AuditInterceptor(new FixedCurrentUser(User), Clock))
            .AddInterceptors(ExtraInterceptors)
            .Options);

    /// <summary>Adds a unit with the given municipalities (default one, "Testkommun").</summary>
    public async Task<Unit> AddUnitAsync(string name = "Testenheten", params string[] municipalities)
    {
        if (municipalities.Length == 0) municipalities = ["Testkommun"];
        var unit = new Unit { Name = name, Municipalities = municipalities.Select(m => new Municipality { Name = m }).ToList() };
        await using var db = CreateContext();
        db.Units.Add(unit);
        await db.SaveChangesAsync();
        return unit;
    }

    /// <summary>
    /// Adds a staff member to the unit by inserting an <see cref="AppUser"/> directly (no password, no Identity role
    /// rows) and returns the matching <see cref="UserInfo"/> with <paramref name="roles"/>, ready for <see cref="User"/>.
    /// </summary>
    public async Task<UserInfo> AddUserAsync(int unitId, params string[] roles)
    {
        var n = Interlocked.Increment(ref _userCounter);
        var userName = $"user{n}";
        var user = new AppUser
        {
            UserName = userName,
            NormalizedUserName = userName.ToUpperInvariant(),
            DisplayName = $"Testanvändare {n}",
            UnitId = unitId,
            EmailConfirmed = true,
            SecurityStamp = Guid.NewGuid().ToString(),
        };
        await using var db = CreateContext();
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return UserFor(user, roles);
    }

    /// <summary>A <see cref="UserInfo"/> for an existing user, as the sign-in cookie would give it.</summary>
    public static UserInfo UserFor(AppUser user, params string[] roles) =>
        new(user.Id, user.UserName ?? "", user.DisplayName, user.UnitId, roles.ToHashSet());

    /// <summary>
    /// An admin of <paramref name="unitId"/> that exists only as claims (no user row): enough for handlers that store no user id.
    /// </summary>
    public static UserInfo Admin(int unitId) => new("admin-id", "admin", "Admin Testsson", unitId, new HashSet<string> { Roles.Admin });

    /// <summary>A Systemadministratör (installation-wide: category lists, units) homed in <paramref name="unitId"/>.</summary>
    public static UserInfo SystemAdmin(int unitId) =>
        new("sysadmin-id", "sysadmin", "Sys Testsson", unitId, new HashSet<string> { Roles.SystemAdmin });

    /// <summary>An ombud of <paramref name="unitId"/> that exists only as claims (no user row).</summary>
    public static UserInfo Ombud(int unitId) => new("ombud-id", "ombud", "Ombud Testsson", unitId, new HashSet<string> { Roles.Ombud });

    /// <summary>The default category entry of a kind by name (from <see cref="DefaultCategories"/>).</summary>
    public async Task<Category> CategoryAsync(CategoryKind kind, string name)
    {
        await using var db = CreateContext();
        return await db.Categories.AsNoTracking().SingleAsync(c => c.Kind == kind && c.Name == name);
    }

    /// <summary>
    /// Adds a client in the ombud's unit (first municipality) with an active mandate owned by <paramref name="ombud"/>,
    /// which must be a user row (see <see cref="AddUserAsync"/>). Categories are given by id; defaults are "Egen kontakt"
    /// and "Annat".
    /// </summary>
    public async Task<Mandate> AddMandateAsync(UserInfo ombud, DateOnly? startDate = null, int? referralPathId = null,
        IEnumerable<int>? contactReasonIds = null)
    {
        await using var db = CreateContext();
        var municipalityId = await db.Municipalities.Where(m => m.UnitId == ombud.UnitId).OrderBy(m => m.Id).Select(m => m.Id).FirstAsync();
        referralPathId ??= (await CategoryAsync(CategoryKind.ReferralPath, "Egen kontakt")).Id;
        var reasonIds = (contactReasonIds ?? [(await CategoryAsync(CategoryKind.ContactReason, "Annat")).Id]).ToList();
        var start = startDate ?? new DateOnly(2026, 1, 15);
        var client = new Client
        {
            UnitId = ombud.UnitId,
            Code = ClientCode.New(),
            MunicipalityId = municipalityId,
            CreatedAtUtc = Clock.GetUtcNow().UtcDateTime,
        };
        var mandate = client.OpenNewMandate(ombud.Id, start, start);
        mandate.ReferralPathId = referralPathId;
        mandate.ContactReasons.AddRange(await db.Categories.Where(c => reasonIds.Contains(c.Id)).ToListAsync());
        db.Clients.Add(client);
        await db.SaveChangesAsync();
        return mandate;
    }

    /// <summary>Adds an actor to the unit; the type defaults to the actor type "Annan".</summary>
    public async Task<Actor> AddActorAsync(int unitId, string name, int? actorTypeId = null, bool active = true)
    {
        actorTypeId ??= (await CategoryAsync(CategoryKind.ActorType, "Annan")).Id;
        var actor = new Actor { UnitId = unitId, Name = name, ActorTypeId = actorTypeId.Value, IsActive = active };
        await using var db = CreateContext();
        db.Actors.Add(actor);
        await db.SaveChangesAsync();
        return actor;
    }

    /// <summary>
    /// A handler (or validator) resolved, in a scope of its own, from the app's own registrations
    /// (<see cref="FeatureRegistration.AddFeatureHandlers"/> and the validators as Program.cs registers them) on this
    /// database, <see cref="CurrentUser"/> and <see cref="Clock"/>: tests build no handlers by hand.
    /// </summary>
    public T Get<T>() where T : notnull
    {
        var scope = (_services ??= BuildServices()).CreateAsyncScope();
        _scopes.Add(scope);
        return scope.ServiceProvider.GetRequiredService<T>();
    }

    private ServiceProvider BuildServices()
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<Microsoft.Extensions.Configuration.IConfiguration>(
                new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build())
            .AddSingleton(Clock)
            .AddSingleton(CurrentUser)
            .AddSingleton(Factory)
            .AddScoped(_ => new AuditInterceptor(CurrentUser, Clock));
        services.AddFeatureValidators();
        services.AddFeatureHandlers();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = false });
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var scope in _scopes) await scope.DisposeAsync();
        if (_services is not null) await _services.DisposeAsync();
        await _connection.DisposeAsync();
    }

    private sealed class ContextFactory(TestDb owner) : IDbContextFactory<OmbudDbContext>
    {
        public OmbudDbContext CreateDbContext() => owner.CreateContext();
    }

    private sealed class SwitchableCurrentUser(TestDb owner) : ICurrentUser
    {
        public Task<UserInfo?> FindAsync() => Task.FromResult(owner.User);
    }
}
