using Bunit;
using MudBlazor.Services;
using Ombud.Web.Features.Clients;

namespace Ombud.Tests.Components;

public sealed class MandateStatusChipTests : IAsyncLifetime
{
    private readonly BunitContext _bunit = new();

    public Task InitializeAsync()
    {
        _bunit.Services.AddMudServices();
        _bunit.JSInterop.Mode = JSRuntimeMode.Loose;
        return Task.CompletedTask;
    }

    // MudBlazor's services only dispose asynchronously; xunit v2 would dispose a BunitContext base class synchronously.
    public async Task DisposeAsync() => await _bunit.DisposeAsync();

    private IRenderedComponent<MandateStatusChip> Render(Action<ComponentParameterCollectionBuilder<MandateStatusChip>>? p = null) =>
        _bunit.Render(p ?? (_ => { }));

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
