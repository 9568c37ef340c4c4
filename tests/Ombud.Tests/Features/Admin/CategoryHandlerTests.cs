using Ombud.Web.Features.Admin;

namespace Ombud.Tests.Features.Admin;

/// <summary>ListCategories and SaveCategory against a real (in-memory SQLite) database.</summary>
public class CategoryHandlerTests : IAsyncLifetime
{
    private TestDb _t = default!;
    private Unit _unit = default!;
    private UserInfo _ombud = default!;

    public async Task InitializeAsync()
    {
        _t = await TestDb.CreateAsync();
        _unit = await _t.AddUnitAsync();
        _ombud = await _t.AddUserAsync(_unit.Id, Roles.Ombud);
        _t.User = TestDb.SystemAdmin(_unit.Id);
    }

    public async Task DisposeAsync() => await _t.DisposeAsync();

    private ListCategories.Handler List() => _t.Get<ListCategories.Handler>();
    private SaveCategory.Handler Save() => _t.Get<SaveCategory.Handler>();

    [Fact]
    public async Task A_units_admin_without_the_system_role_cannot_change_the_shared_lists()
    {
        _t.User = TestDb.Admin(_unit.Id);
        var ex = await Assert.ThrowsAsync<DomainException>(() => _t.Get<SaveCategory.Handler>()
            .HandleAsync(new SaveCategory.Command { Kind = CategoryKind.LifeArea, Name = "Ny", SortOrder = 1 }));
        Assert.Equal("Bara systemadministratörer kan ändra kategorilistorna.", ex.Message);
        await Assert.ThrowsAsync<DomainException>(() => _t.Get<ListCategories.Handler>().HandleAsync(new ListCategories.Query(CategoryKind.LifeArea)));
    }

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
    public async Task Save_adds_an_entry_with_trimmed_name_and_dates()
    {
        var id = await Save().HandleAsync(new SaveCategory.Command
        {
            Kind = CategoryKind.LifeArea,
            Name = "  Digital vardag ",
            SortOrder = 105,
            ValidFrom = new DateTime(2027, 1, 1),
        });

        await using var db = _t.CreateContext();
        var entry = await db.Categories.SingleAsync(c => c.Id == id);
        Assert.Equal(("Digital vardag", CategoryKind.LifeArea, 105, (DateOnly?)new DateOnly(2027, 1, 1), (DateOnly?)null),
            (entry.Name, entry.Kind, entry.SortOrder, entry.ValidFrom, entry.ValidTo));
    }

    [Fact]
    public async Task Save_refuses_a_name_that_is_taken_in_an_overlapping_period_ignoring_case()
    {
        var ex = await Assert.ThrowsAsync<DomainException>(() => Save().HandleAsync(new SaveCategory.Command
        {
            Kind = CategoryKind.LifeArea,
            Name = "FRITID",
            SortOrder = 5,
            ValidFrom = new DateTime(2027, 1, 1),
        }));
        Assert.Contains("Det finns redan en post", ex.Message);
    }

    [Fact]
    public async Task Save_allows_the_same_name_when_the_periods_do_not_overlap_or_in_another_list()
    {
        var leisure = await _t.CategoryAsync(CategoryKind.LifeArea, "Fritid");
        await _t.Get<EndCategory.Handler>()
            .HandleAsync(EndCategory.Command.FromYear(leisure.Id, 2027));

        await Save().HandleAsync(new SaveCategory.Command { Kind = CategoryKind.LifeArea, Name = "Fritid", ValidFrom = new DateTime(2027, 1, 1) });
        await Save().HandleAsync(new SaveCategory.Command { Kind = CategoryKind.ContactReason, Name = "Fritid" });

        // ... but moving the old entry's end past the new one's start would make them overlap.
        await Assert.ThrowsAsync<DomainException>(() => _t.Get<EndCategory.Handler>()
            .HandleAsync(EndCategory.Command.FromYear(leisure.Id, 2028)));
    }

    [Fact]
    public async Task Save_edits_an_entry_and_keeps_its_list()
    {
        var entry = await _t.CategoryAsync(CategoryKind.ClosureReason, "Flyttat");
        await Save().HandleAsync(new SaveCategory.Command
        {
            Id = entry.Id,
            Kind = CategoryKind.ContactReason,
            Name = "Flyttat från kommunen",
            SortOrder = entry.SortOrder,
        });

        var reloaded = await _t.CategoryAsync(CategoryKind.ClosureReason, "Flyttat från kommunen");
        Assert.Equal(entry.Id, reloaded.Id);
    }

    [Fact]
    public async Task A_used_entry_cannot_be_renamed_but_its_order_can_change()
    {
        var economy = await _t.CategoryAsync(CategoryKind.ContactReason, "Ekonomi");
        await _t.AddMandateAsync(_ombud, new DateOnly(2025, 3, 1), contactReasonIds: [economy.Id]);

        var ex = await Assert.ThrowsAsync<DomainException>(() => Save().HandleAsync(new SaveCategory.Command
        { Id = economy.Id, Kind = economy.Kind, Name = "Ekonomi och skulder", SortOrder = economy.SortOrder }));
        Assert.Contains("Avsluta posten och lägg till en ny", ex.Message);
        Assert.Equal("Ekonomi", (await _t.CategoryAsync(CategoryKind.ContactReason, "Ekonomi")).Name);

        await Save().HandleAsync(new SaveCategory.Command { Id = economy.Id, Kind = economy.Kind, Name = " Ekonomi ", SortOrder = 999 });
        Assert.Equal(999, (await _t.CategoryAsync(CategoryKind.ContactReason, "Ekonomi")).SortOrder);
    }

    [Fact]
    public async Task A_used_entrys_period_cannot_shrink_past_the_records_that_use_it()
    {
        var path = await _t.CategoryAsync(CategoryKind.ReferralPath, "Psykiatrin");
        await _t.AddMandateAsync(_ombud, new DateOnly(2024, 5, 10), referralPathId: path.Id);
        await _t.AddMandateAsync(_ombud, new DateOnly(2025, 8, 20), referralPathId: path.Id);
        Task<int> SaveAsync(DateTime? from, DateTime? to) =>
            Save().HandleAsync(new SaveCategory.Command { Id = path.Id, Kind = path.Kind, Name = path.Name, SortOrder = path.SortOrder, ValidFrom = from, ValidTo = to });

        var late = await Assert.ThrowsAsync<DomainException>(() => SaveAsync(new DateTime(2024, 5, 11), null));
        Assert.Contains("2024-05-10", late.Message);
        var early = await Assert.ThrowsAsync<DomainException>(() => SaveAsync(null, new DateTime(2025, 8, 19)));
        Assert.Contains("2025-08-20", early.Message);
        var unchanged = await _t.CategoryAsync(CategoryKind.ReferralPath, "Psykiatrin");
        Assert.Equal(((DateOnly?)null, (DateOnly?)null), (unchanged.ValidFrom, unchanged.ValidTo));

        // A period that still covers every use is fine, to the day.
        await SaveAsync(new DateTime(2024, 5, 10), new DateTime(2025, 8, 20));
        var saved = await _t.CategoryAsync(CategoryKind.ReferralPath, "Psykiatrin");
        Assert.Equal((new DateOnly(2024, 5, 10), new DateOnly(2025, 8, 20)), (saved.ValidFrom!.Value, saved.ValidTo!.Value));
    }

    [Fact]
    public async Task Needs_closures_and_unused_entries_are_judged_by_their_own_dates()
    {
        var mandate = await _t.AddMandateAsync(_ombud, new DateOnly(2024, 1, 10));
        var housing = await _t.CategoryAsync(CategoryKind.LifeArea, "Boende");
        var moved = await _t.CategoryAsync(CategoryKind.ClosureReason, "Flyttat");
        await using (var db = _t.CreateContext())
        {
            db.Needs.Add(new Need { MandateId = mandate.Id, LifeAreaId = housing.Id, ClientWords = "Bostad", IdentifiedOn = new DateOnly(2025, 2, 3) });
            var m = await db.Mandates.SingleAsync(x => x.Id == mandate.Id);
            m.Close(new DateOnly(2025, 6, 30), await db.Categories.SingleAsync(c => c.Id == moved.Id));
            await db.SaveChangesAsync();
        }

        // The need was identified 2025-02-03 (the mandate started 2024): the life area may start on that day, not after.
        await Save().HandleAsync(new SaveCategory.Command { Id = housing.Id, Kind = housing.Kind, Name = "Boende", SortOrder = housing.SortOrder, ValidFrom = new DateTime(2025, 2, 3) });
        await Assert.ThrowsAsync<DomainException>(() => Save().HandleAsync(new SaveCategory.Command
        { Id = housing.Id, Kind = housing.Kind, Name = "Boende", SortOrder = housing.SortOrder, ValidFrom = new DateTime(2025, 2, 4) }));
        // The closure reason counts from the closing date.
        await Assert.ThrowsAsync<DomainException>(() => _t.Get<EndCategory.Handler>()
            .HandleAsync(new EndCategory.Command { Id = moved.Id, ValidTo = new DateTime(2025, 6, 29) }));
        await _t.Get<EndCategory.Handler>()
            .HandleAsync(new EndCategory.Command { Id = moved.Id, ValidTo = new DateTime(2025, 6, 30) });
        // Nothing uses "Fritid": any period, any name.
        var leisure = await _t.CategoryAsync(CategoryKind.LifeArea, "Fritid");
        await Save().HandleAsync(new SaveCategory.Command { Id = leisure.Id, Kind = leisure.Kind, Name = "Fritid och kultur", SortOrder = 1, ValidFrom = new DateTime(2030, 1, 1) });
    }

    [Fact]
    public async Task Only_admins_may_list_or_save()
    {
        _t.User = _ombud;
        await Assert.ThrowsAsync<DomainException>(() => List().HandleAsync(new ListCategories.Query(CategoryKind.LifeArea)));
        await Assert.ThrowsAsync<DomainException>(() => Save().HandleAsync(new SaveCategory.Command { Kind = CategoryKind.LifeArea, Name = "X" }));
    }
}
