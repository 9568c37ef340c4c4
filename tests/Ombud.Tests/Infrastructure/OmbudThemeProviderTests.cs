using Bunit;
using MudBlazor;
using Ombud.Web.Components.Layout;

namespace Ombud.Tests.Infrastructure;

public sealed class OmbudThemeProviderTests : ComponentTestBase
{
    [Fact]
    public void Renders_exactly_what_MudThemeProvider_renders_for_the_apps_theme()
    {
        // The styles are built once and shared by every tab (memory per circuit, issue #13): a MudBlazor update that
        // changes what MudThemeProvider renders must show up here, not as a page that lost its theme.
        var mud = Context.Render<MudThemeProvider>(p => p.Add(c => c.Theme, OmbudTheme.Theme)).Markup;
        var ours = Context.Render<OmbudThemeProvider>(p => p.Add(c => c.Theme, OmbudTheme.Theme));
        Assert.Contains("--mud-palette-primary: rgba(45,74,122,1)", ours.Markup);
        Assert.Equal(Normalize(mud), Normalize(ours.Markup));
        // A second tab renders the very same string, not a copy.
        var again = Context.Render<OmbudThemeProvider>(p => p.Add(c => c.Theme, OmbudTheme.Theme));
        Assert.Equal(ours.Markup, again.Markup);
    }

    private static string Normalize(string markup) => string.Join('\n', markup.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));
}
