using Ombud.Web.Features.Admin;

namespace Ombud.Tests.Features.Admin;

/// <summary>
/// Shared setup of the category-list handler tests on an in-memory SQLite database (with the default lists): a unit with
/// an ombud, and a system administrator signed in.
/// </summary>
public abstract class CategoryTestData : HandlerTestBase
{
    protected UserInfo _ombud = default!;

    protected override async Task SeedAsync()
    {
        _ombud = await _t.AddUserAsync(_unit.Id, Roles.Ombud);
        _t.User = TestDb.SystemAdmin(_unit.Id);
    }

    protected ListCategories.Handler List() => _t.Get<ListCategories.Handler>();
    protected SaveCategory.Handler Save() => _t.Get<SaveCategory.Handler>();
}
