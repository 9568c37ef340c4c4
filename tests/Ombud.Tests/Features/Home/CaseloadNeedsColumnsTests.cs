using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Identity;
using MudBlazor;

namespace Ombud.Tests.Features.Home;

/// <summary>
/// Enhetens ärenden's needs table has one column per ombud on the ombud table's current page, not one per ombud of the
/// unit (a unit of 300 ombud drew 300 columns): the columns follow the pager, a note says which ombud they are, and
/// Totalt still counts the whole unit.
/// </summary>
public sealed class CaseloadNeedsColumnsTests : ComponentTestBase
{
    private const int OmbudCount = 27; // one page of 25 and a second of 2
    private static readonly FakeTimeProvider Clock = TestClock.At(2026, 11, 23);

    public override async Task InitializeAsync()
    {
        Context.Services.AddTransient<MudLocalizer, SwedishMudLocalizer>(); // the pager's Swedish labels, as in the app
        Db = await TestDb.CreateAsync(clock: Clock);
        var unit = await Db.AddUnitAsync();
        var housing = await Db.CategoryAsync(CategoryKind.LifeArea, "Boende");
        await using (var db = Db.CreateContext())
        {
            var role = await db.Roles.FirstOrDefaultAsync(r => r.Name == Roles.Ombud);
            if (role is null)
            {
                role = new IdentityRole(Roles.Ombud) { NormalizedName = Roles.Ombud.ToUpperInvariant() };
                db.Roles.Add(role);
                await db.SaveChangesAsync();
            }
            for (var i = 0; i < OmbudCount; i++)
            {
                var ombud = await Db.AddUserAsync(unit.Id, Roles.Ombud);
                var mandate = await Db.AddMandateAsync(ombud, new DateOnly(2026, 3, 1));
                db.UserRoles.Add(new IdentityUserRole<string> { UserId = ombud.Id, RoleId = role.Id });
                db.Needs.Add(new Need
                {
                    MandateId = mandate.Id,
                    LifeAreaId = housing.Id,
                    ClientWords = "Vill bo kvar",
                    Status = NeedStatus.Identified,
                    IdentifiedOn = new DateOnly(2026, 3, 1),
                });
            }
            await db.SaveChangesAsync();
        }
        Db.User = await Db.AddUserAsync(unit.Id, Roles.UnitLead);
        Context.AddAuthorization().SetAuthorized("chef").SetRoles(Roles.UnitLead);
        AddAppServices(Clock);
    }

    private static List<string> Texts(IEnumerable<IElement> cells) => cells.Select(c => c.TextContent.Trim()).ToList();

    [Fact]
    public async Task The_needs_columns_are_the_ombud_on_the_tables_page_and_Totalt_counts_the_whole_unit()
    {
        RenderPopoverProvider();
        var cut = Context.Render<Ombud.Web.Features.Home.Home>();
        cut.WaitForState(() => cut.FindAll("[data-testid=overview-needs]").Count == 1, TimeSpan.FromSeconds(10));

        List<string> TableOmbud() => Texts(cut.FindAll("[data-testid=overview-table] tbody tr td:first-child"));
        List<string> NeedsHeaders() => Texts(cut.FindAll("[data-testid=overview-needs] thead th"));

        var firstPage = TableOmbud();
        Assert.Equal(25, firstPage.Count);
        Assert.Equal(["Livsområde", .. firstPage, "Totalt"], NeedsHeaders());
        var housing = Texts(cut.Find("[data-testid=overview-needs] tbody tr").QuerySelectorAll("th, td"));
        Assert.Equal(["Boende", .. Enumerable.Repeat("1", 25), OmbudCount.ToString()], housing);
        Assert.Contains("ombud 1–25 av 27", cut.Find("[data-testid=overview-needs-page]").TextContent);

        await cut.InvokeAsync(() => cut.Find("button[aria-label='Nästa sida']").Click());
        cut.WaitForAssertion(() => Assert.Equal(2, TableOmbud().Count));
        Assert.Equal(["Livsområde", .. TableOmbud(), "Totalt"], NeedsHeaders());
        Assert.Empty(firstPage.Intersect(TableOmbud()));
        Assert.Equal(OmbudCount.ToString(), cut.Find("[data-testid=overview-needs] tbody tr td:last-child").TextContent.Trim());
        Assert.Contains("ombud 26–27 av 27", cut.Find("[data-testid=overview-needs-page]").TextContent);
    }
}
