using FluentValidation;
using Ombud.Web.Features.Admin;

namespace Ombud.Tests.Features.Admin;

public class EndCategoryTests : CategoryTestData
{
    private EndCategory.Handler Handler() => _t.Get<EndCategory.Handler>();

    private async Task<Category> ReloadAsync(int id)
    {
        await using var db = _t.CreateContext();
        return await db.Categories.AsNoTracking().SingleAsync(c => c.Id == id);
    }

    [Fact]
    public async Task Ending_from_a_year_makes_the_entry_valid_to_31_December_of_the_year_before()
    {
        var entry = await _t.CategoryAsync(CategoryKind.ContactReason, "Existentiella frågor");

        await Handler().HandleAsync(EndCategory.Command.FromYear(entry.Id, 2027));

        var ended = await ReloadAsync(entry.Id);
        Assert.Equal(new DateOnly(2026, 12, 31), ended.ValidTo);
        Assert.True(ended.IsValidOn(new DateOnly(2026, 12, 31)));
        Assert.False(ended.IsValidOn(new DateOnly(2027, 1, 1)));
    }

    [Fact]
    public async Task An_entry_that_is_used_can_be_ended_and_keeps_its_references()
    {
        var entry = await _t.CategoryAsync(CategoryKind.ReferralPath, "Primärvården");
        var ombud = await _t.AddUserAsync(_unit.Id, Roles.Ombud);
        var mandate = await _t.AddMandateAsync(ombud, new DateOnly(2025, 3, 1), referralPathId: entry.Id);

        await Handler().HandleAsync(new EndCategory.Command { Id = entry.Id, ValidTo = new DateTime(2025, 12, 31) });

        Assert.Equal(new DateOnly(2025, 12, 31), (await ReloadAsync(entry.Id)).ValidTo);
        await using var db = _t.CreateContext();
        Assert.Equal(entry.Id, await db.Mandates.Where(m => m.Id == mandate.Id).Select(m => m.ReferralPathId).SingleAsync());
    }

    [Fact]
    public async Task The_end_may_not_be_before_the_entry_starts()
    {
        int id;
        await using (var db = _t.CreateContext())
        {
            var entry = new Category
            {
                Kind = CategoryKind.ContactReason,
                Name = "Digitala tjänster",
                SortOrder = 200,
                ValidFrom = new DateOnly(2026, 1, 1)
            };
            db.Categories.Add(entry);
            await db.SaveChangesAsync();
            id = entry.Id;
        }

        var ex = await Assert.ThrowsAsync<DomainException>(() =>
            Handler().HandleAsync(new EndCategory.Command { Id = id, ValidTo = new DateTime(2025, 12, 31) }));
        Assert.Contains("2026-01-01", ex.Message);
        Assert.Null((await ReloadAsync(id)).ValidTo);
    }

    [Fact]
    public async Task A_date_is_required()
    {
        var entry = await _t.CategoryAsync(CategoryKind.ContactReason, "Annat");
        await Assert.ThrowsAsync<ValidationException>(() => Handler().HandleAsync(new EndCategory.Command { Id = entry.Id }));
    }

    [Fact]
    public async Task Only_system_admins_may_end_entries()
    {
        var entry = await _t.CategoryAsync(CategoryKind.ContactReason, "Annat");
        _t.User = TestDb.Ombud(_unit.Id);
        var ex = await Assert.ThrowsAsync<DomainException>(() => Handler().HandleAsync(EndCategory.Command.FromYear(entry.Id, 2027)));
        Assert.StartsWith("Bara systemadministratörer", ex.Message);
        Assert.Null((await ReloadAsync(entry.Id)).ValidTo);
    }
}
