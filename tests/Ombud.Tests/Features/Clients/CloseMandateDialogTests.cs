using Bunit;
using MudBlazor;
using Ombud.Web.Features.Clients;

namespace Ombud.Tests.Features.Clients;

/// <summary>
/// The Avsluta uppdrag dialog lists what is still open and says what closing does to it; after the close the client page
/// shows nothing open (no next SIP meeting, every need with an outcome). Real handlers on an in-memory database.
/// </summary>
public sealed class CloseMandateDialogTests : ComponentTestBase
{
    private static readonly FakeTimeProvider Clock = TestClock.At(2026, 11, 23);
    private Mandate _mandate = null!;
    private Need _need = null!;

    public override async Task InitializeAsync()
    {
        Db = await TestDb.CreateAsync(clock: Clock);
        var unit = await Db.AddUnitAsync();
        Db.User = await Db.AddUserAsync(unit.Id, Roles.Ombud);
        _mandate = await Db.AddMandateAsync(Db.User, new DateOnly(2026, 3, 1));
        var actor = await Db.AddActorAsync(unit.Id, "Försäkringskassan");
        var lifeArea = await Db.CategoryAsync(CategoryKind.LifeArea, "Boende");
        await using (var db = Db.CreateContext())
        {
            _need = new Need
            {
                MandateId = _mandate.Id,
                LifeAreaId = lifeArea.Id,
                ClientWords = "Vill ha eget boende",
                IdentifiedOn = new DateOnly(2026, 4, 1),
            };
            db.Needs.Add(_need);
            db.SipMeetings.Add(new SipMeeting
            {
                MandateId = _mandate.Id,
                Date = new DateOnly(2026, 12, 10),
                Time = new TimeOnly(9, 30),
                Status = SipStatus.Planned,
                Measures = [new SipMeasure { ActorId = actor.Id, What = "Utreda aktivitetsersättning", DueOn = new DateOnly(2026, 12, 1) }],
            });
            await db.SaveChangesAsync();
        }
        AddAppServices(Clock);
    }

    [Fact]
    public async Task The_dialog_lists_the_open_work_and_after_closing_the_client_page_shows_nothing_open()
    {
        var page = RenderPage();
        page.WaitForAssertion(() =>
            Assert.Equal("Nästa SIP-möte: 2026-12-10 kl. 09:30", page.Find("[data-testid=sip-next-meeting]").TextContent.Trim()));

        var provider = RenderDialogProvider();
        var open = await Db.Get<CloseMandate.Handler>().ListOpenWorkAsync(_mandate.Id);
        var cmd = new CloseMandate.Command
        {
            MandateId = _mandate.Id,
            ClosedOn = new DateTime(2026, 11, 23),
            ClosureReasonId = (await Db.CategoryAsync(CategoryKind.ClosureReason, "Uppdraget slutfört")).Id,
            RemoveIdentityNow = false,
        };
        IDialogReference dialog = null!;
        await provider.InvokeAsync(async () => dialog = await Dialogs.ShowAsync<CloseMandateDialog>("Avsluta uppdraget",
            new DialogParameters<CloseMandateDialog>
            {
                { x => x.Command, cmd }, { x => x.ClientId, _mandate.ClientId }, { x => x.Reasons, [] }, { x => x.OpenWork, open },
            }));
        provider.WaitForAssertion(() => Assert.Single(provider.FindAll("[data-testid=close-open-work]")));

        var section = provider.Find("[data-testid=close-open-work]");
        Assert.Contains("2. Det som fortfarande är öppet", section.TextContent);
        Assert.Contains("3. Överlämning", provider.Markup);
        Assert.Contains("4. Uppgifterna om klienten", provider.Markup);
        Assert.Contains("Boende (identifierat): utfall", section.TextContent);
        Assert.Contains("Vill ha eget boende", section.TextContent);
        Assert.Equal(CloseMandate.DefaultNeedOutcome, cmd.NeedOutcomes[_need.Id]); // offered as ej tillgodosett, to change
        Assert.Equal("2026-12-10 kl. 09:30", provider.Find("[data-testid=close-planned-meeting]").TextContent.Trim());
        Assert.Contains("ställs in", section.TextContent);
        Assert.Equal("Försäkringskassan: Utreda aktivitetsersättning (senast 2026-12-01)",
            provider.Find("[data-testid=close-open-measure]").TextContent.Trim());
        Assert.Contains("markeras som ej genomförda", section.TextContent);

        cmd.NeedOutcomes[_need.Id] = NeedStatus.Met; // as if chosen in the select
        provider.Find("input[data-testid=close-handed-over]").Change(true);
        provider.WaitForAssertion(() => Assert.False(provider.Find("[data-testid=close-confirm]").HasAttribute("disabled")));
        provider.Find("[data-testid=close-confirm]").Click();
        var result = await dialog.Result.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(result!.Canceled);

        page = RenderPage();
        page.WaitForAssertion(() => Assert.Contains("Tillgodosett", page.Find("[data-testid=needs-table]").TextContent));
        page.WaitForAssertion(() => Assert.Contains("Inställt", page.Find("[data-testid=sip-panel]").TextContent));
        Assert.Empty(page.FindAll("[data-testid=sip-next-meeting]"));
        Assert.Empty(page.FindAll("[data-testid=sip-measure-row]"));
        Assert.Empty(page.FindAll("[data-testid=mandate-close]"));
    }

    [Fact]
    public async Task Without_open_work_the_dialog_shows_no_open_section_and_keeps_its_three_steps()
    {
        await using (var db = Db.CreateContext())
        {
            await db.SipMeasures.ExecuteDeleteAsync();
            await db.SipMeetings.ExecuteDeleteAsync();
            await db.Needs.ExecuteDeleteAsync();
        }
        var provider = RenderDialogProvider();
        var open = await Db.Get<CloseMandate.Handler>().ListOpenWorkAsync(_mandate.Id);
        Assert.True(open.IsEmpty);
        await provider.InvokeAsync(() => Dialogs.ShowAsync<CloseMandateDialog>("Avsluta uppdraget", new DialogParameters<CloseMandateDialog>
        {
            { x => x.Command, new CloseMandate.Command { MandateId = _mandate.Id } }, { x => x.ClientId, _mandate.ClientId },
            { x => x.Reasons, [] }, { x => x.OpenWork, open },
        }));
        provider.WaitForAssertion(() => Assert.Contains("2. Överlämning", provider.Markup));
        Assert.Empty(provider.FindAll("[data-testid=close-open-work]"));
        Assert.Contains("3. Uppgifterna om klienten", provider.Markup);
    }

    private IRenderedComponent<ClientPage> RenderPage()
    {
        RenderPopoverProvider();
        var cut = Context.Render<ClientPage>(p => p.Add(x => x.Id, _mandate.ClientId));
        cut.WaitForState(() => cut.FindAll("[data-testid=sip-current]").Count == 1, TimeSpan.FromSeconds(10));
        return cut;
    }
}
