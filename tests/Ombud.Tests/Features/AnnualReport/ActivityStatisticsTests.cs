using System.Text.Json;
using Ombud.Web.Features.AnnualReport;
using Ombud.Web.Features.Clients;
using Ombud.Web.Features.Contacts;
using Ombud.Web.Features.Needs;
using Ombud.Web.Features.Sip;
using static Ombud.Web.Features.AnnualReport.ActivityStatistics;

namespace Ombud.Tests.Features.AnnualReport;

/// <summary>The yearly report's figures on the work done (docs/statistics.md), pure and through the use cases.</summary>
public class ActivityStatisticsTests
{
    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    [Fact]
    public void Quartiles_interpolate_between_ranks_as_excels_quartile_inc()
    {
        Assert.Null(Quantile([], 0.5m));
        Assert.Equal(4m, Quantile([4m], 0.25m));
        Assert.Equal(12m, Quantile([6m, 18m], 0.5m));
        Assert.Equal(9m, Quantile([6m, 18m], 0.25m));
        Assert.Equal(15m, Quantile([18m, 6m], 0.75m));
        Assert.Equal(2.5m, Quantile([1m, 2m, 3m, 4m], 0.5m));
        Assert.Equal(1.8m, Quantile([1m, 2m, 3m, 4m], 0.25m)); // 1.75 → one decimal, away from zero
    }

    [Fact]
    public void Only_held_sip_meetings_of_the_year_count_and_a_client_counts_once()
    {
        var f = Compute(2025, new Facts(
            [
                new(1, D(2025, 2, 1), SipStatus.Held, true), new(1, D(2025, 9, 1), SipStatus.Held, false),
                new(2, D(2025, 3, 1), SipStatus.Planned, true), new(3, D(2025, 4, 1), SipStatus.Cancelled, true),
                new(4, D(2024, 12, 31), SipStatus.Held, true),
            ], [], [], []));
        Assert.Equal(new SipFigures(1, 2, 1), f.Sip);
    }

    [Fact]
    public void A_need_counts_in_each_year_it_was_open_with_its_outcome_as_it_stood_at_year_end()
    {
        NeedFact[] needs =
        [
            new(1, "Boende", NeedStatus.Met, D(2024, 10, 1), D(2025, 3, 1)),
            new(1, "Boende", NeedStatus.NotMet, D(2025, 1, 1), D(2026, 2, 1)), // resolved after the year: ongoing in 2025
            new(2, "Ekonomi", NeedStatus.InProgress, D(2025, 5, 1), null),
            new(3, "Ekonomi", NeedStatus.PartlyMet, D(2024, 1, 1), D(2024, 12, 31)), // done before 2025
            new(4, "Fritid", NeedStatus.Identified, D(2026, 1, 1), null), // after 2025
        ];
        var f = Compute(2025, new Facts([], needs, [], []));
        Assert.Equal(new Dictionary<string, int> { ["Boende"] = 1, ["Ekonomi"] = 1 }, f.NeedsByLifeArea);
        Assert.Equal(new NeedOutcomes(1, 0, 0, 2), f.NeedOutcomes);
        Assert.Equal(new NeedOutcomes(0, 1, 0, 1), Compute(2024, new Facts([], needs, [], [])).NeedOutcomes);
    }

    [Fact]
    public void Actors_and_kinds_of_help_count_clients_not_contacts()
    {
        ContactFact[] contacts =
        [
            new(1, "Försäkringskassan", ["Förstå beslut"]), new(1, "Försäkringskassan", ["Förstå beslut", "Överklaga beslut"]),
            new(2, "Försäkringskassan", []), new(2, "Psykiatrin", ["Förstå beslut"]),
        ];
        var f = Compute(2025, new Facts([], [], contacts, []));
        Assert.Equal([("Försäkringskassan", 2), ("Psykiatrin", 1)], f.ActorTypes.Select(kv => (kv.Key, kv.Value)));
        Assert.Equal([("Förstå beslut", 2), ("Överklaga beslut", 1)], f.HelpKinds.Select(kv => (kv.Key, kv.Value)));
    }

    [Fact]
    public void Length_counts_mandates_closed_in_the_year_in_months_and_waiting_mandates_started_in_the_year_in_days()
    {
        MandateDates[] mandates =
        [
            new(D(2025, 1, 10), D(2025, 2, 9), D(2025, 8, 10)), // 182 days: 6.0 months; waited 30 days
            new(D(2024, 5, 2), D(2024, 6, 1), D(2025, 12, 1)),  // 548 days: 18.0 months
            new(D(2025, 3, 1), D(2025, 3, 11), null),           // waited 10 days
            new(D(2025, 3, 1), null, D(2025, 4, 1)),            // left the waiting list: neither
        ];
        var f = Compute(2025, new Facts([], [], [], mandates)).Durations;
        Assert.Equal([6.0m, 18.0m], f.ClosedMandateMonths);
        Assert.Equal((12.0m, 9.0m, 15.0m), (f.MedianMonths!.Value, f.LowerQuartileMonths!.Value, f.UpperQuartileMonths!.Value));
        Assert.Equal([10, 30], f.WaitingDays);
        Assert.Equal(20m, f.MedianWaitingDays);
        var none = Compute(2023, new Facts([], [], [], mandates)).Durations;
        Assert.Null(none.MedianMonths);
        Assert.Null(none.MedianWaitingDays);
    }
}

/// <summary>The same figures from data entered through the use cases, in the report, its JSON and files.</summary>
public sealed class ActivityFiguresThroughUseCasesTests : IAsyncLifetime
{
    private static DateTime T(int y, int m, int d) => new(y, m, d);
    private TestDb _t = null!;
    private UserInfo _ombud = null!, _lead = null!;

    public async Task InitializeAsync()
    {
        _t = await TestDb.CreateAsync(clock: TestClock.At(2026, 3, 1));
        var unit = await _t.AddUnitAsync();
        _ombud = await _t.AddUserAsync(unit.Id, Roles.Ombud);
        _lead = await _t.AddUserAsync(unit.Id, Roles.UnitLead);
    }

    public async Task DisposeAsync() => await _t.DisposeAsync();

    private async Task<int> RegisterAsync(DateTime registered, DateTime start)
    {
        await using var db = _t.CreateContext();
        var municipality = await db.Municipalities.Where(m => m.UnitId == _ombud.UnitId).Select(m => m.Id).FirstAsync();
        var clientId = await _t.Get<RegisterClient.Handler>().HandleAsync(new RegisterClient.Command
        {
            Gender = Gender.Woman,
            BirthYear = 1980,
            MunicipalityId = municipality,
            StartNow = true,
            RegisteredOn = registered,
            StartDate = start,
            ReferralPathId = (await _t.CategoryAsync(CategoryKind.ReferralPath, "Egen kontakt")).Id,
            ContactReasonIds = [(await _t.CategoryAsync(CategoryKind.ContactReason, "Ekonomi")).Id],
        });
        return await db.Mandates.Where(m => m.ClientId == clientId).Select(m => m.Id).SingleAsync();
    }

    private async Task SipAsync(int mandate, DateTime date, SipStatus status, bool ombudAttended) =>
        await _t.Get<SaveSipMeeting.Handler>().HandleAsync(new SaveSipMeeting.Command
        {
            MandateId = mandate,
            Date = date,
            Status = status,
            OmbudAttended = ombudAttended,
            ClientAttends = true,
        });

    private async Task NeedAsync(int mandate, string area, DateTime identified, NeedStatus status, DateTime? resolved = null) =>
        await _t.Get<SaveNeed.Handler>().HandleAsync(new SaveNeed.Command
        {
            MandateId = mandate,
            LifeAreaId = (await _t.CategoryAsync(CategoryKind.LifeArea, area)).Id,
            ClientWords = "Med egna ord",
            IdentifiedOn = identified,
            Status = status,
            ResolvedOn = resolved,
        });

    private async Task ContactAsync(int mandate, string actor, DateTime date, params string[] help)
    {
        await using var db = _t.CreateContext();
        var actorId = await db.Actors.Where(a => a.UnitId == _ombud.UnitId && a.Name == actor).Select(a => a.Id).SingleAsync();
        var helpIds = new List<int>();
        foreach (var h in help) helpIds.Add((await _t.CategoryAsync(CategoryKind.HelpKind, h)).Id);
        await _t.Get<SaveContact.Handler>().HandleAsync(new SaveContact.Command
        {
            MandateId = mandate,
            ActorId = actorId,
            Date = date,
            HelpKindIds = helpIds,
            ConfirmWithoutConsent = true,
        });
    }

    private async Task CloseAsync(int mandate, DateTime on)
    {
        await using var db = _t.CreateContext();
        var version = await db.Mandates.Where(m => m.Id == mandate).Select(m => m.Version).SingleAsync();
        await _t.Get<CloseMandate.Handler>().HandleAsync(new CloseMandate.Command
        {
            MandateId = mandate,
            ClosedOn = on,
            ClosureReasonId = (await _t.CategoryAsync(CategoryKind.ClosureReason, "Uppdraget slutfört")).Id,
            Version = version,
        });
    }

    [Fact]
    public async Task Sip_needs_actors_help_length_and_waiting_are_counted_from_what_the_ombud_recorded()
    {
        await _t.AddActorAsync(_ombud.UnitId, "Försäkringskassan",
            (await _t.CategoryAsync(CategoryKind.ActorType, "Försäkringskassan")).Id);
        await _t.AddActorAsync(_ombud.UnitId, "Psykiatrin", (await _t.CategoryAsync(CategoryKind.ActorType, "Psykiatrin")).Id);
        _t.User = _ombud;
        var a = await RegisterAsync(T(2025, 1, 10), T(2025, 2, 9));
        var b = await RegisterAsync(T(2025, 3, 1), T(2025, 3, 11));
        var c = await RegisterAsync(T(2024, 5, 2), T(2024, 6, 1));

        await SipAsync(a, T(2025, 4, 1), SipStatus.Held, true);
        await SipAsync(a, T(2025, 7, 1), SipStatus.Held, false);
        await SipAsync(b, T(2025, 5, 1), SipStatus.Cancelled, true);
        await SipAsync(c, T(2024, 10, 1), SipStatus.Held, true);
        await NeedAsync(a, "Boende", T(2025, 2, 10), NeedStatus.Met, T(2025, 6, 1));
        await NeedAsync(a, "Ekonomi", T(2025, 2, 10), NeedStatus.InProgress);
        await NeedAsync(b, "Boende", T(2025, 3, 11), NeedStatus.NotMet, T(2026, 1, 15));
        await NeedAsync(c, "Ekonomi", T(2024, 6, 1), NeedStatus.PartlyMet, T(2024, 12, 1));
        await ContactAsync(a, "Försäkringskassan", T(2025, 3, 1), "Förstå beslut");
        await ContactAsync(a, "Försäkringskassan", T(2025, 4, 1), "Förstå beslut");
        await ContactAsync(b, "Psykiatrin", T(2025, 5, 1), "Förstå beslut", "Förbereda möte");
        await CloseAsync(a, T(2025, 8, 10));
        await CloseAsync(c, T(2025, 12, 1));

        _t.User = _lead;
        var report = await _t.Get<YearReport.Handler>().HandleAsync(2025, null);
        var f = report.Current.Activity;
        Assert.Equal(new SipFigures(1, 2, 1), f.Sip);
        Assert.Equal(new SipFigures(1, 1, 1), report.Previous.Activity.Sip);
        Assert.Equal(new Dictionary<string, int> { ["Boende"] = 2, ["Ekonomi"] = 1 }, f.NeedsByLifeArea);
        // a's open Ekonomi need ends as ej tillgodosett when a closes (nothing stays open on a closed mandate); b's need is
        // resolved only in 2026, so it is ongoing at the end of 2025
        Assert.Equal(new NeedOutcomes(1, 0, 1, 1), f.NeedOutcomes);
        Assert.Equal(new Dictionary<string, int> { ["Försäkringskassan"] = 1, ["Psykiatrin"] = 1 }, f.ActorTypes);
        Assert.Equal(new Dictionary<string, int> { ["Förstå beslut"] = 2, ["Förbereda möte"] = 1 }, f.HelpKinds);
        Assert.Equal((12.0m, 9.0m, 15.0m),
            (f.Durations.MedianMonths!.Value, f.Durations.LowerQuartileMonths!.Value, f.Durations.UpperQuartileMonths!.Value));
        Assert.Equal(20m, f.Durations.MedianWaitingDays);
        Assert.Equal(30m, report.Previous.Activity.Durations.MedianWaitingDays);

        // the tables (page, print, xlsx, CSV) with the previous year beside them
        var sip = report["sip"].Rows;
        Assert.Equal([(1m, 1m), (2m, 1m), (1m, 1m)], sip.Select(r => (r.Value!.Value, r.Previous!.Value)));
        var median = report["mandate-length"].Rows[1];
        Assert.Equal(("Median, månader", 12.0m, (decimal?)null), (median.Label, median.Value!.Value, median.Previous));
        Assert.Contains("\r\nVäntetid till start\r\nStartade uppdrag;2025;2024;Skillnad\r\n"
            + "Antal startade uppdrag;2;1;1\r\nMedian, dagar;20;30;-10\r\n",
            System.Text.Encoding.UTF8.GetString(ReportFiles.Csv(report)));

        // the JSON: the new keys beside the existing ones, which keep their names and order
        using var json = JsonDocument.Parse(ReportJson.Serialize(report));
        string[] existing =
        [
            "year", "municipality", "clients", "newClients", "closedClients", "activeAtYearEnd", "ageGroups",
            "clientsWithChildrenAtHome", "contactReasons", "referralPaths", "closureReasons", "systemFaults",
            "steeringGroupMeetings", "steeringGroupOrganisations", "fte",
        ];
        var keys = json.RootElement.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(existing, keys.Take(existing.Length));
        var root = json.RootElement;
        Assert.Equal(2, root.GetProperty("sip").GetProperty("meetingsHeld").GetInt32());
        Assert.Equal(1, root.GetProperty("needOutcomes").GetProperty("ongoing").GetInt32());
        Assert.Equal(1, root.GetProperty("needOutcomes").GetProperty("notMet").GetInt32());
        Assert.Equal(2, root.GetProperty("needsByLifeArea").GetProperty("Boende").GetInt32());
        Assert.Equal(1, root.GetProperty("actorTypes").GetProperty("Psykiatrin").GetInt32());
        Assert.Equal(2, root.GetProperty("helpKinds").GetProperty("Förstå beslut").GetInt32());
        Assert.Equal(12.0m, root.GetProperty("mandateLength").GetProperty("medianMonths").GetDecimal());
        Assert.Equal(2, root.GetProperty("mandateLength").GetProperty("closedMandates").GetInt32());
        Assert.Equal(20m, root.GetProperty("waitingTime").GetProperty("medianDays").GetDecimal());
        Assert.Equal(30m, root.GetProperty("previousYear").GetProperty("waitingTime").GetProperty("medianDays").GetDecimal());
        Assert.Equal("previousYear", keys[^1]);
    }
}
