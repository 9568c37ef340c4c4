using Ombud.Web.Features.AnnualReport;
using Ombud.Web.Features.Clients;

namespace Ombud.IntegrationTests;

/// <summary>
/// A returning client gets a new mandate under the same code; the client page, Mina klienter and the statistics follow it.
/// </summary>
public class ReturningClientTests(OmbudAppFactory app) : IClassFixture<OmbudAppFactory>
{
    private static async Task<int> CategoryAsync(HostScope s, CategoryKind kind, string name) =>
        (await s.Get<Lookups.Handler>().CategoriesAsync(kind, null)).Single(c => c.Name == name).Id;

    private static async Task<int> RegisterAsync(HostScope s, string? pnr, DateTime start, string reason, string referral) =>
        await s.Get<RegisterClient.Handler>().HandleAsync(new RegisterClient.Command
        {
            PersonalNumber = pnr,
            Gender = Gender.Woman,
            BirthYear = pnr is null ? 1980 : null,
            MunicipalityId = (await s.Get<Lookups.Handler>().MunicipalitiesAsync())[0].Id,
            RegisteredOn = start,
            StartNow = true,
            StartDate = start,
            ReferralPathId = await CategoryAsync(s, CategoryKind.ReferralPath, referral),
            ContactReasonIds = [await CategoryAsync(s, CategoryKind.ContactReason, reason)],
        });

    private static async Task CloseAsync(HostScope s, int clientId, DateTime on)
    {
        var mandate = (await s.Get<GetClient.Handler>().HandleAsync(clientId))!.Mandate;
        await s.Get<CloseMandate.Handler>().HandleAsync(new CloseMandate.Command
        {
            MandateId = mandate.Id,
            ClosedOn = on,
            ClosureReasonId = await CategoryAsync(s, CategoryKind.ClosureReason, "Klienten avslutar"),
            RemoveIdentityNow = false,
            Version = mandate.Version,
        });
    }

    private static async Task<OpenMandate.Command> NewMandateAsync(
        HostScope s, int clientId, DateTime start, string reason, string referral) => new()
        {
            ClientId = clientId,
            RegisteredOn = start,
            StartNow = true,
            StartDate = start,
            ReferralPathId = await CategoryAsync(s, CategoryKind.ReferralPath, referral),
            ContactReasonIds = [await CategoryAsync(s, CategoryKind.ContactReason, reason)],
        };

    [Fact]
    public async Task The_own_ombud_opens_a_new_mandate_for_a_closed_client_and_the_page_and_list_show_it()
    {
        await using var s = await HostScope.AsAsync(app, "ombud");
        var clientId = await RegisterAsync(s, "19790314-9875", SwedishDate.TodayAsDateTime.AddDays(-60), "Ekonomi", "Egen kontakt");
        var closedOn = SwedishDate.TodayAsDateTime.AddDays(-20);
        await CloseAsync(s, clientId, closedOn);
        var closed = (await s.Get<GetClient.Handler>().HandleAsync(clientId))!;
        Assert.NotNull(closed.DisposeOn);

        // Registering the same personnummer again points the ombud to the existing client by its code.
        var duplicate = await Assert.ThrowsAsync<DomainException>(
            () => RegisterAsync(s, "197903149875", SwedishDate.TodayAsDateTime, "Ekonomi", "Egen kontakt"));
        Assert.Contains($"klientkod {closed.Code}", duplicate.Message);
        Assert.Contains("Nytt uppdrag", duplicate.Message);

        var open = s.Get<OpenMandate.Handler>();
        var beforeClosing = await Assert.ThrowsAsync<DomainException>(async () =>
            await open.HandleAsync(await NewMandateAsync(s, clientId, closedOn.AddDays(-1), "Frågor om bostad", "Psykiatrin")));
        Assert.Contains("före det förra uppdragets avslut", beforeClosing.Message);

        var start = SwedishDate.TodayAsDateTime.AddDays(-5);
        var mandateId = await open.HandleAsync(await NewMandateAsync(s, clientId, start, "Frågor om bostad", "Psykiatrin"));

        var details = (await s.Get<GetClient.Handler>().HandleAsync(clientId))!;
        Assert.Equal(closed.Code, details.Code);
        Assert.Equal(mandateId, details.Mandate.Id);
        Assert.Equal(MandateStatus.Active, details.Mandate.Status);
        Assert.Equal(DateOnly.FromDateTime(start), details.Mandate.StartDate);
        Assert.Equal("Psykiatrin", details.Mandate.ReferralPath);
        Assert.Equal(["Frågor om bostad"], details.Mandate.ContactReasons);
        Assert.Empty(details.Needs);
        Assert.Null(details.DisposeOn); // the removal date of the earlier closing no longer applies
        var past = Assert.Single(details.PastMandates);
        Assert.Equal((closed.Mandate.Id, DateOnly.FromDateTime(closedOn)), (past.Id, past.ClosedOn!.Value));

        var row = Assert.Single((await s.Get<ListMyClients.Handler>().HandleAsync(new ListMyClients.Query(Search: closed.Code))).Rows);
        Assert.Equal((MandateStatus.Active, (DateOnly?)DateOnly.FromDateTime(start)), (row.Status, row.StartDate));

        // Only one open mandate at a time, and the known personnummer now says the mandate is running.
        var second = await Assert.ThrowsAsync<DomainException>(async () =>
            await open.HandleAsync(await NewMandateAsync(s, clientId, SwedishDate.TodayAsDateTime, "Ekonomi", "Egen kontakt")));
        Assert.Contains("redan ett öppet uppdrag", second.Message);
        var running = await Assert.ThrowsAsync<DomainException>(
            () => RegisterAsync(s, "19790314-9875", SwedishDate.TodayAsDateTime, "Ekonomi", "Egen kontakt"));
        Assert.Contains("pågående uppdrag", running.Message);

        await using var db = await s.DbAsync();
        Assert.Equal(1, await db.Mandates.CountAsync(m => m.ClientId == clientId && m.Status != MandateStatus.Closed));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == AuditActions.Created && a.EntityType == nameof(Mandate)
            && a.EntityId == mandateId.ToString() && a.ClientId == clientId));
    }

    [Fact]
    public async Task Another_ombud_cannot_open_a_mandate_and_is_not_told_the_clients_code()
    {
        await using var s = await HostScope.AsAsync(app, "ombud");
        var clientId = await RegisterAsync(s, "19661003-9874", SwedishDate.TodayAsDateTime.AddDays(-40), "Ekonomi", "Egen kontakt");
        await CloseAsync(s, clientId, SwedishDate.TodayAsDateTime.AddDays(-30));
        var code = (await s.Get<GetClient.Handler>().HandleAsync(clientId))!.Code;

        await using var other = await HostScope.AsAsync(app, "ombud2");
        await Assert.ThrowsAsync<NotFoundOrForbiddenException>(async () =>
            await other.Get<OpenMandate.Handler>()
                .HandleAsync(await NewMandateAsync(other, clientId, SwedishDate.TodayAsDateTime, "Ekonomi", "Egen kontakt")));
        var duplicate = await Assert.ThrowsAsync<DomainException>(
            () => RegisterAsync(other, "19661003-9874", SwedishDate.TodayAsDateTime, "Ekonomi", "Egen kontakt"));
        Assert.DoesNotContain(code, duplicate.Message);
        Assert.Contains("Kontakta enhetschefen", duplicate.Message);

        await s.Get<AuditWriter>().FlushAsync(); // a denial is written in the background, as a read is
        await using var db = await s.DbAsync();
        Assert.Equal(1, await db.Mandates.CountAsync(m => m.ClientId == clientId));
        Assert.True(await db.AuditEntries.AnyAsync(
            a => a.Action == AuditActions.AccessDenied && a.UserId == other.User.Id && a.EntityId == clientId.ToString()));
    }

    [Fact]
    public async Task The_yearly_statistics_count_a_returning_client_once_with_both_mandates_reasons()
    {
        // docs/statistics.md: started 1 Feb, closed 1 May, reopened 1 Sep of the same year
        // -> 1 client, new, not closed, active at year end.
        var y = SwedishDate.Today.Year - 1;
        await using var lead = await HostScope.AsAsync(app, "chef");
        var stats = lead.Get<AnnualStatistics.Handler>();
        var before = await stats.HandleAsync(y, null);

        await using var s = await HostScope.AsAsync(app, "ombud");
        var clientId = await RegisterAsync(s, null, new DateTime(y, 2, 1), "Existentiella frågor", "Primärvården");
        await CloseAsync(s, clientId, new DateTime(y, 5, 1));
        var closed = await stats.HandleAsync(y, null);
        Assert.Equal((1, 1, 1, 0), Delta(before, closed));

        await s.Get<OpenMandate.Handler>()
            .HandleAsync(await NewMandateAsync(s, clientId, new DateTime(y, 9, 1), "Relationsfrågor", "Arbetsförmedlingen"));
        var after = await stats.HandleAsync(y, null);
        Assert.Equal((1, 1, 0, 1), Delta(before, after));
        Assert.Equal(1, after.ContactReasons.GetValueOrDefault("Existentiella frågor")
            - before.ContactReasons.GetValueOrDefault("Existentiella frågor"));
        Assert.Equal(1,
            after.ContactReasons.GetValueOrDefault("Relationsfrågor") - before.ContactReasons.GetValueOrDefault("Relationsfrågor"));
        Assert.Equal(1,
            after.ReferralPaths.GetValueOrDefault("Arbetsförmedlingen") - before.ReferralPaths.GetValueOrDefault("Arbetsförmedlingen"));
        Assert.Equal(1, after.ReferralPaths.GetValueOrDefault("Primärvården") - before.ReferralPaths.GetValueOrDefault("Primärvården"));
        Assert.Equal(0,
            after.ClosureReasons.GetValueOrDefault("Klienten avslutar") - before.ClosureReasons.GetValueOrDefault("Klienten avslutar"));
    }

    private static (int Clients, int New, int Closed, int Active) Delta(AnnualStatistics.Figures a, AnnualStatistics.Figures b) =>
        (b.Clients.Total - a.Clients.Total, b.NewClients.Total - a.NewClients.Total, b.ClosedClients.Total - a.ClosedClients.Total,
         b.ActiveAtYearEnd.Total - a.ActiveAtYearEnd.Total);
}
