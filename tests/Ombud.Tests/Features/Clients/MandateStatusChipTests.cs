using Bunit;
using MudBlazor;
using Ombud.Web.Features.Clients;

namespace Ombud.Tests.Features.Clients;

public sealed class MandateStatusChipTests : ComponentTestBase
{
    private IRenderedComponent<MandateStatusChip> Render(Action<ComponentParameterCollectionBuilder<MandateStatusChip>>? p = null) =>
        Context.Render(p ?? (_ => { }));

    [Theory]
    [InlineData(MandateStatus.Waiting, "Väntar", Color.Info)]
    [InlineData(MandateStatus.Active, "Aktiv", Color.Success)]
    [InlineData(MandateStatus.Paused, "Vilande", Color.Warning)]
    [InlineData(MandateStatus.Closed, "Avslutad", Color.Default)]
    public void Shows_the_Swedish_status_name_in_its_colour(MandateStatus status, string text, Color colour)
    {
        var cut = Render(p => p.Add(c => c.Status, status));
        Assert.Equal(text, cut.Find("[data-testid=mandate-status]").TextContent.Trim()); // the text carries the status
        Assert.Equal(colour, MandateStatusChip.ColorOf(status)); // our choice of colour ...
        // ... drawn as MudChip draws it (the chip is plain markup, no MudChip component: memory per circuit, issue #13)
        var chip = cut.Find("[data-testid=mandate-status]");
        Assert.Contains($"mud-chip-color-{colour.ToString().ToLowerInvariant()}", chip.ClassList);
        Assert.Contains("mud-chip-outlined", chip.ClassList);
    }

    [Fact]
    public void Shows_a_dash_without_a_mandate() => Assert.Equal("–", Render().Markup.Trim().Replace("<span>", "").Replace("</span>", ""));
}
