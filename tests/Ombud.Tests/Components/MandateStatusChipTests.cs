using Bunit;
using Ombud.Web.Features.Clients;

namespace Ombud.Tests.Components;

public sealed class MandateStatusChipTests : ComponentTestBase
{
    private IRenderedComponent<MandateStatusChip> Render(Action<ComponentParameterCollectionBuilder<MandateStatusChip>>? p = null) =>
        Context.Render(p ?? (_ => { }));

    [Theory]
    [InlineData(MandateStatus.Waiting, "Väntar", "color-info")]
    [InlineData(MandateStatus.Active, "Aktiv", "color-success")]
    [InlineData(MandateStatus.Paused, "Vilande", "color-warning")]
    [InlineData(MandateStatus.Closed, "Avslutad", "color-default")]
    public void Shows_the_Swedish_status_name_in_its_colour(MandateStatus status, string text, string colourClass)
    {
        var cut = Render(p => p.Add(c => c.Status, status));
        var chip = cut.Find("[data-testid=mandate-status]");
        Assert.Equal(text, chip.TextContent.Trim());
        Assert.Contains(chip.ClassList, c => c.Contains(colourClass));
    }

    [Fact]
    public void Shows_a_dash_without_a_mandate() => Assert.Equal("–", Render().Markup.Trim().Replace("<span>", "").Replace("</span>", ""));
}
