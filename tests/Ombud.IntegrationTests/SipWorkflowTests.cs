using System.Net;
using Ombud.Web.Data.Seed;
using Ombud.Web.Features.Clients;
using Ombud.Web.Features.Contacts;
using Ombud.Web.Features.Followups;
using Ombud.Web.Features.Sip;

namespace Ombud.IntegrationTests;

/// <summary>SIP through the real host and database: record a meeting, follow it up, and see what is due in Mina uppgifter.</summary>
public class SipWorkflowTests(OmbudAppFactory app) : IClassFixture<OmbudAppFactory>
{
    private static async Task<(int ClientId, int MandateId, string Code)> RegisterAsync(HostScope s, DateOnly today)
    {
        var lookups = s.Get<Lookups.Handler>();
        var id = await s.Get<RegisterClient.Handler>().HandleAsync(new RegisterClient.Command
        {
            Gender = Gender.Man,
            MunicipalityId = (await lookups.MunicipalitiesAsync())[0].Id,
            RegisteredOn = Dates.ToDateTime(today.AddDays(-60)),
            StartNow = true,
            StartDate = Dates.ToDateTime(today.AddDays(-55)),
            ReferralPathId = (await lookups.CategoriesAsync(CategoryKind.ReferralPath, today))[0].Id,
            ContactReasonIds = [(await lookups.CategoriesAsync(CategoryKind.ContactReason, today))[0].Id],
        });
        var details = (await s.Get<GetClient.Handler>().HandleAsync(id))!;
        return (id, details.Mandate.Id, details.Code);
    }

    [Fact]
    public async Task A_SIP_with_an_overdue_measure_is_followed_up_and_listed_in_Mina_uppgifter_for_its_own_ombud_only()
    {
        await using var s = await HostScope.AsAsync(app, "ombud");
        var today = s.Get<TimeProvider>().Today();
        var (clientId, mandateId, code) = await RegisterAsync(s, today);
        var actors = await s.Get<Lookups.Handler>().ActorsAsync();
        var (withConsent, withoutConsent) = (actors[0], actors[1]);
        await s.Get<SaveConsent.Handler>()
            .HandleAsync(
                new SaveConsent.Command
                {
                    MandateId = mandateId,
                    ActorId = withConsent.Id,
                    GivenOn = Dates.ToDateTime(today.AddDays(-30))
                });

        var saved = await s.Get<SaveSipMeeting.Handler>().HandleAsync(new SaveSipMeeting.Command
        {
            MandateId = mandateId,
            Date = Dates.ToDateTime(today.AddDays(-20)),
            Status = SipStatus.Held,
            LeadActorId = withConsent.Id,
            ClientGoals = "Komma tillbaka till arbetslivet",
            FollowUpOn = Dates.ToDateTime(today.AddDays(10)),
            Participants = [new() { ActorId = withConsent.Id }, new() { ActorId = withoutConsent.Id }],
            Measures =
            [
                new() { ActorId = withConsent.Id, What = "Integrationstest: försenad åtgärd", DueOn = Dates.ToDateTime(today.AddDays(-3)) },
                new()
                {
                    ActorId = withoutConsent.Id,
                    What = "Integrationstest: kommande åtgärd",
                    DueOn = Dates.ToDateTime(today.AddDays(5))
                },
            ],
        });
        Assert.Equal([withoutConsent.Name], saved.ParticipantsWithoutConsent);

        var due = (await s.Get<ListDueItems.Handler>().HandleAsync()).Items.Where(i => i.ClientId == clientId).ToList();
        Assert.Equal(
            [
                (ListDueItems.Kind.SipMeasure, today.AddDays(-3), true),
                (ListDueItems.Kind.SipMeasure, today.AddDays(5), false),
                (ListDueItems.Kind.SipFollowUp, today.AddDays(10), false)],
            due.Select(i => (i.Kind, i.Date, i.Overdue)));
        Assert.All(due, i => Assert.Equal(code, i.ClientCode));
        Assert.Contains("försenad åtgärd", due[0].What);

        // Follow-up: prefilled from the first meeting, saved as a planned meeting on the follow-up date.
        var form = (await s.Get<GetSipMeeting.Handler>().HandleAsync(new GetSipMeeting.Query(clientId, FollowUpOf: saved.Id)))!;
        Assert.Equal(2, form.Command.Measures.Count);
        form.Command.Measures[1].Status = SipMeasureStatus.InProgress;
        var followUp = await s.Get<SaveSipMeeting.Handler>().HandleAsync(form.Command);
        // A second submit (double click, second tab) is refused: the open measures are not copied twice.
        var twice = await Assert.ThrowsAsync<DomainException>(() => s.Get<SaveSipMeeting.Handler>().HandleAsync(form.Command));
        Assert.Contains("redan en uppföljning", twice.Message);

        var overview = await s.Get<LoadSipPanel.Handler>().HandleAsync(mandateId);
        Assert.Equal(followUp.Id, overview.Current!.Id);
        Assert.Equal(1, overview.Current.OverdueMeasures);
        var after = (await s.Get<ListDueItems.Handler>().HandleAsync()).Items.Where(i => i.ClientId == clientId).ToList();
        Assert.Equal(
            [
                (ListDueItems.Kind.SipMeasure, today.AddDays(-3)),
                (ListDueItems.Kind.SipMeasure, today.AddDays(5)),
                (ListDueItems.Kind.SipMeeting, today.AddDays(10))],
            after.Select(i => (i.Kind, i.Date)));

        await using var other = await HostScope.AsAsync(app, "ombud2");
        Assert.DoesNotContain((await other.Get<ListDueItems.Handler>().HandleAsync()).Items, i => i.ClientId == clientId);
        await Assert.ThrowsAsync<NotFoundOrForbiddenException>(() => other.Get<SaveSipMeeting.Handler>().HandleAsync(form.Command));
        Assert.Null(await other.Get<GetSipSummary.Handler>().HandleAsync(clientId, followUp.Id));
    }

    [Fact]
    public async Task The_demo_data_has_SIP_meetings_with_overdue_measures()
    {
        await using var s = await HostScope.AsAsync(app, "ombud");
        var due = await s.Get<ListDueItems.Handler>().HandleAsync();
        Assert.Contains(due.Items, i => i.Kind == ListDueItems.Kind.SipMeasure && i.Overdue);
    }

    [Theory]
    [InlineData(null, "/uppgifter", HttpStatusCode.Redirect, "/konto/logga-in")]
    [InlineData(null, "/klienter/1/sip/1/utskrift", HttpStatusCode.Redirect, "/konto/logga-in")]
    [InlineData(null, "/klienter/1/sip/ny", HttpStatusCode.Redirect, "/konto/logga-in")]
    [InlineData("chef", "/uppgifter", HttpStatusCode.Redirect, "/konto/ingen-behorighet")]
    [InlineData("chef", "/klienter/1/sip/1/utskrift", HttpStatusCode.Redirect, "/konto/ingen-behorighet")]
    [InlineData("ombud", "/uppgifter", HttpStatusCode.OK, null)]
    [InlineData("ombud", "/klienter/1/sip/1/utskrift", HttpStatusCode.OK, null)]
    public async Task The_new_pages_require_sign_in_and_the_ombud_role(string? user, string path, HttpStatusCode expected, string? location)
    {
        using var client = app.CreateBrowserLikeClient();
        if (user is not null) await OmbudAppFactory.SignInAsync(client, user, DemoData.Password);
        var response = await client.GetAsync(path);
        Assert.Equal(expected, response.StatusCode);
        if (location is not null) Assert.StartsWith(location, response.Headers.Location!.PathAndQuery);
    }
}
