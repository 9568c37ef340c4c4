using Bunit;
using MudBlazor;
using Ombud.Web.Features.Needs;

namespace Ombud.Tests.Features.Needs;

/// <summary>
/// Every save gets its confirmation: a second "Behovet är sparat." a few seconds after the first is shown too (MudBlazor
/// drops a snackbar whose text is already on screen unless told otherwise).
/// </summary>
public sealed class RepeatedSaveSnackbarTests : ComponentTestBase
{
    private static readonly FakeTimeProvider Clock = TestClock.At(2026, 11, 23);
    private Mandate _mandate = null!;
    private Category _lifeArea = null!;

    public override async Task InitializeAsync()
    {
        Db = await TestDb.CreateAsync(clock: Clock);
        var unit = await Db.AddUnitAsync();
        Db.User = await Db.AddUserAsync(unit.Id, Roles.Ombud);
        _mandate = await Db.AddMandateAsync(Db.User, new DateOnly(2026, 3, 1));
        _lifeArea = await Db.CategoryAsync(CategoryKind.LifeArea, "Boende");
        AddAppServices(Clock);
    }

    private async Task SaveNeedAsync(IRenderedComponent<MudDialogProvider> provider, string words)
    {
        var cmd = SaveNeed.Command.New(_mandate.Id, new DateOnly(2026, 11, 23));
        cmd.LifeAreaId = _lifeArea.Id;
        cmd.ClientWords = words;
        IDialogReference dialog = null!;
        await provider.InvokeAsync(async () => dialog = await Dialogs.ShowAsync<NeedDialog>("Nytt behov", new DialogParameters<NeedDialog>
        {
            { x => x.Command, cmd }, { x => x.LifeAreas, [new Lookups.Item(_lifeArea.Id, _lifeArea.Name)] },
        }));
        provider.WaitForState(() => provider.FindAll("[data-testid=need-save]").Count == 1
            && !provider.Find("[data-testid=need-save]").HasAttribute("disabled"));
        provider.Find("[data-testid=need-save]").Click();
        Assert.False((await dialog.Result.WaitAsync(TimeSpan.FromSeconds(10)))!.Canceled);
    }

    [Fact]
    public async Task Two_saves_in_a_row_show_two_snackbars()
    {
        var provider = RenderDialogProvider();
        var snackbar = Context.Services.GetRequiredService<ISnackbar>();

        await SaveNeedAsync(provider, "Vill ha eget boende");
        await SaveNeedAsync(provider, "Vill ha hjälp med ekonomin");

        Assert.Equal(2, snackbar.ShownSnackbars.Count(s => s.Message == "Behovet är sparat."));
        await using var db = Db.CreateContext();
        Assert.Equal(2, await db.Needs.CountAsync(n => n.MandateId == _mandate.Id));
    }
}
