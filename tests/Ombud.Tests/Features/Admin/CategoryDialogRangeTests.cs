using Bunit;
using MudBlazor;
using Ombud.Web.Features.Admin;

namespace Ombud.Tests.Features.Admin;

/// <summary>
/// A category entry's Ordning and the year an entry ends: a value out of range is refused with a Swedish message naming
/// the range, and stays as typed (MudNumericField's Min/Max would silently change it).
/// </summary>
public sealed class CategoryDialogRangeTests : ComponentTestBase
{
    private static readonly FakeTimeProvider Clock = TestClock.At(2026, 11, 23);

    public override async Task InitializeAsync()
    {
        Db = await TestDb.CreateAsync(clock: Clock);
        var unit = await Db.AddUnitAsync();
        Db.User = TestDb.SystemAdmin(unit.Id);
        AddAppServices(Clock);
    }

    [Theory]
    [InlineData("-5")]
    [InlineData("99999")]
    public async Task An_order_outside_0_to_9999_is_refused_with_the_range_not_changed(string typed)
    {
        var provider = RenderDialogProvider();
        var cmd = new SaveCategory.Command { Kind = CategoryKind.LifeArea, Name = "Ny post", SortOrder = 10 };
        IDialogReference dialog = null!;
        await provider.InvokeAsync(async () => dialog = await Dialogs.ShowAsync<CategoryDialog>("Ny post",
            new DialogParameters<CategoryDialog> { { x => x.Command, cmd } }));
        provider.WaitForState(() => provider.FindAll("input[data-testid=category-sortorder]").Count == 1);

        provider.Find("input[data-testid=category-sortorder]").Change(typed);
        provider.Find("input[data-testid=category-sortorder]").Blur();
        provider.Find("[data-testid=category-save]").Click();

        provider.WaitForAssertion(
            () => Assert.Contains($"Ordningen ska vara ett tal mellan 0 och {SaveCategory.MaxSortOrder}.", provider.Markup));
        Assert.Equal(typed, provider.Find("input[data-testid=category-sortorder]").GetAttribute("value"));
        Assert.Equal(int.Parse(typed, System.Globalization.CultureInfo.InvariantCulture), cmd.SortOrder);
        Assert.False(dialog.Result.IsCompleted);
        await using var db = Db.CreateContext();
        Assert.False(await db.Categories.AnyAsync(c => c.Name == "Ny post"));
    }

    [Theory]
    [InlineData("3000")]
    [InlineData("1999")]
    public async Task A_year_outside_the_range_is_refused_with_the_range_not_changed(string typed)
    {
        var provider = RenderDialogProvider();
        var row = new ListCategories.Row(1, CategoryKind.LifeArea, "Boende", 10, null, null, 0);
        IDialogReference dialog = null!;
        await provider.InvokeAsync(async () => dialog = await Dialogs.ShowAsync<EndCategoryDialog>("Avsluta Boende",
            new DialogParameters<EndCategoryDialog> { { x => x.Entry, row } }));
        provider.WaitForState(() => provider.FindAll("input[data-testid=end-category-year]").Count == 1);
        Assert.Contains("Posten gäller till och med 2026-12-31.", provider.Markup); // the default: from next year

        provider.Find("input[data-testid=end-category-year]").Input(typed);
        provider.Find("input[data-testid=end-category-year]").Blur();
        provider.FindAll("button").Single(b => b.TextContent.Trim() == "Fortsätt").Click();

        provider.WaitForAssertion(
            () => Assert.Contains($"Ange ett år mellan {SaveCategory.MinYear + 1} och {SaveCategory.MaxYear}.", provider.Markup));
        Assert.Equal(typed, provider.Find("input[data-testid=end-category-year]").GetAttribute("value"));
        Assert.DoesNotContain("Posten gäller till och med", provider.Markup);
        Assert.False(dialog.Result.IsCompleted);
    }
}
