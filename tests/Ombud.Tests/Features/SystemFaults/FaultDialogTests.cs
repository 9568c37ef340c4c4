using System.Globalization;
using Bunit;
using MudBlazor;
using Ombud.Web.Features.SystemFaults;

namespace Ombud.Tests.Features.SystemFaults;

/// <summary>The fault form with the real validator, handler and personal-data check on an in-memory database.</summary>
public sealed class FaultDialogTests : ComponentTestBase
{
    private const string WithPersonnummer = "Klienten 19811218-9876 fick vänta sju månader på en läkartid.";
    private const string WithPhone = "Handläggaren på 070-123 45 67 svarar inte på sju månader.";
    private Category _category = null!;
    private static readonly FakeTimeProvider Clock = TestClock.At(2026, 11, 23);

    public override async Task InitializeAsync()
    {
        Db = await TestDb.CreateAsync(clock: Clock);
        var unit = await Db.AddUnitAsync();
        Db.User = await Db.AddUserAsync(unit.Id, Roles.Ombud);
        _category = await Db.CategoryAsync(CategoryKind.FaultCategory, "Psykiatrin");
        AddAppServices(Clock);
    }

    /// <summary>Opens the dialog for a new fault with everything but the description filled in, and types the description.</summary>
    private async Task<(IRenderedComponent<MudDialogProvider> Provider, Task<int?> Result)> OpenAndTypeAsync(string description)
    {
        var provider = RenderDialogProvider();
        var cmd = new SaveFault.Command
        {
            Date = new DateTime(2026, 11, 20),
            CategoryId = _category.Id,
            Level = FaultLevel.Local,
            ClientsAffected = 2
        };
        Task<int?> result = null!;
        // not awaited: it completes when the dialog closes
        await provider.InvokeAsync(() => { result = FaultDialog.ShowAsync(Dialogs, cmd); });
        provider.WaitForState(() => provider.FindAll("[data-testid=fault-save]").Count == 1
            && !provider.Find("[data-testid=fault-save]").HasAttribute("disabled"));
        provider.Find("textarea[data-testid=fault-description]").Input(description);
        provider.Find("[data-testid=fault-save]").Click();
        return (provider, result);
    }

    private async Task<int> SavedFaultsAsync()
    {
        await using var db = Db.CreateContext();
        return await db.SystemFaults.CountAsync();
    }

    [Theory]
    [InlineData("-5")]
    [InlineData("99999")]
    public async Task A_number_of_clients_outside_the_range_is_refused_with_the_range_not_changed(string typed)
    {
        var provider = RenderDialogProvider();
        var cmd = new SaveFault.Command
        {
            Date = new DateTime(2026, 11, 20),
            CategoryId = _category.Id,
            Level = FaultLevel.Local,
            ClientsAffected = 2
        };
        Task<int?> result = null!;
        await provider.InvokeAsync(() => { result = FaultDialog.ShowAsync(Dialogs, cmd); });
        provider.WaitForState(() => provider.FindAll("[data-testid=fault-save]").Count == 1
            && !provider.Find("[data-testid=fault-save]").HasAttribute("disabled"));
        provider.Find("textarea[data-testid=fault-description]").Input("Försäkringskassan svarar inte på sju månader.");
        provider.Find("input[data-testid=fault-clients]").Input(typed);
        provider.Find("input[data-testid=fault-clients]").Blur();
        provider.Find("[data-testid=fault-save]").Click();

        provider.WaitForAssertion(() => Assert.Contains($"Ange ett antal mellan 0 och {Limits.MaxClientsAffected}.", provider.Markup));
        Assert.Equal(typed, provider.Find("input[data-testid=fault-clients]").GetAttribute("value")); // not silently changed
        Assert.Equal(int.Parse(typed, CultureInfo.InvariantCulture), cmd.ClientsAffected);
        Assert.False(result.IsCompleted);
        Assert.Equal(0, await SavedFaultsAsync());
    }

    [Fact]
    public async Task A_personnummer_in_the_text_is_refused_with_no_Spara_anda()
    {
        var (provider, result) = await OpenAndTypeAsync(WithPersonnummer);

        var snackbar = Context.Services.GetRequiredService<ISnackbar>();
        provider.WaitForAssertion(() => Assert.Contains(snackbar.ShownSnackbars, s =>
            s.Message == "Beskrivning: Texten innehåller ett personnummer. Ta bort det – en systembrist ska inte gå att koppla till en " +
                         "person."));
        Assert.DoesNotContain("Spara ändå", provider.Markup);
        Assert.DoesNotContain("Texten ser ut att innehålla personuppgifter", provider.Markup);
        Assert.Single(provider.FindAll("[data-testid=fault-save]")); // still in the form, to change the text
        Assert.False(result.IsCompleted);
        Assert.Equal(0, await SavedFaultsAsync());
    }

    [Fact]
    public async Task A_phone_number_in_the_text_asks_first_and_Andra_texten_saves_nothing()
    {
        var (provider, result) = await OpenAndTypeAsync(WithPhone);

        provider.WaitForAssertion(() => Assert.Contains("Texten ser ut att innehålla personuppgifter", provider.Markup));
        Assert.Contains("Beskrivning: telefonnummer (070-123 45 67)", provider.Markup);
        Assert.Equal(0, await SavedFaultsAsync());

        provider.FindAll("button").Single(b => b.TextContent.Trim() == "Ändra texten").Click();

        provider.WaitForAssertion(() => Assert.DoesNotContain("Texten ser ut att innehålla personuppgifter", provider.Markup));
        Assert.Equal(
            WithPhone,
            provider.Find("textarea[data-testid=fault-description]").GetAttribute("value")
                ?? provider.Find("textarea[data-testid=fault-description]").TextContent);
        Assert.Single(provider.FindAll("[data-testid=fault-save]")); // still in the form, to change the text
        Assert.False(result.IsCompleted);
        Assert.Equal(0, await SavedFaultsAsync());
    }

    [Fact]
    public async Task Spara_anda_saves_the_draft_and_closes_the_dialog()
    {
        var (provider, result) = await OpenAndTypeAsync(WithPhone);
        provider.WaitForAssertion(() => Assert.Contains("Texten ser ut att innehålla personuppgifter", provider.Markup));

        provider.FindAll("button").Single(b => b.TextContent.Trim() == "Spara ändå").Click();

        var id = await result.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.NotNull(id);
        await using var db = Db.CreateContext();
        Assert.Equal(WithPhone, (await db.SystemFaults.SingleAsync()).Description);
    }

    [Fact]
    public async Task Text_without_personal_data_is_saved_without_a_question()
    {
        var (provider, result) = await OpenAndTypeAsync("Väntetiden till en läkartid i psykiatrins öppenvård är sju månader.");
        var id = await result.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.NotNull(id);
        Assert.DoesNotContain("Texten ser ut att innehålla personuppgifter", provider.Markup);
        Assert.Equal(1, await SavedFaultsAsync());
    }
}
