using Ombud.Web.Features.Admin;

namespace Ombud.Tests.Features.Admin;

/// <summary>One category list with its usage counts, for system administrators only.</summary>
public class ListCategoriesTests : CategoryTestData
{
    [Fact]
    public async Task List_gives_one_kind_in_sort_order_with_usage_counts()
    {
        var economy = await _t.CategoryAsync(CategoryKind.ContactReason, "Ekonomi");
        var other = await _t.CategoryAsync(CategoryKind.ContactReason, "Annat");
        await _t.AddMandateAsync(_ombud, contactReasonIds: [economy.Id, other.Id]);
        var secondOmbud = await _t.AddUserAsync(_unit.Id, Roles.Ombud);
        await _t.AddMandateAsync(secondOmbud, contactReasonIds: [economy.Id]);

        var rows = await List().HandleAsync(new ListCategories.Query(CategoryKind.ContactReason));

        Assert.All(rows, r => Assert.Equal(CategoryKind.ContactReason, r.Kind));
        Assert.Equal(rows.OrderBy(r => r.SortOrder).Select(r => r.Id), rows.Select(r => r.Id));
        Assert.Equal(2, rows.Single(r => r.Id == economy.Id).UsageCount);
        Assert.Equal(1, rows.Single(r => r.Id == other.Id).UsageCount);
        Assert.Equal(2, rows.Count(r => r.IsUsed));
    }

    [Fact]
    public async Task List_counts_actor_types_used_by_actors()
    {
        var csn = await _t.CategoryAsync(CategoryKind.ActorType, "CSN");
        await _t.AddActorAsync(_unit.Id, "CSN", csn.Id);
        var rows = await List().HandleAsync(new ListCategories.Query(CategoryKind.ActorType));
        Assert.Equal(1, rows.Single(r => r.Id == csn.Id).UsageCount);
    }

    [Fact]
    public async Task Only_admins_may_list_or_save()
    {
        _t.User = _ombud;
        await Assert.ThrowsAsync<DomainException>(() => List().HandleAsync(new ListCategories.Query(CategoryKind.LifeArea)));
        await Assert.ThrowsAsync<DomainException>(
            () => Save().HandleAsync(new SaveCategory.Command { Kind = CategoryKind.LifeArea, Name = "X" }));
    }
}
