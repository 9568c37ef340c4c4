using Ombud.Web.Features.SystemFaults;

namespace Ombud.Tests.Features.SystemFaults;

/// <summary>The fault list's filter and its address.</summary>
public class FaultFilterTests
{
    [Fact]
    public void The_filter_round_trips_through_the_query_string_and_refuses_bad_values()
    {
        var filter = new FaultFilter(2026, 12, FaultLevel.Central, FaultStatus.Forwarded, 5, 7);
        Assert.True(FaultFilter.TryParse("?" + filter.ToQueryString(), out var parsed));
        Assert.Equal(filter, parsed);
        Assert.True(FaultFilter.TryParse("", out var empty));
        Assert.Equal(new FaultFilter(), empty);
        foreach (var bad in new[]
        {
            "?year=abc",
            "?level=3",
            "?status=Answered,Closed",
            "?status=1",
            "?level=Lokal",
            "?actor=-1",
            "?year=2026&year=2025",
            "?foo=1"
        })
            Assert.False(FaultFilter.TryParse(bad, out _), bad);
        Assert.False(FaultFilter.TryParse("?meeting=x", out _));

        var ticked = new FaultFilter(Ids: [7, 3]);
        Assert.Equal("ids=7,3", ticked.ToQueryString());
        Assert.True(FaultFilter.TryParse("?ids=7,3,7", out var parsedIds));
        Assert.Equal([7, 3], parsedIds.Ids!);
        var tooMany = "?ids=" + string.Join(',', Enumerable.Range(1, FaultFilter.MaxIds + 1));
        foreach (var bad in new[] { "?ids=", "?ids=a", "?ids=0", "?ids=1,,2", "?ids=-4", tooMany })
            Assert.False(FaultFilter.TryParse(bad, out _), bad);
    }

    [Fact]
    public void The_list_pages_address_keeps_the_good_values_and_drops_the_bad()
    {
        Assert.Equal(new FaultFilter(2026, null, FaultLevel.Local, FaultStatus.Draft, 5, 9),
            FaultFilter.FromAddress(
                ("year", "2026"), ("category", "abc"), ("level", "Local"), ("status", "Draft"), ("actor", "5"), ("meeting", "9")));
        Assert.Equal(new FaultFilter(), FaultFilter.FromAddress(("year", "tjugo"), ("level", "1"), ("status", null), ("meeting", "")));
    }
}
