using Ombud.Web.Features.SystemFaults;

namespace Ombud.Tests.Features.SystemFaults;

/// <summary>The needs an ombud may link to a fault.</summary>
public class ListLinkableNeedsTests : SystemFaultTestData
{
    [Fact]
    public async Task Linkable_needs_are_only_the_ombuds_own()
    {
        var own = await NeedOfAsync(_ombud);
        await NeedOfAsync(_ombud2);
        var options = await _t.Get<ListLinkableNeeds.Handler>().HandleAsync();
        Assert.Equal([own.Id], options.Select(o => o.NeedId));
        _t.User = _lead;
        Assert.Empty(await _t.Get<ListLinkableNeeds.Handler>().HandleAsync());
    }
}
