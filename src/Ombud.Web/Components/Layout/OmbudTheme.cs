using MudBlazor;

namespace Ombud.Web.Components.Layout;

/// <summary>Calm colours with WCAG AA contrast for text and controls.</summary>
public static class OmbudTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#2d4a7a",
            Secondary = "#6b3f69",
            Tertiary = "#1f6b5c",
            AppbarBackground = "#2d4a7a",
            Success = "#1e6b34",
            Warning = "#8a5300",
            Error = "#b3261e",
            Info = "#225d8f",
            TextSecondary = "#4a4f57",
            ActionDefault = "#4a4f57",
        },
    };
}
