using Microsoft.Extensions.Configuration;
using Ombud.Web.Features.Followups;

namespace Ombud.Tests.Features.Followups;

/// <summary>Mina uppgifter on an in-memory database, with the clock fixed at 23 Nov 2026 (Swedish time).</summary>
public class ListDueItemsTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = TestClock.At(2026, 11, 23);
    private static readonly DateOnly Today = new(2026, 11, 23);
    private TestDb _t = default!;
    private UserInfo _ombud = default!;
    private Actor _fk = default!;

    public async Task InitializeAsync()
    {
        _t = await TestDb.CreateAsync(clock: _clock);
        var unit = await _t.AddUnitAsync();
        _ombud = await _t.AddUserAsync(unit.Id, Roles.Ombud);
        _t.User = _ombud;
        _fk = await _t.AddActorAsync(unit.Id, "Försäkringskassan");
    }

    public async Task DisposeAsync() => await _t.DisposeAsync();

    private ListDueItems.Handler Handler(int? staleWeeks = null, int? consentDays = null)
    {
        var settings = new Dictionary<string, string?>();
        if (staleWeeks is { } w)
            settings[ListDueItems.PausedStaleWeeksSetting] = w.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (consentDays is { } d)
            settings[ListDueItems.ConsentExpiryDaysSetting] = d.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new(_t.Factory, _t.CurrentUser, _clock, new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
    }

    private async Task<SipMeeting> AddSipAsync(
        Mandate m, DateOnly date, SipStatus status, DateOnly? followUp,
        params (string What, int DueOffset, SipMeasureStatus Status)[] measures)
    {
        var sip = new SipMeeting { MandateId = m.Id, Date = date, Status = status, FollowUpOn = followUp };
        sip.Measures.AddRange(
            measures.Select(
                x => new SipMeasure { ActorId = _fk.Id, What = x.What, DueOn = Today.AddDays(x.DueOffset), Status = x.Status }));
        await using var db = _t.CreateContext();
        db.SipMeetings.Add(sip);
        await db.SaveChangesAsync();
        return sip;
    }

    [Fact]
    public async Task Nothing_due_gives_an_empty_list()
    {
        await _t.AddMandateAsync(_ombud);
        Assert.Empty((await Handler().HandleAsync()).Items);
    }

    [Fact]
    public async Task Lists_overdue_and_coming_SIP_items_by_date_and_leaves_out_done_and_distant_ones()
    {
        var m = await _t.AddMandateAsync(_ombud);
        await AddSipAsync(m, new DateOnly(2026, 10, 1), SipStatus.Held, Today.AddDays(14),
            ("Utreda aktivitetsersättning", -3, SipMeasureStatus.Planned),
            ("Skicka läkarintyget", 5, SipMeasureStatus.InProgress),
            ("Klart redan", -10, SipMeasureStatus.Done),
            ("Blev inte av", -10, SipMeasureStatus.NotDone),
            ("Långt fram", 15, SipMeasureStatus.Planned));

        var result = await Handler().HandleAsync();

        Assert.Equal(
            [
                (ListDueItems.Kind.SipMeasure, Today.AddDays(-3), true),
                (ListDueItems.Kind.SipMeasure, Today.AddDays(5), false),
                (ListDueItems.Kind.SipFollowUp, Today.AddDays(14), false)],
            result.Items.Select(i => (i.Kind, i.Date, i.Overdue)));
        Assert.Equal("Försäkringskassan: Utreda aktivitetsersättning", result.Items[0].What);
        Assert.All(result.Items, i => Assert.Equal(m.ClientId, i.ClientId));
        Assert.Equal(1, result.OverdueCount);
    }

    [Fact]
    public async Task Only_the_current_SIP_counts_once_it_has_been_followed_up()
    {
        var m = await _t.AddMandateAsync(_ombud);
        var first = await AddSipAsync(
            m, new DateOnly(2026, 9, 1), SipStatus.Held, Today.AddDays(-2), ("Gammal öppen åtgärd", -20, SipMeasureStatus.Planned));
        var followUp = first.StartFollowUp(Today);
        followUp.Date = Today.AddDays(3);
        await using (var db = _t.CreateContext())
        {
            db.SipMeetings.Add(followUp);
            await db.SaveChangesAsync();
        }

        var items = (await Handler().HandleAsync()).Items;

        // the carried-over measure once (not twice), the planned follow-up meeting, and no overdue follow-up of the first meeting
        Assert.Equal(
            [(ListDueItems.Kind.SipMeasure, Today.AddDays(-20)), (ListDueItems.Kind.SipMeeting, Today.AddDays(3))],
            items.Select(i => (i.Kind, i.Date)));
    }

    [Fact]
    public async Task Contact_follow_ups_show_until_a_later_contact_with_the_same_actor_is_logged()
    {
        var m = await _t.AddMandateAsync(_ombud);
        await using (var db = _t.CreateContext())
        {
            db.AuthorityContacts.Add(
                new AuthorityContact
                {
                    MandateId = m.Id,
                    ActorId = _fk.Id,
                    Date = new DateOnly(2026, 11, 1),
                    FollowUpOn = Today.AddDays(-1)
                });
            await db.SaveChangesAsync();
        }
        var item = Assert.Single((await Handler().HandleAsync()).Items);
        Assert.Equal((ListDueItems.Kind.ContactFollowUp, Today.AddDays(-1), true), (item.Kind, item.Date, item.Overdue));
        Assert.Contains("Försäkringskassan", item.What);

        await using (var db = _t.CreateContext())
        {
            db.AuthorityContacts.Add(new AuthorityContact { MandateId = m.Id, ActorId = _fk.Id, Date = Today });
            await db.SaveChangesAsync();
        }
        Assert.Empty((await Handler().HandleAsync()).Items);
    }

    [Theory]
    [InlineData(null, 56, true)]   // default 8 weeks: 56 days without activity makes it due today
    [InlineData(null, 41, false)]  // due in 15 days: beyond the 14-day horizon
    [InlineData(4, 28, true)]
    [InlineData(4, 10, false)]
    public async Task Paused_mandates_become_due_after_the_configured_weeks_without_activity(int? weeks, int daysSinceActivity, bool listed)
    {
        var m = await _t.AddMandateAsync(_ombud, new DateOnly(2026, 1, 10));
        await using (var db = _t.CreateContext())
        {
            var mandate = await db.Mandates.SingleAsync(x => x.Id == m.Id);
            mandate.Pause(new DateOnly(2026, 2, 1));
            mandate.LastActivityOn = Today.AddDays(-daysSinceActivity);
            await db.SaveChangesAsync();
        }
        var items = (await Handler(weeks).HandleAsync()).Items;
        Assert.Equal(listed, items.Any(i => i.Kind == ListDueItems.Kind.PausedMandate));
        if (listed)
        {
            var item = items.Single();
            Assert.Equal(Today.AddDays(-daysSinceActivity + 7 * (weeks ?? 8)), item.Date);
            Assert.False(item.Overdue);
        }
    }

    [Fact]
    public async Task Other_ombuds_clients_and_closed_mandates_are_left_out()
    {
        var other = await _t.AddUserAsync(_ombud.UnitId, Roles.Ombud);
        var foreign = await _t.AddMandateAsync(other);
        await AddSipAsync(foreign, new DateOnly(2026, 10, 1), SipStatus.Held, null, ("Någon annans", -1, SipMeasureStatus.Planned));
        var closed = await _t.AddMandateAsync(_ombud);
        await AddSipAsync(closed, new DateOnly(2026, 10, 1), SipStatus.Held, null, ("Avslutat uppdrag", -1, SipMeasureStatus.Planned));
        await using (var db = _t.CreateContext())
        {
            var m = await db.Mandates.SingleAsync(x => x.Id == closed.Id);
            m.Close(Today, await db.Categories.FirstAsync(c => c.Kind == CategoryKind.ClosureReason));
            await db.SaveChangesAsync();
        }
        Assert.Empty((await Handler().HandleAsync()).Items);

        _t.User = other;
        Assert.Equal("Försäkringskassan: Någon annans", Assert.Single((await Handler().HandleAsync()).Items).What);

        _t.User = TestDb.Admin(_ombud.UnitId);
        Assert.Empty((await Handler().HandleAsync()).Items);
    }

    [Fact]
    public async Task Overdue_and_the_horizon_use_the_Swedish_date()
    {
        var m = await _t.AddMandateAsync(_ombud);
        await AddSipAsync(m, new DateOnly(2026, 10, 1), SipStatus.Held, null);
        await using (var db = _t.CreateContext())
        {
            db.SipMeasures.Add(
                new SipMeasure
                {
                    SipMeetingId = (await db.SipMeetings.SingleAsync()).Id,
                    ActorId = _fk.Id,
                    What = "Nyårsåtgärd",
                    DueOn = new DateOnly(2026, 12, 31)
                });
            await db.SaveChangesAsync();
        }

        // A FakeTimeProvider only moves forward: the same moments, in time order.
        _clock.SetUtcNow(new DateTimeOffset(2026, 12, 16, 22, 30, 0, TimeSpan.Zero)); // still 16 Dec: 15 days ahead
        Assert.Empty((await Handler().HandleAsync()).Items);
        _clock.SetUtcNow(new DateTimeOffset(2026, 12, 16, 23, 30, 0, TimeSpan.Zero)); // 17 Dec in Stockholm: 31 Dec is 14 days ahead
        Assert.Single((await Handler().HandleAsync()).Items);
        _clock.SetUtcNow(new DateTimeOffset(2026, 12, 31, 22, 59, 0, TimeSpan.Zero)); // 23:59 on 31 Dec in Stockholm
        Assert.False(Assert.Single((await Handler().HandleAsync()).Items).Overdue);
        _clock.SetUtcNow(new DateTimeOffset(2026, 12, 31, 23, 30, 0, TimeSpan.Zero)); // 00:30 on 1 Jan in Stockholm
        Assert.True(Assert.Single((await Handler().HandleAsync()).Items).Overdue);
    }

    private async Task<Consent> AddConsentAsync(Mandate m, Actor actor, DateOnly? validUntil, DateOnly? withdrawnOn = null)
    {
        var consent = new Consent
        {
            MandateId = m.Id,
            ActorId = actor.Id,
            GivenOn = new DateOnly(2026, 1, 20),
            ValidUntil = validUntil,
            WithdrawnOn = withdrawnOn
        };
        await using var db = _t.CreateContext();
        db.Consents.Add(consent);
        await db.SaveChangesAsync();
        return consent;
    }

    [Fact]
    public async Task A_consent_ending_within_30_days_is_due_on_its_last_day_and_one_ended_lately_is_overdue()
    {
        var m = await _t.AddMandateAsync(_ombud);
        var af = await _t.AddActorAsync(_ombud.UnitId, "Arbetsförmedlingen");
        var region = await _t.AddActorAsync(_ombud.UnitId, "Regionen");
        var soc = await _t.AddActorAsync(_ombud.UnitId, "Socialtjänsten");
        await AddConsentAsync(m, _fk, Today.AddDays(30));    // ends in 30 days: due
        await AddConsentAsync(m, af, Today.AddDays(-5));     // ended 5 days ago: overdue
        await AddConsentAsync(m, region, Today.AddDays(31)); // beyond 30 days: not yet
        await AddConsentAsync(m, soc, null);                 // until further notice: never
        await AddConsentAsync(m, soc, Today.AddDays(-31));   // ended long ago: no longer listed

        var items = (await Handler().HandleAsync()).Items;

        Assert.Equal(
            [(ListDueItems.Kind.ConsentExpiry, Today.AddDays(-5), true), (ListDueItems.Kind.ConsentExpiry, Today.AddDays(30), false)],
            items.Select(i => (i.Kind, i.Date, i.Overdue)));
        Assert.Equal("Samtycket för Arbetsförmedlingen gällde till 2026-11-18 – förnya det med klienten", items[0].What);
        Assert.Equal("Samtycket för Försäkringskassan gäller till 2026-12-23 – förnya det med klienten", items[1].What);
        Assert.All(items, i => Assert.Equal(m.ClientId, i.ClientId));
        Assert.Equal("Samtycke", ListDueItems.Kind.ConsentExpiry.Name());
    }

    [Theory]
    [InlineData(10, 10, true)]
    [InlineData(10, 11, false)]
    [InlineData(60, 45, true)]
    public async Task The_consent_warning_days_are_configurable(int days, int endsIn, bool listed)
    {
        var m = await _t.AddMandateAsync(_ombud);
        await AddConsentAsync(m, _fk, Today.AddDays(endsIn));
        var result = await Handler(consentDays: days).HandleAsync();
        Assert.Equal(listed, result.Items.Any(i => i.Kind == ListDueItems.Kind.ConsentExpiry));
        Assert.Equal(days, result.ConsentExpiryDays);
    }

    [Fact]
    public async Task A_renewed_or_withdrawn_consent_is_not_due()
    {
        var m = await _t.AddMandateAsync(_ombud);
        await AddConsentAsync(m, _fk, Today.AddDays(10));
        await AddConsentAsync(m, _fk, Today.AddDays(200)); // renewed: lasts longer
        var af = await _t.AddActorAsync(_ombud.UnitId, "Arbetsförmedlingen");
        await AddConsentAsync(m, af, Today.AddDays(10), withdrawnOn: Today.AddDays(-1)); // withdrawn: nothing to renew
        var region = await _t.AddActorAsync(_ombud.UnitId, "Regionen");
        await AddConsentAsync(m, region, Today.AddDays(10));
        await AddConsentAsync(m, region, null); // renewed until further notice

        Assert.Empty((await Handler().HandleAsync()).Items);
    }

    [Fact]
    public async Task Consents_of_other_ombuds_other_units_and_closed_mandates_are_left_out()
    {
        var colleague = await _t.AddUserAsync(_ombud.UnitId, Roles.Ombud);
        await AddConsentAsync(await _t.AddMandateAsync(colleague), _fk, Today.AddDays(5));
        var otherUnit = await _t.AddUnitAsync("Andra enheten");
        var stranger = await _t.AddUserAsync(otherUnit.Id, Roles.Ombud);
        var strangersActor = await _t.AddActorAsync(otherUnit.Id, "Kronofogden");
        await AddConsentAsync(await _t.AddMandateAsync(stranger), strangersActor, Today.AddDays(5));
        var closed = await _t.AddMandateAsync(_ombud);
        await AddConsentAsync(closed, _fk, Today.AddDays(5));
        await using (var db = _t.CreateContext())
        {
            var mandate = await db.Mandates.SingleAsync(x => x.Id == closed.Id);
            mandate.Close(Today, await db.Categories.FirstAsync(c => c.Kind == CategoryKind.ClosureReason));
            await db.SaveChangesAsync();
        }
        var own = await _t.AddMandateAsync(_ombud);
        await AddConsentAsync(own, _fk, Today.AddDays(5));

        var item = Assert.Single((await Handler().HandleAsync()).Items);
        Assert.Equal((own.ClientId, ListDueItems.Kind.ConsentExpiry), (item.ClientId, item.Kind));

        _t.User = colleague;
        Assert.Single((await Handler().HandleAsync()).Items);
        _t.User = stranger;
        Assert.Contains("Kronofogden", Assert.Single((await Handler().HandleAsync()).Items).What);
        _t.User = TestDb.Admin(_ombud.UnitId);
        Assert.Empty((await Handler().HandleAsync()).Items);
    }
}
