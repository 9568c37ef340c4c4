using System.Collections;
using System.Globalization;
using System.Resources;
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
        // every key is one of MudBlazor's own (a misspelt key would silently leave the English text)
        var resources = new ResourceManager("MudBlazor.Resources.LanguageResource", typeof(MudAlert).Assembly)
            .GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false)!;
        var mudKeys = resources.Cast<DictionaryEntry>().Select(e => (string)e.Key).ToHashSet();
        Assert.All(SwedishMudLocalizer.Texts.Keys, k => Assert.Contains(k, mudKeys));
    }

    [Theory]
    [InlineData("2025-02-30")]
    [InlineData("abc")]
    public void A_date_that_does_not_exist_is_refused_in_Swedish(string typed)
    {
        var cut = Context.Render<MudDatePicker>(p => p.Add(d => d.Editable, true)
            .Add(d => d.DateFormat, "yyyy-MM-dd")
            .Add(d => d.Label, "Datum"));
        cut.Find("input").Change(typed);
        cut.WaitForAssertion(() => Assert.Contains("Inget giltigt datum. Skriv ett datum som finns, som ÅÅÅÅ-MM-DD.", cut.Markup));
        Assert.DoesNotContain("Not a valid", cut.Markup);
    }

    [Fact]
    public void Letters_in_a_number_field_are_refused_in_Swedish()
    {
        var cut = Context.Render<MudNumericField<int?>>(p => p.Add(f => f.Label, "Födelseår"));
        cut.Find("input").Change("abc");
        cut.WaitForAssertion(() => Assert.Contains("Inget giltigt tal. Skriv talet med siffror.", cut.Markup));
        Assert.DoesNotContain("Not a valid", cut.Markup);
    }
}
