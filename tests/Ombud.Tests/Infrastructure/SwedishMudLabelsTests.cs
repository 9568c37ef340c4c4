using System.Globalization;
using Bunit;
using MudBlazor;

namespace Ombud.Tests.Infrastructure;

/// <summary>MudBlazor's own screen-reader labels (close buttons, pagers) are Swedish when the app's localizer is registered.</summary>
public sealed class SwedishMudLabelsTests : ComponentTestBase
{
    private readonly CultureInfo _ui = CultureInfo.CurrentUICulture;

    public override Task InitializeAsync()
    {
        CultureInfo.CurrentUICulture = new CultureInfo("sv-SE");
        Context.Services.AddTransient<MudLocalizer, SwedishMudLocalizer>();
        return Task.CompletedTask;
    }

    public override async Task DisposeAsync()
    {
        CultureInfo.CurrentUICulture = _ui;
        await base.DisposeAsync();
    }

    [Fact]
    public void The_close_button_of_an_alert_is_labelled_in_Swedish()
    {
        var cut = Context.Render<MudAlert>(p => p.Add(a => a.ShowCloseIcon, true).Add(a => a.CloseIconClicked, _ => { }));
        var button = cut.Find("button");
        Assert.Equal("Stäng", button.GetAttribute("aria-label"));
    }

    [Fact]
    public void Keys_with_placeholders_format_their_arguments_and_unknown_keys_fall_back()
    {
        var localizer = new SwedishMudLocalizer();
        Assert.Equal("Sida 3", localizer["MudPagination_PageIndex", 3].Value);
        Assert.True(localizer["MudNoSuchKey"].ResourceNotFound);
        Assert.All(SwedishMudLocalizer.Texts.Keys, k => Assert.StartsWith("Mud", k));
    }
}
