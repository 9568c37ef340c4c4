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
        Assert.Equal(colour, cut.FindComponent<MudChip<string>>().Instance.Color); // our choice of colour, not MudBlazor's class names
    }

    [Fact]
    public void Shows_a_dash_without_a_mandate() => Assert.Equal("–", Render().Markup.Trim().Replace("<span>", "").Replace("</span>", ""));
}
