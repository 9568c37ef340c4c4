using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Server.ProtectedBrowserStorage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using MudBlazor;
using MudBlazor.Services;
using Ombud.Web.Features;

namespace Ombud.Tests;

/// <summary>
/// What every bUnit component test shares: a <see cref="BunitContext"/> with MudBlazor's services and loose JS interop,
/// disposed asynchronously after the test (MudBlazor's services only dispose asynchronously; xunit v2 would dispose a
/// BunitContext base class synchronously), the test database if the test has one, the services every page on a database
/// needs, and the popover and dialog providers.
/// </summary>
public abstract class ComponentTestBase : IAsyncLifetime
{
    private bool _popovers;

    protected BunitContext Context { get; } = new();

    /// <summary>The test's database, when it has one (disposed after the test).</summary>
    protected TestDb Db { get; set; } = null!;

    protected ComponentTestBase()
    {
        Context.Services.AddMudServices();
        Context.JSInterop.Mode = JSRuntimeMode.Loose;
    }

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        await Context.DisposeAsync();
        if (Db is not null)
            await Db.DisposeAsync();
    }

    /// <summary>
    /// The services every page and dialog on <see cref="Db"/> needs: the clock, the database, the signed-in user and its
    /// audit interceptor, the use cases' handlers and validators from the app's own registrations
    /// (<see cref="FeatureRegistration.AddFeatureHandlers"/> and the validators as Program.cs registers them), the
    /// feedback and draft services, and an interactive server renderer.
    /// </summary>
    protected void AddAppServices(TimeProvider clock)
    {
        var services = Context.Services;
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddFeatureValidators();
        services.AddFeatureHandlers();
        services.AddSingleton(clock);
        services.AddSingleton(Db.Factory);
        services.AddSingleton(Db.CurrentUser);
        services.AddSingleton(new AuditInterceptor(Db.CurrentUser, clock));
        services.AddScoped<UiFeedback>();
        services.AddScoped<Drafts>();
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddScoped<ProtectedSessionStorage>();
        Context.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    /// <summary>Renders the popover provider that selects and menus need (one per context).</summary>
    protected void RenderPopoverProvider()
    {
        if (!_popovers)
            Context.Render<MudPopoverProvider>();
        _popovers = true;
    }

    /// <summary>Renders the popover and dialog providers; dialogs are shown through <see cref="Dialogs"/>.</summary>
    protected IRenderedComponent<MudDialogProvider> RenderDialogProvider()
    {
        RenderPopoverProvider();
        return Context.Render<MudDialogProvider>();
    }

    protected IDialogService Dialogs => Context.Services.GetRequiredService<IDialogService>();
}
