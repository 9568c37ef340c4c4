using Bunit;
using Ombud.Web.Features.Caseload;

namespace Ombud.Tests.Features.Caseload;

/// <summary>The lead's waiting-list dialog when the unit serves no municipality yet (a new production database).</summary>
public sealed class WaitingListEntryDialogTests : ComponentTestBase
{
    private static readonly FakeTimeProvider Clock = TestClock.At(2026, 11, 23);

    public override async Task InitializeAsync()
    {
        Db = await TestDb.CreateAsync();
        await using (var db = Db.CreateContext())
        {
            var unit = new Unit { Name = "Ny enhet" }; // as DatabaseInitializer creates it: no municipalities
            db.Units.Add(unit);
            await db.SaveChangesAsync();
            Db.User = TestDb.UserFor(
                new Web.Data.AppUser { Id = "lead-id", UserName = "chef", DisplayName = "Chef", UnitId = unit.Id }, Roles.UnitLead);
        }
        AddAppServices(Clock);
    }

    [Fact]
    public void Without_municipalities_the_dialog_explains_and_cannot_be_saved()
    {
        var provider = RenderDialogProvider();
        _ = provider.InvokeAsync(() => WaitingListEntryDialog.ShowAsync(Dialogs));

        provider.WaitForAssertion(() =>
            Assert.Contains(Lookups.NoMunicipalitiesMessage, provider.Find("[data-testid=no-municipalities]").TextContent));
        Assert.Empty(provider.FindAll("[data-testid=waiting-municipality]"));
        Assert.True(provider.Find("button[data-testid=waiting-save]").HasAttribute("disabled"));
    }
}
