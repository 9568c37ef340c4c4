using Microsoft.AspNetCore.Identity;

namespace Ombud.IntegrationTests;

/// <summary>A DI scope of the running app, acting as one of the demo users.</summary>
public sealed class HostScope : IAsyncDisposable
{
    private readonly AsyncServiceScope _scope;
    public UserInfo User { get; }
    public IServiceProvider Services => _scope.ServiceProvider;

    private HostScope(AsyncServiceScope scope, UserInfo user) { _scope = scope; User = user; }

    public static async Task<HostScope> AsAsync(OmbudAppFactory app, string userName)
    {
        var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var u = await users.FindByNameAsync(userName) ?? throw new InvalidOperationException("no demo user " + userName);
        var roles = await users.GetRolesAsync(u);
        var info = new UserInfo(u.Id, u.UserName!, u.DisplayName, u.UnitId, roles.ToHashSet());
        scope.ServiceProvider.GetRequiredService<TestCurrentUser>().User = info;
        return new HostScope(scope, info);
    }

    /// <summary>
    /// A scope made (and prepared) by the caller, acting as <paramref name="user"/>; null = nobody signed in (the command
    /// line, background work), shown as <see cref="UserInfo.System"/>. Nothing in the scope is resolved here.
    /// </summary>
    public static HostScope For(AsyncServiceScope scope, UserInfo? user)
    {
        scope.ServiceProvider.GetRequiredService<TestCurrentUser>().User = user;
        return new HostScope(scope, user ?? UserInfo.System);
    }

    public T Get<T>() where T : notnull => _scope.ServiceProvider.GetRequiredService<T>();

    public async Task<OmbudDbContext> DbAsync() => await Get<IDbContextFactory<OmbudDbContext>>().CreateDbContextAsync();

    public ValueTask DisposeAsync() => _scope.DisposeAsync();
}
