namespace Ombud.Tests.Features.Shared;

public class LookupsTests
{
    private static readonly IReadOnlyList<Lookups.Item> Today = [new(1, "Ekonomi"), new(2, "Boende")];

    [Fact]
    public void Editing_a_record_keeps_its_ended_entry_in_the_list_marked_as_no_longer_used()
    {
        var list = Lookups.KeepCurrent(Today, [new(7, "Gammalt livsområde"), new(2, "Boende")]);
        Assert.Equal([1, 2, 7], list.Select(i => i.Id));
        Assert.Equal("Gammalt livsområde (används inte längre)", list[2].Name);
        Assert.Equal("Boende", list[1].Name);
    }

    [Fact]
    public void A_new_record_gets_only_todays_entries() => Assert.Equal(Today, Lookups.KeepCurrent(Today, []));
}
