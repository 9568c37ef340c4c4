using Microsoft.AspNetCore.Identity;
using MudBlazor;
using MudBlazor.Services;
using Ombud.Web.Components;
using Ombud.Web.Data.Seed;
using Ombud.Web.Features;
using Ombud.Web.Features.Account;
using Ombud.Web.Features.Admin;
using Ombud.Web.Features.SystemFaults;
using Serilog;

var swedish = CultureInfo.GetCultureInfo("sv-SE");
CultureInfo.DefaultThreadCurrentCulture = swedish;
CultureInfo.DefaultThreadCurrentUICulture = swedish;
ValidatorOptions.Global.LanguageManager.Culture = swedish;
// A rule's {PropertyName} is the field's label: [Display(Name = "…")] on the command, the same text the form shows.
ValidatorOptions.Global.DisplayNameResolver = FieldLabels.DisplayNameResolver;

// A verb (backup, ...) runs and exits; only configuration overrides (or nothing) start the web app. Help and usage
// errors are answered before any host or database is touched.
var cli = CommandLine.Parse(args);
if (cli?.AnswerWithoutHost() is { } answered) return answered;
var hostArgs = cli?.ConfigArgs ?? args;
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = hostArgs, ContentRootPath = ContentRoot.Default(hostArgs) });
var config = builder.Configuration;
if (cli is not null)
{
    // Verbs print EF's SQL only when asked: --verbose, or a Serilog level set in configuration (which wins over this default).
    const string sqlLevel = "Serilog:MinimumLevel:Override:Microsoft.EntityFrameworkCore.Database.Command";
    config.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource
    {
        InitialData = [new(sqlLevel, "Warning"), new("Serilog:MinimumLevel:Override:Microsoft.EntityFrameworkCore", "Warning")],
    });
    if (cli.Verbose) config.AddInMemoryCollection([new(sqlLevel, "Information"), new("Serilog:MinimumLevel:Default", "Debug")]);
}

// Logs: structured, console + rolling file. Log events carry ids and codes, never names, personnummer or free text.
var logFolder = Path.Combine(builder.Environment.ContentRootPath,
    config["Ombud:LogFolder"] is { Length: > 0 } lf ? lf : Path.Combine("data", "logs"));
builder.Services.AddSerilog((services, lc) => lc
    .ReadFrom.Configuration(config)
    .ReadFrom.Services(services)
    .Enrich.FromLogContext()
    .WriteTo.Console(standardErrorFromLevel: cli is null ? null : Serilog.Events.LogEventLevel.Verbose) // verbs keep stdout for results
    .WriteTo.File(new Serilog.Formatting.Compact.CompactJsonFormatter(), Path.Combine(logFolder, "ombud-.json"),
        rollingInterval: RollingInterval.Day, retainedFileCountLimit: 31), // structured (CLEF): RequestId / CorrelationId per event
    preserveStaticLogger: true); // each host logs through its own logger (several hosts run side by side in the tests)

builder.Services.AddRazorComponents().AddInteractiveServerComponents(o =>
{
    // A tab that lost its connection (Wi-Fi change, laptop lid, a proxy restart) keeps its circuit for 2 minutes to
    // reconnect; after that the page reloads (form drafts live in the browser, so nothing typed is lost). At most 250
    // such circuits are kept per instance: 0.3–0.75 MB of heap each (docs/performance.md, "Issue #13: memory per circuit"),
    // so they never hold more than ~190 MB even when a whole building's network drops at once. Defaults: 3 minutes, 100.
    o.DisconnectedCircuitRetentionPeriod = TimeSpan.FromMinutes(config.GetValue("Ombud:Circuits:RetentionMinutes", 2.0));
    o.DisconnectedCircuitMaxRetained = config.GetValue("Ombud:Circuits:MaxRetained", 250);
});
builder.Services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler, CircuitLogging>();
builder.Host.ConfigureHostOptions(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30)); // graceful: let running requests finish
builder.Services.AddMudServices(o =>
{
    o.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomLeft;
    o.SnackbarConfiguration.VisibleStateDuration = 4000;
    o.SnackbarConfiguration.ShowCloseIcon = true;
});
builder.Services.AddTransient<MudLocalizer, SwedishMudLocalizer>();
builder.Services.AddHttpContextAccessor();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddScoped<ICurrentUser, CurrentUser>();

builder.Services.AddOmbudDatabase(config, builder.Environment.ContentRootPath);
// Keys in the database: users stay signed in across restarts and on every instance behind a load balancer; encrypted
// at rest with Ombud:DataProtection:CertificatePath when set.
builder.Services.AddOmbudDataProtection(config, builder.Environment.ContentRootPath);

builder.Services.AddCascadingAuthenticationState();
builder.Services.AddMemoryCache();
builder.Services.AddSingleton<Ombud.Web.Features.Account.LoginThrottle>();
builder.Services.AddScoped<SessionValidator>(); // per scope (the context factory is scoped); the cache it uses is shared
builder.Services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, RevalidatingSessionStateProvider>();
builder.Services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
builder.Services.AddAuthentication().AddExternalSignIn(config); // optional: the municipality's identity provider
builder.Services.ConfigureApplicationCookie(o =>
{
    o.LoginPath = "/konto/logga-in";
    o.LogoutPath = "/konto/logga-ut";
    o.AccessDeniedPath = "/konto/ingen-behorighet";
    o.ExpireTimeSpan = TimeSpan.FromHours(10);
    o.SlidingExpiration = true;
    o.Cookie.Name = "ombud.auth";
    o.Cookie.HttpOnly = true;
    o.Cookie.SameSite = SameSiteMode.Strict;
    o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
    o.Events.OnValidatePrincipal = SessionValidator.ValidateCookieAsync; // ended sessions are refused on every request
});
builder.Services.AddAuthorization();
if (!builder.Environment.IsDevelopment())
{
    // Outside Development the app is served over HTTPS only: cookies never travel in clear, browsers remember it.
    builder.Services.AddAntiforgery(o => o.Cookie.SecurePolicy = CookieSecurePolicy.Always);
    builder.Services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(config.GetValue("Ombud:HstsDays", 365)));
}
builder.Services.AddWebSecurity(config);
builder.Services.AddTrustedProxies(config); // X-Forwarded-* only from Ombud:KnownProxies / Ombud:KnownNetworks
builder.Services.AddIdentityCore<AppUser>(o =>
    {
        o.Password.RequiredLength = 10;
        o.Password.RequireNonAlphanumeric = false;
        // No account lockout: anyone could lock a named colleague out with five guesses. LoginThrottle slows guessing
        // per name and address instead (Features/Account/Rules/LoginThrottle.cs).
        o.Lockout.AllowedForNewUsers = false;
        o.User.RequireUniqueEmail = false;
    })
    .AddRoles<IdentityRole>()
    .AddEntityFrameworkStores<OmbudDbContext>()
    .AddSignInManager()
    .AddClaimsPrincipalFactory<OmbudClaimsFactory>()
    .AddDefaultTokenProviders();

builder.Services.AddFeatureValidators();
builder.Services.AddFeatureHandlers();
builder.Services.AddScoped<DatabaseInitializer>();
builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
// Once a day across all instances on the database (a lease in the database decides which instance runs it).
builder.Services.AddSingleton<Ombud.Web.Features.Clients.RetentionSweepService>();
if (cli is null && config.GetValue("Ombud:RetentionSweep", true))
    builder.Services.AddHostedService(sp => sp.GetRequiredService<Ombud.Web.Features.Clients.RetentionSweepService>());
// Read-audit rows (Viewed, Exported) are written in the background: a page that only reads never waits for a write lock.
// Verbs have no host running: they write them at once.
if (cli is null) builder.Services.AddHostedService(sp => sp.GetRequiredService<AuditWriter>());
// The yearly report's queries compiled once at start-up, so that the first lead after a restart does not wait for it (issue #13).
if (cli is null && config.GetValue(Ombud.Web.Features.AnnualReport.ReportWarmUp.Setting, true))
    builder.Services.AddHostedService<Ombud.Web.Features.AnnualReport.ReportWarmUp>();
builder.Services.AddScoped<Ombud.Web.Features.Shared.UiFeedback>();
builder.Services.AddScoped<Ombud.Web.Features.Shared.Drafts>();

var app = builder.Build();
if (cli is not null) return await cli.RunAsync(app.Services);
DataProtectionSetup.WarnIfKeysUnprotected(app);

using (var scope = app.Services.CreateScope())
{
    var seedDemo = config.GetValue<bool?>("Ombud:SeedDemoData")
        ?? (DatabaseSetup.IsEmbeddedDefault(config) && app.Environment.IsDevelopment());
    await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(seedDemo);
}

app.UseTrustedProxies();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
    app.UseHsts();
    app.UseHttpsRedirection();
}
app.UseSecurityHeaders();
app.UseRequestLocalization(o =>
{
    o.SetDefaultCulture("sv-SE").AddSupportedCultures("sv-SE").AddSupportedUICultures("sv-SE");
    o.RequestCultureProviders.Clear();
});
app.UseSerilogRequestLogging(o => o.Logger = app.Services.GetRequiredService<Serilog.ILogger>());
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseRateLimiter();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapStaticAssets();
DatabaseHealthCheck.MapHealth(app);
app.MapAccountEndpoints();
app.MapExternalSignIn(config);
app.MapAuditLogEndpoints();
app.MapSystemFaultEndpoints();
Ombud.Web.Features.AnnualReport.ExportYearReport.MapAnnualReportEndpoints(app);
Ombud.Web.Features.Surveys.ExportSurveyResults.MapSurveyEndpoints(app);
Ombud.Web.Features.Region.ExportRollUp.MapRollUpEndpoints(app);
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

app.Run();
return 0;

public partial class Program;
