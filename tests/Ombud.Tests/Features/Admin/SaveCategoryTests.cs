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
