using Bunit;
using Microsoft.AspNetCore.Components;
using Ombud.Web.Features.Sip;

namespace Ombud.Tests.Features.Sip;

/// <summary>The SIP meeting form with the real validators and handlers on an in-memory database.</summary>
public sealed class SipMeetingPageTests : ComponentTestBase
{
    private static readonly FakeTimeProvider Clock = TestClock.At(2026, 11, 23);
    private Mandate _mandate = null!;
    private Actor _withConsent = null!, _withoutConsent = null!;

    public override async Task InitializeAsync()
    {
        Db = await TestDb.CreateAsync(clock: Clock);
        var unit = await Db.AddUnitAsync();
        Db.User = await Db.AddUserAsync(unit.Id, Roles.Ombud);
        _mandate = await Db.AddMandateAsync(Db.User, new DateOnly(2026, 3, 1));
        _withConsent = await Db.AddActorAsync(unit.Id, "Socialtjänsten – socialpsykiatri");
        _withoutConsent = await Db.AddActorAsync(unit.Id, "Försäkringskassan");
        await using var db = Db.CreateContext();
        db.Consents.Add(new Consent { MandateId = _mandate.Id, ActorId = _withConsent.Id, GivenOn = new DateOnly(2026, 3, 1) });
        await db.SaveChangesAsync();
        AddAppServices(Clock);
    }

    private IRenderedComponent<SipMeetingPage> Render(int? sipId = null, int? followUpOf = null, string waitFor = "sip-save")
    {
        RenderPopoverProvider();
        var nav = Context.Services.GetRequiredService<NavigationManager>();
        nav.NavigateTo($"/klienter/{_mandate.ClientId}/sip/{(sipId?.ToString() ?? "ny")}{(followUpOf is { } f ? $"?fran={f}" : "")}");
        var cut = Context.Render<SipMeetingPage>(ps =>
        {
            ps.Add(p => p.ClientId, _mandate.ClientId);
            ps.Add(p => p.SipId, sipId);
        });
        cut.WaitForState(() => cut.FindAll($"[data-testid={waitFor}]").Count == 1);
        return cut;
    }

    private async Task<SipMeeting> AddMeetingAsync(params int[] participantActorIds)
    {
        var sip = new SipMeeting
        {
            MandateId = _mandate.Id,
            Date = new DateOnly(2026, 11, 10),
            Status = SipStatus.Held,
            FollowUpOn = new DateOnly(2026, 12, 15),
            Participants = participantActorIds.Select(a => new SipParticipant { ActorId = a }).ToList(),
            Measures =
            [
                new SipMeasure { ActorId = _withConsent.Id, What = "Ansöka om boendestöd", DueOn = new DateOnly(2026, 11, 20) },
                new SipMeasure
                {
                    ActorId = _withConsent.Id,
                    What = "Skriva krisplan",
                    DueOn = new DateOnly(2026, 11, 1),
                    Status = SipMeasureStatus.Done
                },
            ],
        };
        await using var db = Db.CreateContext();
        db.SipMeetings.Add(sip);
        await db.SaveChangesAsync();
        return sip;
    }

    [Fact]
    public async Task A_measure_without_a_responsible_actor_or_date_is_flagged_at_its_fields_and_nothing_is_saved()
    {
        var cut = Render();
        var nav = Context.Services.GetRequiredService<NavigationManager>();
        var before = nav.Uri;
        cut.Find("[data-testid=sip-measure-add]").Click();
        cut.Find("[data-testid=sip-save]").Click();

        cut.WaitForAssertion(() =>
        {
            var row = cut.Find("[data-testid=sip-measure-edit-row]");
            Assert.Contains("Välj vilken aktör som ansvarar för åtgärden.", row.TextContent);
            Assert.Contains("Beskriv åtgärden kort.", row.TextContent);
            Assert.Contains("Ange senast när åtgärden ska vara klar.", row.TextContent); // at the date field, not only in a snackbar
        });
        Assert.Equal(before, nav.Uri); // still on the form
        await using var db = Db.CreateContext();
        Assert.Equal(0, await db.SipMeetings.CountAsync());
        Assert.Equal(0, await db.SipMeasures.CountAsync());
    }

    [Fact]
    public async Task A_participant_actor_without_valid_consent_in_the_mandate_is_flagged_and_one_with_consent_is_not()
    {
        var sip = await AddMeetingAsync(_withConsent.Id, _withoutConsent.Id);

        var cut = Render(sip.Id);

        var rows = cut.FindAll("[data-testid=sip-participant-row]");
        Assert.Equal(2, rows.Count);
        Assert.Empty(rows[0].QuerySelectorAll("[data-testid=participant-no-consent]"));
        Assert.Contains("Inget giltigt samtycke", rows[1].QuerySelector("[data-testid=participant-no-consent]")!.TextContent);
        Assert.Contains("tystnadsplikt", cut.Find("[data-testid=sip-consent-warning]").TextContent);
    }

    [Fact]
    public async Task With_consent_for_every_participant_nothing_is_flagged()
    {
        var sip = await AddMeetingAsync(_withConsent.Id);
        var cut = Render(sip.Id);
        Assert.Empty(cut.FindAll("[data-testid=participant-no-consent]"));
        Assert.Empty(cut.FindAll("[data-testid=sip-consent-warning]"));
    }

    [Fact]
    public async Task A_followed_up_meeting_offers_its_follow_up_shows_measures_as_handed_on_and_no_second_follow_up()
    {
        var sip = await AddMeetingAsync();
        var cut = Render(sip.Id);
        Assert.Single(cut.FindAll("[data-testid=sip-create-followup]"));
        Assert.Contains("Försenad", cut.Find("[data-testid=sip-measure-edit-row]").TextContent); // 20 Nov has passed

        var followUp = sip.StartFollowUp(new DateOnly(2026, 11, 23));
        await using (var db = Db.CreateContext())
        {
            db.SipMeetings.Add(followUp);
            await db.SaveChangesAsync();
        }

        cut = Render(sip.Id);
        Assert.Empty(cut.FindAll("[data-testid=sip-create-followup]"));
        Assert.Equal($"/klienter/{_mandate.ClientId}/sip/{followUp.Id}", cut.Find("[data-testid=sip-open-followup]").GetAttribute("href"));
        Assert.Single(cut.FindAll("[data-testid=sip-measures-handed-on]"));
        var first = cut.FindAll("[data-testid=sip-measure-edit-row]")[0].TextContent;
        Assert.Contains("Överförd till uppföljning", first);
        Assert.DoesNotContain("Försenad", first);

        // Asking for another follow-up (an old link, another tab) offers the existing one instead of a form.
        var again = Render(followUpOf: sip.Id, waitFor: "sip-already-followed-up");
        Assert.Empty(again.FindAll("[data-testid=sip-save]"));
        Assert.Equal(
            $"/klienter/{_mandate.ClientId}/sip/{followUp.Id}",
            again.Find("[data-testid=sip-open-existing-followup]").GetAttribute("href"));
    }

    [Fact]
    public async Task Following_up_a_cancelled_meeting_shows_the_reason_instead_of_failing()
    {
        var sip = await AddMeetingAsync();
        await using (var db = Db.CreateContext())
        {
            (await db.SipMeetings.SingleAsync()).Status = SipStatus.Cancelled;
            await db.SaveChangesAsync();
        }
        var cut = Render(followUpOf: sip.Id, waitFor: "sip-load-error");
        Assert.Contains("inställt SIP-möte kan inte följas upp", cut.Find("[data-testid=sip-load-error]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=sip-retry]"));
    }
}
