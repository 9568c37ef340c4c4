using Bunit;
using FluentValidation;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using MudBlazor.Services;
using Ombud.Web.Features.Caseload;

namespace Ombud.Tests.Components;

/// <summary>The lead's waiting-list dialog when the unit serves no municipality yet (a new production database).</summary>
public sealed class WaitingListEntryDialogTests : IAsyncLifetime
{
    private readonly BunitContext _bunit = new();
    private TestDb _db = null!;
    private static readonly FakeTimeProvider Clock = TestClock.At(2026, 11, 23);

    public async Task InitializeAsync()
    {
        _db = await TestDb.CreateAsync();
        await using (var db = _db.CreateContext())
        {
            var unit = new Unit { Name = "Ny enhet" }; // as DatabaseInitializer creates it: no municipalities
            db.Units.Add(unit);
            await db.SaveChangesAsync();
            _db.User = TestDb.UserFor(new Web.Data.AppUser { Id = "lead-id", UserName = "chef", DisplayName = "Chef", UnitId = unit.Id }, Roles.UnitLead);
        }
        var services = _bunit.Services;
        services.AddMudServices();
        services.AddLogging();
        _bunit.JSInterop.Mode = JSRuntimeMode.Loose;
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton(_db.Factory);
        services.AddSingleton(_db.CurrentUser);
        services.AddSingleton<IValidator<AddToWaitingList.Command>>(new AddToWaitingList.Validator(Clock));
        services.AddScoped<AddToWaitingList.Handler>();
        services.AddScoped<Lookups.Handler>();
        services.AddScoped<UiFeedback>();
        _bunit.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    public async Task DisposeAsync()
    {
        await _bunit.DisposeAsync();
        await _db.DisposeAsync();
    }

    [Fact]
    public void Without_municipalities_the_dialog_explains_and_cannot_be_saved()
    {
        _bunit.Render<MudPopoverProvider>();
        var provider = _bunit.Render<MudDialogProvider>();
        var dialogs = _bunit.Services.GetRequiredService<IDialogService>();
        _ = provider.InvokeAsync(() => WaitingListEntryDialog.ShowAsync(dialogs));

        provider.WaitForAssertion(() => Assert.Contains(Lookups.NoMunicipalitiesMessage, provider.Find("[data-testid=no-municipalities]").TextContent));
        Assert.Empty(provider.FindAll("[data-testid=waiting-municipality]"));
        Assert.True(provider.Find("button[data-testid=waiting-save]").HasAttribute("disabled"));
    }
}
