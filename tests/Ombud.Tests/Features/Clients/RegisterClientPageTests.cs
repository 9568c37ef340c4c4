using Bunit;
using Ombud.Web.Features.Clients;

namespace Ombud.Tests.Features.Clients;

/// <summary>The registration form with the real validator and handler on an in-memory database.</summary>
public sealed class RegisterClientPageTests : ComponentTestBase
{
    private static readonly FakeTimeProvider Clock = TestClock.At(2026, 11, 23);

    public override async Task InitializeAsync()
    {
        Db = await TestDb.CreateAsync();
        var unit = await Db.AddUnitAsync("Testenheten", "Testkommun", "Annanby");
        Db.User = await Db.AddUserAsync(unit.Id, Roles.Ombud);
        AddAppServices(Clock);
    }

    private IRenderedComponent<RegisterClientPage> RenderPage()
    {
        RenderPopoverProvider();
        var cut = Context.Render<RegisterClientPage>();
        cut.WaitForState(() => cut.FindAll("[data-testid=register-save]").Count == 1);
        return cut;
    }

    [Fact]
    public void A_changed_field_is_written_to_the_draft_without_polling_and_encrypted()
    {
        var cut = RenderPage();
        cut.WaitForAssertion(() => Assert.Contains(Context.JSInterop.Invocations, i => i.Identifier == "sessionStorage.getItem"));
        Assert.DoesNotContain(Context.JSInterop.Invocations, i => i.Identifier == "sessionStorage.setItem");

        // A field inside a child component (ClientDetailsFields) changes: the MudForm's FieldChanged schedules the write.
        cut.Find("input[data-testid=client-name]").Change("Åsa Hemlig");
        var stored = WaitForStoredDraft();
        Assert.DoesNotContain("Hemlig", stored);
        Assert.DoesNotContain("Åsa", stored);
    }

    [Fact]
    public void An_encrypted_draft_is_restored_when_the_form_opens_again()
    {
        var first = RenderPage();
        first.Find("input[data-testid=client-name]").Change("Åsa Hemlig");
        var stored = WaitForStoredDraft();
        Context.JSInterop.Setup<string>("sessionStorage.getItem", _ => true).SetResult(stored);

        var again = Context.Render<RegisterClientPage>();
        again.WaitForAssertion(() => Assert.Single(again.FindAll("[data-testid=draft-restored]")));
        Assert.Equal("Åsa Hemlig", again.Find("input[data-testid=client-name]").GetAttribute("value"));
    }

    [Fact]
    public void A_draft_stored_in_clear_text_is_not_restored_and_is_removed()
    {
        var plain = Drafts.Write("""{"Name":"Åsa Hemlig"}""", Clock.GetUtcNow().UtcDateTime);
        Context.JSInterop.Setup<string>("sessionStorage.getItem", _ => true).SetResult(plain);
        var cut = RenderPage();
        cut.WaitForAssertion(() => Assert.Contains(Context.JSInterop.Invocations, i => i.Identifier == "sessionStorage.removeItem"));
        Assert.Empty(cut.FindAll("[data-testid=draft-restored]"));
        Assert.NotEqual("Åsa Hemlig", cut.Find("input[data-testid=client-name]").GetAttribute("value"));
    }

    /// <summary>Waits for the draft's write (after the pause, without a render: a wait, not a timing assertion).</summary>
    private string WaitForStoredDraft()
    {
        string? stored = null;
        bool Written()
        {
            try
            {
                stored = Context.JSInterop.Invocations.Where(i => i.Identifier == "sessionStorage.setItem")
                    .Select(i => i.Arguments[1] as string).LastOrDefault();
                return stored is not null;
            }
            catch (InvalidOperationException) { return false; } // the renderer added a call while we looked
        }
        Assert.True(SpinWait.SpinUntil(Written, TimeSpan.FromSeconds(10)));
        return stored!;
    }

    [Fact]
    public void The_introduction_names_what_is_required_and_that_the_code_is_made_for_the_user()
    {
        var text = RenderPage().Find("h1").NextElementSibling!.TextContent;
        Assert.DoesNotContain("Bara klientkoden", text);
        foreach (var required in new[] { "kommun", "första kontakt", "kontaktväg", "kontaktorsak", "klientkoden skapas automatiskt" })
            Assert.Contains(required, text);
    }

    [Fact]
    public async Task Submitting_an_empty_form_shows_Swedish_messages_and_saves_nothing()
    {
        var cut = RenderPage();
        cut.Find("[data-testid=register-save]").Click();
        cut.WaitForAssertion(() =>
        {
            Assert.Contains("Välj kontaktväg.", cut.Markup);
            Assert.Contains("Välj minst en kontaktorsak.", cut.Markup);
            Assert.Contains("Välj kommun eller stadsdel.", cut.Markup);
        });
        await using var db = Db.CreateContext();
        Assert.Equal(0, await db.Clients.CountAsync());
    }

    [Fact]
    public async Task A_mandate_dated_back_gets_the_contact_reasons_and_referral_paths_valid_on_its_date()
    {
        await using (var db = Db.CreateContext())
        {
            db.Categories.AddRange(
                new Category
                {
                    Kind = CategoryKind.ContactReason,
                    Name = "Orsak enligt gamla blanketten",
                    SortOrder = 90,
                    ValidTo = new DateOnly(2026, 10, 31),
                },
                new Category
                {
                    Kind = CategoryKind.ContactReason,
                    Name = "Orsak enligt nya blanketten",
                    SortOrder = 91,
                    ValidFrom = new DateOnly(2026, 11, 1),
                },
                new Category
                {
                    Kind = CategoryKind.ReferralPath,
                    Name = "Väg enligt nya blanketten",
                    SortOrder = 91,
                    ValidFrom = new DateOnly(2026, 11, 1),
                });
            await db.SaveChangesAsync();
        }
        var cut = RenderPage();
        Assert.Contains("Orsak enligt nya blanketten", cut.Markup);
        Assert.DoesNotContain("Orsak enligt gamla blanketten", cut.Markup);
        cut.FindAll("input[type=checkbox]")
            .Single(i => i.Closest("label")?.TextContent.Contains("Orsak enligt nya blanketten") == true)
            .Change(true);

        // October's client, registered in November: the lists follow the start date
        cut.Find("input[data-testid=mandate-registered]").Change("2026-10-10");
        cut.Find("input[data-testid=mandate-start]").Change("2026-10-15");
        cut.WaitForAssertion(() =>
        {
            Assert.Contains("Orsak enligt gamla blanketten", cut.Markup);
            Assert.DoesNotContain("Orsak enligt nya blanketten", cut.Markup);
        });

        cut.Find("input[data-testid=mandate-start]").Change("2026-11-20");
        cut.WaitForAssertion(() => Assert.Contains("Orsak enligt nya blanketten", cut.Markup));
        // the November reason ticked before was dropped while October's lists showed: nothing invalid is kept
        Assert.All(cut.FindAll("input[type=checkbox]"), i =>
            Assert.False(i.HasAttribute("checked") && i.Closest("label")?.TextContent.Contains("nya blanketten") == true));
    }

    [Fact]
    public void A_bad_personnummer_is_flagged_at_the_field()
    {
        var cut = RenderPage();
        cut.Find("input[data-testid=client-pnr]").Change("19811218-9875");
        cut.Find("[data-testid=register-save]").Click();
        cut.WaitForAssertion(() => Assert.Contains("Personnumrets kontrollsiffra stämmer inte.", cut.Markup));
    }

    [Fact]
    public async Task Without_municipalities_the_page_says_what_to_do_instead_of_showing_a_form_that_cannot_be_saved()
    {
        await using (var db = Db.CreateContext())
        {
            db.Municipalities.RemoveRange(db.Municipalities);
            await db.SaveChangesAsync();
        }
        RenderPopoverProvider();
        var cut = Context.Render<RegisterClientPage>();
        cut.WaitForAssertion(() =>
            Assert.Contains(Lookups.NoMunicipalitiesMessage, cut.Find("[data-testid=no-municipalities]").TextContent));
        Assert.Contains("Administration → Enheten", Lookups.NoMunicipalitiesMessage);
        Assert.Empty(cut.FindAll("[data-testid=register-save]"));
        Assert.Empty(cut.FindAll("input, textarea")); // no field to fill in
    }

    [Fact]
    public void The_form_offers_only_the_units_municipalities_and_todays_lists()
    {
        var cut = RenderPage();
        Assert.Equal(13, cut.FindAll("[data-testid=mandate-reasons] input[type=checkbox]").Count);
        Assert.Contains("Kontaktorsaker (minst en)", cut.Markup);
    }
}
