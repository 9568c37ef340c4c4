using Bunit;
using MudBlazor;
using Ombud.Web.Features.AnnualReport;

namespace Ombud.Tests.Features.AnnualReport;

/// <summary>A chart in publication mode leaves hidden counts out, and says so (a donut of the rest would overstate it).</summary>
public class ReportChartTests : ComponentTestBase
{
    private static YearReport.Table Clients(bool menHidden) => new("clients", "Klienter under året", "Kön",
    [
        new("Totalt", 19, 11) { ValueSuppressed = menHidden },
        new("Kvinnor", 13, 7),
        new("Män", menHidden ? null : 6, 4) { ValueSuppressed = menHidden },
    ]);

    [Fact]
    public void A_hidden_count_is_left_out_of_the_chart_with_a_note()
    {
        var cut = Context.Render<ReportChart>(p => p
            .Add(x => x.Table, Clients(menHidden: true))
            .Add(x => x.Year, 2026)
            .Add(x => x.Type, ChartType.Donut)
            .Add(x => x.Skip, "Totalt"));
        Assert.Equal("Dolda antal (–) är inte med i diagrammet.", cut.Find("[data-testid=report-chart-hidden]").TextContent);
    }

    [Fact]
    public void Without_hidden_counts_there_is_no_note()
    {
        var cut = Context.Render<ReportChart>(p => p
            .Add(x => x.Table, Clients(menHidden: false))
            .Add(x => x.Year, 2026)
            .Add(x => x.Type, ChartType.Donut)
            .Add(x => x.Skip, "Totalt"));
        Assert.Single(cut.FindAll("[data-testid=report-chart-clients]"));
        Assert.Empty(cut.FindAll("[data-testid=report-chart-hidden]"));
    }
}
