using System.Text.Json;
using FluentValidation;
using Ombud.Web.Data.Seed;
using Ombud.Web.Features.AnnualReport;
using Ombud.Web.Features.Clients;
using Ombud.Web.Features.Contacts;

namespace Ombud.Tests.Features.AnnualReport;

/// <summary>Posts per municipality, "efter uppdraget" and peer support, and the submitted year, through the use cases.</summary>
public sealed class PostsAfterMandateAndSubmissionTests : IAsyncLifetime
{
    private static DateTime T(int y, int m, int d) => new(y, m, d);
    private TestDb _t = null!;
    private Unit _unit = null!;
    private UserInfo _ombud = null!, _lead = null!;

    public async Task InitializeAsync()
    {
        _t = await TestDb.CreateAsync(clock: TestClock.At(2026, 3, 1));
        _unit = await _t.AddUnitAsync("Enheten", "Kista", "Rinkeby");
        _ombud = await _t.AddUserAsync(_unit.Id, Roles.Ombud);
        _lead = await _t.AddUserAsync(_unit.Id, Roles.UnitLead);
    }

    public async Task DisposeAsync() => await _t.DisposeAsync();

    private async Task<int> MunicipalityAsync(string name)
    {
        await using var db = _t.CreateContext();
        return await db.Municipalities.Where(m => m.Name == name).Select(m => m.Id).SingleAsync();
    }

    private async Task<(int ClientId, int MandateId)> RegisterAsync(DateTime start)
    {
        _t.User = _ombud;
        var clientId = await _t.Get<RegisterClient.Handler>().HandleAsync(new RegisterClient.Command
        {
            Gender = Gender.Man,
            BirthYear = 1990,
            MunicipalityId = await MunicipalityAsync("Kista"),
            StartNow = true,
            RegisteredOn = start,
            StartDate = start,
            ReferralPathId = (await _t.CategoryAsync(CategoryKind.ReferralPath, "Egen kontakt")).Id,
            ContactReasonIds = [(await _t.CategoryAsync(CategoryKind.ContactReason, "Ekonomi")).Id],
        });
        await using var db = _t.CreateContext();
        return (clientId, await db.Mandates.Where(m => m.ClientId == clientId).Select(m => m.Id).SingleAsync());
    }

    private async Task CloseAsync(int mandateId, DateTime on, int? afterMandateId)
    {
        _t.User = _ombud;
        await using var db = _t.CreateContext();
        var version = await db.Mandates.Where(m => m.Id == mandateId).Select(m => m.Version).SingleAsync();
        await _t.Get<CloseMandate.Handler>().HandleAsync(new CloseMandate.Command
        {
            MandateId = mandateId,
            ClosedOn = on,
            ClosureReasonId = (await _t.CategoryAsync(CategoryKind.ClosureReason, "Uppdraget slutfört")).Id,
            AfterMandateId = afterMandateId,
            Version = version,
        });
    }

    [Fact]
    public async Task Posts_per_municipality_are_listed_with_their_sum_and_an_empty_value_removes_one()
    {
        _t.User = _lead;
        var kista = await MunicipalityAsync("Kista");
        var rinkeby = await MunicipalityAsync("Rinkeby");
        var save = _t.Get<SaveMunicipalityPosts.Handler>();
        await save.HandleAsync(new SaveMunicipalityPosts.Command
        {
            Year = 2025,
            Posts = [new() { MunicipalityId = kista, Posts = 1.5m }, new() { MunicipalityId = rinkeby, Posts = 2m }],
        });
        await save.HandleAsync(new SaveMunicipalityPosts.Command { Year = 2024, Posts = [new() { MunicipalityId = kista, Posts = 1m }] });

        var report = await _t.Get<YearReport.Handler>().HandleAsync(2025, null);
        Assert.Equal([("Kista", 1.5m, 1m), ("Rinkeby", 2m, null), ("Totalt", 3.5m, 1m)],
            report["posts"].Rows.Select(r => (r.Label, r.Value, r.Previous)));
        Assert.Null(report.Current.Fte); // the unit's own figure stays apart
        using (var json = JsonDocument.Parse(ReportJson.Serialize(report)))
        {
            Assert.Equal(1.5m, json.RootElement.GetProperty("postsPerMunicipality").GetProperty("Kista").GetDecimal());
            var previous = json.RootElement.GetProperty("previousYear").GetProperty("postsPerMunicipality");
            Assert.Equal(JsonValueKind.Null, previous.GetProperty("Rinkeby").ValueKind);
        }
        // the same list whichever municipality is chosen (a unit figure)
        Assert.Equal(report["posts"].Rows, (await _t.Get<YearReport.Handler>().HandleAsync(2025, rinkeby))["posts"].Rows);

        await save.HandleAsync(new SaveMunicipalityPosts.Command
        {
            Year = 2025,
            Posts = [new() { MunicipalityId = rinkeby, Posts = null }],
        });
        await using var db = _t.CreateContext();
        Assert.Equal([(kista, 2024, 1m), (kista, 2025, 1.5m)],
            db.MunicipalityYearPosts.OrderBy(x => x.Year).AsEnumerable().Select(x => (x.MunicipalityId, x.Year, x.Posts)));
    }

    [Fact]
    public async Task A_municipality_without_clients_is_removed_with_its_posts()
    {
        _t.User = _lead;
        var rinkeby = await MunicipalityAsync("Rinkeby");
        await _t.Get<SaveMunicipalityPosts.Handler>().HandleAsync(new SaveMunicipalityPosts.Command
        {
            Year = 2025,
            Posts = [new() { MunicipalityId = rinkeby, Posts = 1m }],
        });
        _t.User = await _t.AddUserAsync(_unit.Id, Roles.Admin);
        await _t.Get<Ombud.Web.Features.Admin.DeleteMunicipality.Handler>().HandleAsync(new(rinkeby));
        await using var db = _t.CreateContext();
        Assert.Empty(db.MunicipalityYearPosts);
        Assert.False(await db.Municipalities.AnyAsync(m => m.Id == rinkeby));
    }

    [Fact]
    public async Task The_report_for_another_units_municipality_is_refused_and_its_clients_never_count()
    {
        await RegisterAsync(new DateTime(2025, 2, 1));
        var other = await _t.AddUnitAsync("Grannenheten", "Solna");
        var solna = await MunicipalityAsync("Solna");
        _t.User = await _t.AddUserAsync(other.Id, Roles.Ombud);
        await _t.Get<RegisterClient.Handler>().HandleAsync(new RegisterClient.Command
        {
            Gender = Gender.Woman,
            BirthYear = 1985,
            MunicipalityId = solna,
            StartNow = true,
            RegisteredOn = new DateTime(2025, 3, 1),
            StartDate = new DateTime(2025, 3, 1),
            ReferralPathId = (await _t.CategoryAsync(CategoryKind.ReferralPath, "Egen kontakt")).Id,
            ContactReasonIds = [(await _t.CategoryAsync(CategoryKind.ContactReason, "Ekonomi")).Id],
        });

        // A crafted request: this unit's lead asks for the neighbour's municipality (ids are guessable).
        _t.User = _lead;
        var ex = await Assert.ThrowsAsync<DomainException>(() => _t.Get<YearReport.Handler>().HandleAsync(2025, solna));
        Assert.Contains("finns inte i enheten", ex.Message);
        var figures = _t.Get<AnnualStatistics.Handler>();
        Assert.Equal(0, (await figures.HandleAsync(2025, solna)).Clients.Total);
        var own = await figures.HandleAsync(2025, null);
        Assert.Equal(new AnnualStatistics.ByGender(1, 0, 1, 0, 0), own.Clients); // the own unit's man, not the neighbour's woman
    }

    [Fact]
    public async Task Posts_are_refused_for_another_units_municipality_for_an_ombud_and_with_three_decimals()
    {
        var other = await _t.AddUnitAsync("Grannenheten", "Solna");
        var solna = await MunicipalityAsync("Solna");
        var kista = await MunicipalityAsync("Kista");
        _t.User = _lead;
        var save = _t.Get<SaveMunicipalityPosts.Handler>();
        var ex = await Assert.ThrowsAsync<DomainException>(() =>
            save.HandleAsync(new SaveMunicipalityPosts.Command { Year = 2025, Posts = [new() { MunicipalityId = solna, Posts = 1m }] }));
        Assert.Contains("finns inte i enheten", ex.Message);
        await Assert.ThrowsAsync<ValidationException>(() => save.HandleAsync(new SaveMunicipalityPosts.Command
        {
            Year = 2025,
            Posts = [new() { MunicipalityId = kista, Posts = 1.125m }],
        }));
        _t.User = _ombud;
        await Assert.ThrowsAsync<DomainException>(() =>
            save.HandleAsync(new SaveMunicipalityPosts.Command { Year = 2025, Posts = [new() { MunicipalityId = kista, Posts = 1m }] }));
        await using var db = _t.CreateContext();
        Assert.Empty(db.MunicipalityYearPosts);
        Assert.NotEqual(other.Id, _unit.Id);
    }

    [Fact]
    public async Task After_the_mandate_and_peer_support_are_counted_from_the_close_dialog_and_the_contacts()
    {
        var studies = (await _t.CategoryAsync(CategoryKind.AfterMandate, "Studier")).Id;
        var peer = (await _t.CategoryAsync(CategoryKind.AfterMandate, DefaultCategories.PeerSupportAfterMandate)).Id;
        var peerType = (await _t.CategoryAsync(CategoryKind.ActorType, DefaultCategories.PeerSupportActorTypes[0])).Id;
        var rsmh = await _t.AddActorAsync(_unit.Id, "RSMH", peerType);
        var a = await RegisterAsync(T(2025, 1, 10));
        var b = await RegisterAsync(T(2025, 2, 1));
        var c = await RegisterAsync(T(2025, 3, 1));
        var d = await RegisterAsync(T(2025, 3, 1));
        _t.User = _ombud;
        await _t.Get<SaveContact.Handler>().HandleAsync(new SaveContact.Command
        {
            MandateId = c.MandateId,
            ActorId = rsmh.Id,
            Date = T(2025, 5, 1),
            ConfirmWithoutConsent = true,
        });
        await _t.Get<SaveContact.Handler>().HandleAsync(new SaveContact.Command
        {
            MandateId = b.MandateId,
            ActorId = rsmh.Id,
            Date = T(2025, 5, 1),
            ConfirmWithoutConsent = true,
        });
        await CloseAsync(a.MandateId, T(2025, 6, 1), studies);
        await CloseAsync(b.MandateId, T(2025, 7, 1), peer); // a contact and the close: one client
        await CloseAsync(d.MandateId, T(2025, 8, 1), null); // not asked: not counted

        // a category of another list is refused, and nothing changes
        var e = await RegisterAsync(T(2025, 4, 1));
        var wrong = (await _t.CategoryAsync(CategoryKind.ClosureReason, "Flyttat")).Id;
        await Assert.ThrowsAsync<DomainException>(() => CloseAsync(e.MandateId, T(2025, 9, 1), wrong));

        _t.User = _lead;
        var report = await _t.Get<YearReport.Handler>().HandleAsync(2025, null);
        Assert.Equal(
            new Dictionary<string, int> { [DefaultCategories.PeerSupportAfterMandate] = 1, ["Studier"] = 1 },
            report.Current.AfterMandate);
        Assert.Equal(2, report.Current.ClientsBridgedToPeerSupport); // b (contact and close) and c (contact)
        Assert.Equal(2m, report["peer-support"].Rows[0].Value);
        Assert.Equal(0m, report["peer-support"].Rows[0].Previous);
        using var json = JsonDocument.Parse(ReportJson.Serialize(report));
        Assert.Equal(1, json.RootElement.GetProperty("afterMandate").GetProperty("Studier").GetInt32());
        Assert.Equal(2, json.RootElement.GetProperty("clientsBridgedToPeerSupport").GetInt32());
        await using var db = _t.CreateContext();
        Assert.Equal(MandateStatus.Active, await db.Mandates.Where(m => m.Id == e.MandateId).Select(m => m.Status).SingleAsync());
    }

    [Fact]
    public async Task A_submitted_year_keeps_its_snapshot_and_shows_what_changed_after()
    {
        await RegisterAsync(T(2025, 1, 10));
        _t.User = _lead;
        Assert.Null(await _t.Get<GetYearReportSubmission.Handler>().HandleAsync(2025));
        await _t.Get<SubmitYearReport.Handler>().HandleAsync(2025);
        var submitted = await _t.Get<GetYearReportSubmission.Handler>().HandleAsync(2025);
        Assert.NotNull(submitted);
        Assert.False(submitted.ChangedSinceSubmission);
        Assert.Equal(_lead.DisplayName, submitted.SubmittedByName);
        Assert.Equal(1, JsonDocument.Parse(submitted.ReportJson).RootElement.GetProperty("clients").GetProperty("total").GetInt32());
        await Assert.ThrowsAsync<DomainException>(() => _t.Get<SubmitYearReport.Handler>().HandleAsync(2025));

        await RegisterAsync(T(2025, 6, 1)); // entered late
        _t.User = _lead;
        var after = await _t.Get<GetYearReportSubmission.Handler>().HandleAsync(2025);
        Assert.True(after!.ChangedSinceSubmission);
        Assert.Contains(new GetYearReportSubmission.Difference("clients.total", "1", "2"), after.Differences);
        Assert.Equal(submitted.ReportJson, after.ReportJson); // the snapshot stays as submitted

        _t.User = _ombud;
        await Assert.ThrowsAsync<DomainException>(() => _t.Get<SubmitYearReport.Handler>().HandleAsync(2024));
    }

    [Fact]
    public async Task The_page_s_exact_report_is_compared_as_it_is_and_any_other_report_is_computed_again()
    {
        await RegisterAsync(T(2025, 1, 10));
        _t.User = _lead;
        await _t.Get<SubmitYearReport.Handler>().HandleAsync(2025);
        var submissions = _t.Get<GetYearReportSubmission.Handler>();
        var reports = _t.Get<YearReport.Handler>();

        // the page's own report (surveys loaded, which the snapshot leaves out): nothing changed, no second computation needed
        var page = await reports.HandleAsync(2025, null);
        Assert.NotNull(page.Surveys);
        var reused = await submissions.HandleAsync(2025, computed: page);
        Assert.Empty(reused!.Differences);

        // the page's report is what is compared: a figure changed in it shows as a difference
        var altered = page with { Current = page.Current with { Fte = 99m } };
        Assert.Contains(new GetYearReportSubmission.Difference("fte", null, "99"),
            (await submissions.HandleAsync(2025, computed: altered))!.Differences);

        // a publication-mode report (counts 1–3 shown as null), one municipality's, another year's or another unit's is not the
        // snapshot's kind: computed again (the altered figure would otherwise show)
        var published = await reports.HandleAsync(2025, null, publish: true);
        Assert.Empty((await submissions.HandleAsync(2025, computed: published))!.Differences);
        var oneMunicipality = await reports.HandleAsync(2025, await MunicipalityAsync("Kista"));
        Assert.Empty((await submissions.HandleAsync(2025, computed: oneMunicipality))!.Differences);
        Assert.Empty((await submissions.HandleAsync(2025, computed: await reports.HandleAsync(2026, null)))!.Differences);
        var otherUnit = altered with { Header = altered.Header with { UnitId = _unit.Id + 1 } };
        Assert.Empty((await submissions.HandleAsync(2025, computed: otherUnit))!.Differences);

        // and a change after submission shows whichever way the figures came
        await RegisterAsync(T(2025, 6, 1));
        _t.User = _lead;
        var changed = new GetYearReportSubmission.Difference("clients.total", "1", "2");
        Assert.Contains(changed, (await submissions.HandleAsync(2025, computed: await reports.HandleAsync(2025, null)))!.Differences);
        Assert.Contains(changed, (await submissions.HandleAsync(2025))!.Differences);
    }

    [Fact]
    public void Differences_name_every_changed_added_and_removed_value()
    {
        var d = GetYearReportSubmission.Compare(
            """{"a":{"x":1,"y":2},"b":null,"c":[1,2]}""",
            """{"a":{"x":1,"y":3,"z":4},"b":5,"c":[1,2]}""");
        Assert.Equal([new("a.y", "2", "3"), new("b", null, "5"), new("a.z", null, "4")], d);
    }
}
