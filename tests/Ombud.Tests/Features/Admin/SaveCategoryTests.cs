using Ombud.Web.Features.Admin;

namespace Ombud.Tests.Features.Admin;

public class SaveCategoryTests
{
    private readonly SaveCategory.Validator _validator = new();

    private static SaveCategory.Command Valid() => new()
    {
        Kind = CategoryKind.ContactReason,
        Name = "Stöd i kontakten med myndigheter",
        SortOrder = 10,
        ValidFrom = new DateTime(2025, 1, 1),
        ValidTo = new DateTime(2026, 12, 31),
    };

    [Fact]
    public void A_complete_command_is_valid() => Assert.True(_validator.Validate(Valid()).IsValid);

    [Fact]
    public void Open_ended_dates_are_valid()
    {
        var cmd = Valid();
        cmd.ValidFrom = null;
        cmd.ValidTo = null;
        Assert.True(_validator.Validate(cmd).IsValid);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Name_is_required(string? name)
    {
        var cmd = Valid();
        cmd.Name = name!;
        Assert.Contains("Ange ett namn.", _validator.ErrorsFor(cmd, nameof(cmd.Name)));
    }

    [Fact]
    public void Name_may_not_exceed_the_limit()
    {
        var cmd = Valid();
        cmd.Name = new string('å', Limits.CategoryName);
        Assert.Empty(_validator.ErrorsFor(cmd, nameof(cmd.Name)));
        cmd.Name = new string('å', Limits.CategoryName + 1);
        Assert.Contains($"Namnet får vara högst {Limits.CategoryName} tecken.", _validator.ErrorsFor(cmd, nameof(cmd.Name)));
    }

    [Fact]
    public void Valid_to_may_not_be_before_valid_from()
    {
        var cmd = Valid();
        cmd.ValidFrom = new DateTime(2026, 1, 1);
        cmd.ValidTo = new DateTime(2025, 12, 31);
        Assert.Contains("Giltig till kan inte vara före giltig från.", _validator.ErrorsFor(cmd, nameof(cmd.ValidTo)));
    }

    [Fact]
    public void Valid_to_may_equal_valid_from()
    {
        var cmd = Valid();
        cmd.ValidFrom = cmd.ValidTo = new DateTime(2026, 6, 1);
        Assert.True(_validator.Validate(cmd).IsValid);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(SaveCategory.MaxSortOrder + 1)]
    public void Sort_order_must_be_in_range(int sortOrder)
    {
        var cmd = Valid();
        cmd.SortOrder = sortOrder;
        Assert.Single(_validator.ErrorsFor(cmd, nameof(cmd.SortOrder)));
    }

    [Fact]
    public void Kind_must_be_a_known_list()
    {
        var cmd = Valid();
        cmd.Kind = (CategoryKind)99;
        Assert.Contains("Välj vilken lista posten hör till.", _validator.ErrorsFor(cmd, nameof(cmd.Kind)));
    }

    [Fact]
    public void Dates_must_be_in_a_plausible_year()
    {
        var cmd = Valid();
        cmd.ValidFrom = new DateTime(1999, 12, 31);
        cmd.ValidTo = new DateTime(2100, 1, 1);
        Assert.Single(_validator.ErrorsFor(cmd, nameof(cmd.ValidFrom)));
        Assert.Single(_validator.ErrorsFor(cmd, nameof(cmd.ValidTo)));
    }

    /// <summary>The handler on an in-memory SQLite database (see <see cref="CategoryTestData"/>).</summary>
    public class Handler : CategoryTestData
    {
        [Fact]
        public async Task A_units_admin_without_the_system_role_cannot_change_the_shared_lists()
        {
            _t.User = TestDb.Admin(_unit.Id);
            var ex = await Assert.ThrowsAsync<DomainException>(() => _t.Get<SaveCategory.Handler>()
                .HandleAsync(new SaveCategory.Command { Kind = CategoryKind.LifeArea, Name = "Ny", SortOrder = 1 }));
            Assert.Equal("Bara systemadministratörer kan ändra kategorilistorna.", ex.Message);
            await Assert.ThrowsAsync<DomainException>(() => _t
                .Get<ListCategories.Handler>()
                .HandleAsync(new ListCategories.Query(CategoryKind.LifeArea)));
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

            await Save().HandleAsync(
                new SaveCategory.Command { Kind = CategoryKind.LifeArea, Name = "Fritid", ValidFrom = new DateTime(2027, 1, 1) });
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

            await Save().HandleAsync(
                new SaveCategory.Command { Id = economy.Id, Kind = economy.Kind, Name = " Ekonomi ", SortOrder = 999 });
            Assert.Equal(999, (await _t.CategoryAsync(CategoryKind.ContactReason, "Ekonomi")).SortOrder);
        }

        [Fact]
        public async Task A_used_entrys_period_cannot_shrink_past_the_records_that_use_it()
        {
            var path = await _t.CategoryAsync(CategoryKind.ReferralPath, "Psykiatrin");
            await _t.AddMandateAsync(_ombud, new DateOnly(2024, 5, 10), referralPathId: path.Id);
            await _t.AddMandateAsync(_ombud, new DateOnly(2025, 8, 20), referralPathId: path.Id);
            Task<int> SaveAsync(DateTime? from, DateTime? to) =>
                Save().HandleAsync(
                    new SaveCategory.Command
                    {
                        Id = path.Id,
                        Kind = path.Kind,
                        Name = path.Name,
                        SortOrder = path.SortOrder,
                        ValidFrom = from,
                        ValidTo = to
                    });

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
                db.Needs.Add(
                    new Need
                    {
                        MandateId = mandate.Id,
                        LifeAreaId = housing.Id,
                        ClientWords = "Bostad",
                        IdentifiedOn = new DateOnly(2025, 2, 3)
                    });
                var m = await db.Mandates.SingleAsync(x => x.Id == mandate.Id);
                m.Close(new DateOnly(2025, 6, 30), await db.Categories.SingleAsync(c => c.Id == moved.Id));
                await db.SaveChangesAsync();
            }

            // The need was identified 2025-02-03 (the mandate started 2024): the life area may start on that day, not after.
            await Save().HandleAsync(
                new SaveCategory.Command
                {
                    Id = housing.Id,
                    Kind = housing.Kind,
                    Name = "Boende",
                    SortOrder = housing.SortOrder,
                    ValidFrom = new DateTime(2025, 2, 3)
                });
            await Assert.ThrowsAsync<DomainException>(() => Save().HandleAsync(new SaveCategory.Command
            {
                Id = housing.Id,
                Kind = housing.Kind,
                Name = "Boende",
                SortOrder = housing.SortOrder,
                ValidFrom = new DateTime(2025, 2, 4)
            }));
            // The closure reason counts from the closing date.
            await Assert.ThrowsAsync<DomainException>(() => _t.Get<EndCategory.Handler>()
                .HandleAsync(new EndCategory.Command { Id = moved.Id, ValidTo = new DateTime(2025, 6, 29) }));
            await _t.Get<EndCategory.Handler>()
                .HandleAsync(new EndCategory.Command { Id = moved.Id, ValidTo = new DateTime(2025, 6, 30) });
            // Nothing uses "Fritid": any period, any name.
            var leisure = await _t.CategoryAsync(CategoryKind.LifeArea, "Fritid");
            await Save().HandleAsync(
                new SaveCategory.Command
                {
                    Id = leisure.Id,
                    Kind = leisure.Kind,
                    Name = "Fritid och kultur",
                    SortOrder = 1,
                    ValidFrom = new DateTime(2030, 1, 1)
                });
        }
    }

    /// <summary>Two people edit the same record (see <see cref="EditConflictTest"/>).</summary>
    public class Concurrency : EditConflictTest
    {
        [Fact]
        public async Task Category_second_save_is_refused_then_overwrite_works()
        {
            _t.User = TestDb.SystemAdmin(_unit.Id);
            var categories = _t.Get<SaveCategory.Handler>();
            var category = await _t.CategoryAsync(CategoryKind.LifeArea, "Boende");
            SaveCategory.Command LoadCategory() => SaveCategory.Command.Edit(() => new SaveCategory.Command
            {
                Id = category.Id,
                Kind = category.Kind,
                Name = category.Name,
                SortOrder = category.SortOrder,
                Version = category.Version,
            });
            var c1 = LoadCategory();
            var c2 = LoadCategory();
            c1.Name = "Bostad";
            await categories.HandleAsync(c1);
            c2.SortOrder = 99;
            var ex = await AssertConflictAsync(() => categories.HandleAsync(c2), "Namn");
            ex.Command!.OverwriteFrom(ex.CurrentVersion);
            await categories.HandleAsync(c2);

            await using var db = _t.CreateContext();
            Assert.Equal(99, (await db.Categories.SingleAsync(x => x.Id == category.Id)).SortOrder);
        }
    }
}
