using System.Collections.Concurrent;
using Microsoft.AspNetCore.Components.Rendering;
using MudBlazor;

namespace Ombud.Web.Components.Layout;

/// <summary>
/// MudThemeProvider whose styles (the scrollbar, the charts' hover and ≈ 11,600 characters of <c>--mud-*</c> theme
/// variables) are built once per theme instead of once per tab: MudThemeProvider builds the string on every render and
/// the tab's render tree holds it for as long as the tab is open, ≈ 25 KB of every circuit (docs/performance.md,
/// "Issue #13: memory per circuit"). Renders exactly what MudThemeProvider renders (a bUnit test compares the two);
/// the app's theme is one static object that is never changed, and the app has no dark mode (MainLayout sets none).
/// </summary>
public sealed class OmbudThemeProvider : MudThemeProvider
{
    // MudThemeProvider's chart style, as its own markup writes it.
    private const string ChartStyle = """
        <style>
            .mud-chart-serie:hover {
                filter: url(#lighten);
            }

            .mud-chart-serie-hovered 
            {
                filter: url(#lighten);
            }
        </style>
        """;

    private static readonly ConcurrentDictionary<(MudTheme? Theme, bool DefaultScrollbar), string> Styles = new();

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        var styles = Styles.GetOrAdd((Theme, DefaultScrollbar),
            key => (key.DefaultScrollbar ? "" : BuildMudBlazorScrollbar()) + ChartStyle + "\n" + BuildTheme());
        builder.AddMarkupContent(0, styles);
    }
}
