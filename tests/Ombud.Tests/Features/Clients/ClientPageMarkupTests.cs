using Bunit;
using Ombud.Web.Features.Clients;

namespace Ombud.Tests.Features.Clients;

/// <summary>Saved text with markup in it is shown as text on the client page: escaped, never run or parsed as HTML.</summary>
public sealed class ClientPageMarkupTests : ComponentTestBase
{
    private static readonly FakeTimeProvider Clock = TestClock.At(2026, 11, 23);
    private const string Script = "<script>alert('xss')</script>";
    private const string Img = "<img src=x onerror=alert(1)>";
    private Mandate _mandate = null!;

    public override async Task InitializeAsync()
    {
        Db = await TestDb.CreateAsync(clock: Clock);
        var unit = await Db.AddUnitAsync();
        Db.User = await Db.AddUserAsync(unit.Id, Roles.Ombud);
        _mandate = await Db.AddMandateAsync(Db.User);
        var lifeArea = await Db.CategoryAsync(CategoryKind.LifeArea, "Boende");
        await using (var db = Db.CreateContext())
        {
            var client = await db.Clients.SingleAsync(c => c.Id == _mandate.ClientId);
            client.SetName(Img);
            db.Needs.Add(new Need
            {
                MandateId = _mandate.Id,
                LifeAreaId = lifeArea.Id,
                ClientWords = Script,
                IdentifiedOn = new DateOnly(2026, 2, 1),
            });
            await db.SaveChangesAsync();
        }
        AddAppServices(Clock);
    }

    [Fact]
    public void A_saved_script_is_rendered_as_text()
    {
        RenderPopoverProvider();
        var cut = Context.Render<ClientPage>(p => p.Add(x => x.Id, _mandate.ClientId));
        cut.WaitForState(() => cut.FindAll("[data-testid=need-words-cell]").Count == 1, TimeSpan.FromSeconds(10));

        Assert.Equal(Script, cut.Find("[data-testid=need-words-cell]").TextContent.Trim());
        Assert.Contains("&lt;script&gt;alert(", cut.Markup);
        Assert.DoesNotContain("<script>", cut.Markup);
        Assert.Empty(cut.FindAll("script"));
        Assert.Empty(cut.FindAll("img"));
        Assert.Contains(Img, cut.Find("[data-testid=client-summary]").TextContent);
    }
}
