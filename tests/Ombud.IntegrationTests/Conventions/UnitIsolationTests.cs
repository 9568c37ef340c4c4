using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Identity;
using Ombud.Web.Data.Seed;
using Ombud.Web.Features.Admin;
using Ombud.Web.Features.AnnualReport;
using Ombud.Web.Features.Caseload;
using Ombud.Web.Features.Clients;
using Ombud.Web.Features.Contacts;
using Ombud.Web.Features.Needs;
using Ombud.Web.Features.Sip;
using Ombud.Web.Features.SteeringGroup;
using Ombud.Web.Features.Surveys;
using Ombud.Web.Features.SystemFaults;
using static Ombud.IntegrationTests.Conventions.AccessMatrixTests;

namespace Ombud.IntegrationTests.Conventions;

/// <summary>
/// One installation, two units: the demo unit and "PO Syd" with its own users and a client worked through the real
/// handlers. Every probe of the access matrix is called by each of one unit's users with the other unit's record ids;
/// nothing the calls return may name the other unit's clients, staff, municipalities or texts, and the other unit's
/// data must be exactly as before (no write crosses). Counts, lists and the audit log of each unit show its own only.
/// </summary>
public sealed class UnitIsolationTests(UnitIsolationTests.TwoUnits units) : IClassFixture<UnitIsolationTests.TwoUnits>
{
    private static readonly string[] DemoUsers = ["ombud", "chef", "admin"];
    private static readonly string[] SouthUsers = ["ombud-syd", "chef-syd", "admin-syd"];
    private static readonly HashSet<string> InstallationWide = ["ListUnits.HandleAsync", "AddUnit.HandleAsync", "AddAccount.HandleAsync"];
    private static DateTime Today => SwedishDate.TodayAsDateTime.AddDays(-1);

    /// <summary>The demo installation plus a second unit, set up once for the class.</summary>
    public sealed class TwoUnits : IAsyncLifetime
    {
        public OmbudAppFactory App { get; } = new();
        public int SouthUnitId { get; private set; }
        public int DemoUnitId { get; private set; }

        public async Task InitializeAsync()
        {
            await using (var scope = App.Services.CreateAsyncScope())
            {
                var dbf = scope.ServiceProvider.GetRequiredService<IDbContextFactory<OmbudDbContext>>();
                await using var db = await dbf.CreateDbContextAsync();
                DemoUnitId = await db.Users.Where(u => u.UserName == "ombud").Select(u => u.UnitId).FirstAsync();
                var unit = new Unit { Name = "PO Syd", Municipalities = [new Municipality { Name = "Nacka" }] };
                db.Units.Add(unit);
                await db.SaveChangesAsync();
                SouthUnitId = unit.Id;
                var actorType = await db.Categories.Where(c => c.Kind == CategoryKind.ActorType).Select(c => c.Id).FirstAsync();
                db.Actors.Add(new Actor { UnitId = unit.Id, Name = "Vårdcentralen Sydhamnen", ActorTypeId = actorType });
                await db.SaveChangesAsync();
                var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
                foreach (var (name, display, role) in new[]
                {
                    ("ombud-syd", "Olle Sydlund", Roles.Ombud), ("ombud2-syd", "Oda Sydström", Roles.Ombud),
                    ("chef-syd", "Cecilia Sydkvist", Roles.UnitLead), ("admin-syd", "Adrian Sydell", Roles.Admin),
                })
                {
                    var user = new AppUser { UserName = name, DisplayName = display, UnitId = unit.Id, EmailConfirmed = true };
                    Assert.True((await users.CreateAsync(user, DemoData.Password)).Succeeded);
                    Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
                }
            }

            // The south unit's work, through the same handlers its staff use.
            await using (var ombud = await HostScope.AsAsync(App, "ombud-syd"))
            {
                await using var db = await ombud.DbAsync();
                int Category(CategoryKind kind) =>
                    db.Categories.Where(c => c.Kind == kind).OrderBy(c => c.SortOrder).Select(c => c.Id).First();
                var municipality = await db.Municipalities.Where(m => m.UnitId == SouthUnitId).Select(m => m.Id).FirstAsync();
                var actor = await db.Actors.Where(a => a.UnitId == SouthUnitId).Select(a => a.Id).FirstAsync();
                var clientId = await ombud.Get<RegisterClient.Handler>().HandleAsync(new RegisterClient.Command
                {
                    Name = "Sigrid Sydhamn",
                    MunicipalityId = municipality,
                    BirthYear = 1980,
                    StartNow = true,
                    RegisteredOn = Today,
                    StartDate = Today,
                    ReferralPathId = Category(CategoryKind.ReferralPath),
                    ContactReasonIds = [Category(CategoryKind.ContactReason)],
                });
                var mandate = await db.Mandates.Where(m => m.ClientId == clientId).Select(m => m.Id).FirstAsync();
                await ombud.Get<SaveNeed.Handler>().HandleAsync(new SaveNeed.Command
                {
                    MandateId = mandate,
                    LifeAreaId = Category(CategoryKind.LifeArea),
                    ClientWords = "Vill ha en egen bostad i Sydhamnen",
                    IdentifiedOn = Today,
                });
                await ombud.Get<SaveConsent.Handler>().HandleAsync(new SaveConsent.Command
                { MandateId = mandate, ActorId = actor, GivenOn = Today });
                await ombud.Get<SaveContact.Handler>().HandleAsync(new SaveContact.Command
                { MandateId = mandate, ActorId = actor, Date = Today, ConfirmWithoutConsent = true });
                await ombud.Get<SaveSipMeeting.Handler>().HandleAsync(new SaveSipMeeting.Command { MandateId = mandate, Date = Today });
                await ombud.Get<SaveFault.Handler>().HandleAsync(new SaveFault.Command
                {
                    Date = Today,
                    CategoryId = Category(CategoryKind.FaultCategory),
                    Level = FaultLevel.Local,
                    Description = "Sydhamnens bostadskö saknar förtur för klienter",
                    ClientsAffected = 3,
                });
                await ombud.Get<GetClient.Handler>().HandleAsync(clientId); // a read in the south unit's audit log
            }
            await using (var chef = await HostScope.AsAsync(App, "chef-syd"))
            {
                await chef.Get<SaveMember.Handler>().HandleAsync(new SaveMember.Command
                { Organisation = "Sydhamnens stadsdelsförvaltning", PersonName = "Petra Sydberg", From = Today });
                // A survey round with a paper form and a free text held for review.
                var templateId = (await chef.Get<ListSurveys.Handler>().HandleAsync()).Templates.First(t => t.Shared).Id;
                var roundId = await chef.Get<SaveSurveyRound.Handler>().HandleAsync(new SaveSurveyRound.Command
                {
                    Name = "Sydhamnens brukarundersökning",
                    TemplateId = templateId,
                    OpensOn = Today.AddDays(-10),
                    ClosesOn = Today.AddDays(10),
                    FormsHandedOut = 10,
                    PossibleRespondents = 10,
                });
                var form = await chef.Get<GetSurveyForm.Handler>().ForRoundAsync(roundId);
                await chef.Get<EnterPaperForm.Handler>().HandleAsync(new EnterPaperForm.Command(roundId, 1,
                [
                    new AnswerInput { QuestionId = form.Questions[0].Id, OptionIds = [form.Questions[0].Options[0].Id] },
                    new AnswerInput { QuestionId = form.Questions[^1].Id, Text = "Tack Sydhamnens ombud Petra" },
                ]));
            }
        }

        public Task DisposeAsync()
        {
            App.Dispose();
            return Task.CompletedTask;
        }
    }

    private static readonly JsonSerializerOptions Json = new()
    {
        ReferenceHandler = ReferenceHandler.IgnoreCycles,
        Converters = { new BytesAsText() },
        WriteIndented = false,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Files (CSV exports) are compared as their text, not as base64.</summary>
    private sealed class BytesAsText : JsonConverter<byte[]>
    {
        public override byte[] Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException();
        public override void Write(Utf8JsonWriter writer, byte[] value, JsonSerializerOptions options) =>
            writer.WriteStringValue(System.Text.Encoding.UTF8.GetString(value));
    }

    /// <summary>Everything the unit holds, as one text: equal before and after means nothing of it was changed.</summary>
    private async Task<Dictionary<string, string>> FingerprintAsync(int unit)
    {
        await using var scope = units.App.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<OmbudDbContext>>().CreateDbContextAsync();
        var parts = new Dictionary<string, object>
        {
            ["Units"] = await db.Units.AsNoTracking().Where(u => u.Id == unit).ToListAsync(),
            ["Municipalities"] = await db.Municipalities.AsNoTracking().Where(m => m.UnitId == unit).OrderBy(m => m.Id).ToListAsync(),
            ["Actors"] = await db.Actors.AsNoTracking().Where(a => a.UnitId == unit).OrderBy(a => a.Id).ToListAsync(),
            ["Users"] = await db.Users.AsNoTracking().Where(u => u.UnitId == unit).OrderBy(u => u.Id)
                .Select(u => new { u.Id, u.UserName, u.DisplayName, u.IsActive, u.SecurityStamp, u.PasswordHash }).ToListAsync(),
            ["UserRoles"] = await db.UserRoles.AsNoTracking().Where(r => db.Users.Any(u => u.Id == r.UserId && u.UnitId == unit))
                .OrderBy(r => r.UserId).ThenBy(r => r.RoleId).ToListAsync(),
            ["Clients"] = await db.Clients.AsNoTracking().Where(c => c.UnitId == unit).OrderBy(c => c.Id).ToListAsync(),
            ["Mandates"] = await db.Mandates.AsNoTracking().Where(m => m.UnitId == unit).OrderBy(m => m.Id).ToListAsync(),
            ["Needs"] = await db.Needs.AsNoTracking().Where(n => n.Mandate!.Client!.UnitId == unit).OrderBy(n => n.Id).ToListAsync(),
            ["Consents"] = await db.Consents.AsNoTracking()
                .Where(c => db.Mandates.Any(m => m.Id == c.MandateId && m.Client!.UnitId == unit)).OrderBy(c => c.Id).ToListAsync(),
            ["AuthorityContacts"] = await db.AuthorityContacts.AsNoTracking()
                .Where(c => c.Mandate!.Client!.UnitId == unit).OrderBy(c => c.Id).ToListAsync(),
            ["SipMeetings"] = await db.SipMeetings.AsNoTracking()
                .Where(s => s.Mandate!.Client!.UnitId == unit).OrderBy(s => s.Id).ToListAsync(),
            ["SystemFaults"] = await db.SystemFaults.AsNoTracking().Where(f => f.UnitId == unit).OrderBy(f => f.Id).ToListAsync(),
            ["SteeringGroupMembers"] = await db.SteeringGroupMembers.AsNoTracking()
                .Where(m => m.UnitId == unit).OrderBy(m => m.Id).ToListAsync(),
            ["SteeringGroupMeetings"] = await db.SteeringGroupMeetings.AsNoTracking()
                .Where(m => m.UnitId == unit).OrderBy(m => m.Id).ToListAsync(),
            ["UnitYearFtes"] = await db.UnitYearFtes.AsNoTracking().Where(f => f.UnitId == unit).OrderBy(f => f.Id).ToListAsync(),
            ["MunicipalityYearPosts"] = await db.MunicipalityYearPosts.AsNoTracking().Where(f => f.UnitId == unit).OrderBy(f => f.Id)
                .Select(f => new { f.Id, f.MunicipalityId, f.Year, f.Posts }).ToListAsync(),
            ["YearReportSubmissions"] = await db.YearReportSubmissions.AsNoTracking()
                .Where(f => f.UnitId == unit).OrderBy(f => f.Id).ToListAsync(),
        };
        return parts.ToDictionary(p => p.Key, p => JsonSerializer.Serialize(p.Value, Json));
    }

    /// <summary>Texts only the unit has: its clients' codes and names, its staff's names, its municipalities, its fault texts.</summary>
    private async Task<List<string>> MarkersAsync(int unit)
    {
        await using var scope = units.App.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<OmbudDbContext>>().CreateDbContextAsync();
        var markers = new List<string>();
        markers.AddRange(await db.Clients.Where(c => c.UnitId == unit).Select(c => c.Code).ToListAsync());
        markers.AddRange((await db.Clients.Where(c => c.UnitId == unit && c.Name != null).Select(c => c.Name!).ToListAsync()));
        markers.AddRange(await db.Users.Where(u => u.UnitId == unit).Select(u => u.DisplayName).ToListAsync());
        markers.AddRange(await db.Municipalities.Where(m => m.UnitId == unit).Select(m => m.Name).ToListAsync());
        markers.AddRange(await db.SystemFaults.Where(f => f.UnitId == unit).Select(f => f.Description).ToListAsync());
        markers.AddRange(await db.SteeringGroupMembers.Where(m => m.UnitId == unit).Select(m => m.PersonName).ToListAsync());
        markers.AddRange(await db.Needs.Where(n => n.Mandate!.Client!.UnitId == unit).Select(n => n.ClientWords).ToListAsync());
        return markers.Where(m => m.Length >= 5).Distinct().ToList();
    }

    private static string Text(object? result) => result switch
    {
        null => "",
        string s => s,
        byte[] b => System.Text.Encoding.UTF8.GetString(b),
        _ => JsonSerializer.Serialize(result, result.GetType(), Json),
    };

    [Theory]
    [InlineData("south reaches into the demo unit")]
    [InlineData("the demo unit reaches into south")]
    public async Task No_handler_reads_or_writes_across_units(string direction)
    {
        var south = direction.StartsWith("south");
        var (callers, otherUnit) = south ? (SouthUsers, units.DemoUnitId) : (DemoUsers, units.SouthUnitId);
        var otherIds = south ? await LoadIdsAsync(units.App) : await LoadIdsAsync(units.App, "ombud-syd", "ombud2-syd");
        var markers = await MarkersAsync(otherUnit);
        Assert.NotEmpty(markers);
        var before = await FingerprintAsync(otherUnit);

        var failures = new List<string>();
        foreach (var probe in Probes())
            foreach (var caller in callers)
            {
                await using var scope = await HostScope.AsAsync(units.App, caller);
                object? result = null;
                try { result = await probe.Call(scope, otherIds); }
                catch (Exception ex)
                {
                    Classify(ex, null); // refused, invalid or a rule said no: fine; anything else fails the test
                    continue;
                }
                // The installation's own lists (units, their municipalities) are a Systemadministratör's by design.
                if (InstallationWide.Contains(probe.Method) && scope.User.IsSystemAdmin) continue;
                var text = Text(result);
                var leaked = markers.Where(m => text.Contains(m, StringComparison.OrdinalIgnoreCase)).ToList();
                if (leaked.Count > 0)
                    failures.Add($"{caller} got the other unit's {string.Join(", ", leaked.Take(3))} from {probe.Method}");
            }

        var after = await FingerprintAsync(otherUnit);
        failures.AddRange(before
            .Where(b => after[b.Key] != b.Value)
            .Select(b => $"the other unit's {b.Key} changed:\n{b.Value}\n{after[b.Key]}"));
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task No_page_or_download_shows_another_units_records()
    {
        var demo = await LoadIdsAsync(units.App);
        var markers = await MarkersAsync(units.DemoUnitId);
        var failures = new List<string>();
        foreach (var user in SouthUsers)
        {
            using var client = units.App.CreateBrowserLikeClient();
            var signIn = await OmbudAppFactory.SignInAsync(client, user, DemoData.Password);
            Assert.Equal(System.Net.HttpStatusCode.Redirect, signIn.StatusCode);
            foreach (var pattern in Routes.Keys)
            {
                var id = pattern.StartsWith("/systembrister") ? demo.FaultId : demo.ClientId;
                var url = pattern.Replace("{Id:int}", id.ToString())
                    .Replace("{ClientId:int}", demo.ClientId.ToString())
                    .Replace("{SipId:int}", demo.SipId.ToString());
                if (pattern.StartsWith("/arsrapport/")) url += $"?ar={SwedishDate.Today.Year - 1}";
                var response = await client.GetAsync(url);
                var body = await response.Content.ReadAsStringAsync();
                var leaked = markers.Where(m => body.Contains(m, StringComparison.OrdinalIgnoreCase)).ToList();
                if (leaked.Count > 0) failures.Add($"{user} saw the other unit's {string.Join(", ", leaked.Take(3))} on {url}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));

        // The check can see a leak: the unit's own client page shows the markers it looks for.
        var south = await LoadIdsAsync(units.App, "ombud-syd", "ombud2-syd");
        using var own = units.App.CreateBrowserLikeClient();
        await OmbudAppFactory.SignInAsync(own, "ombud-syd", DemoData.Password);
        var page = await own.GetStringAsync($"/klienter/{south.ClientId}");
        Assert.Contains(await MarkersAsync(units.SouthUnitId), m => page.Contains(m, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Each_units_figures_count_its_own_clients_only()
    {
        await using var chef = await HostScope.AsAsync(units.App, "chef-syd");
        var caseload = await chef.Get<ReviewCaseload.Handler>().HandleAsync();
        Assert.Equal(1, caseload.Sum(r => r.Active + r.Paused));

        var stats = await chef.Get<AnnualStatistics.Handler>().HandleAsync(Today.Year, null);
        Assert.Equal(1, stats.Clients.Total);

        await using var ombud = await HostScope.AsAsync(units.App, "ombud-syd"); // the draft is its author's only
        var faults = await ombud.Get<ListFaults.Handler>().HandleAsync(new ListFaults.Query(new FaultFilter()));
        Assert.Equal(["Sydhamnens bostadskö saknar förtur för klienter"], faults.Rows.Select(f => f.Description));
    }

    [Fact]
    public async Task The_regional_viewer_sees_no_figures_of_an_ungranted_unit_and_no_records_of_the_granted_one()
    {
        // "region" is granted the demo unit only: PO Syd's name and figures never appear, in the handler, the page or the download
        var year = SwedishDate.Today.Year - 1;
        var markers = (await MarkersAsync(units.SouthUnitId)).Append("PO Syd").ToList();
        // the granted unit's records (client codes and names, texts): never shown either; its municipalities (the posts
        // table) and the signed-in user's own name may be
        var demoMarkers = await MarkersAsync(units.DemoUnitId);
        await using (var scope = await HostScope.AsAsync(units.App, "admin"))
        await using (var db = await scope.DbAsync())
        {
            var allowed = await db.Municipalities.Where(m => m.UnitId == units.DemoUnitId).Select(m => m.Name)
                .Concat(db.Users.Where(u => u.UnitId == units.DemoUnitId).Select(u => u.DisplayName)).ToListAsync();
            demoMarkers = demoMarkers.Except(allowed).ToList();
        }
        int demoClients;
        await using (var chef = await HostScope.AsAsync(units.App, "chef"))
            demoClients = (await chef.Get<AnnualStatistics.Handler>().HandleAsync(year, null)).Clients.Total;
        await using (var region = await HostScope.AsAsync(units.App, "region"))
        {
            var r = await region.Get<Ombud.Web.Features.Region.RollUpYearReport.Handler>().HandleAsync(year);
            Assert.Equal([units.DemoUnitId], r.Units.Select(u => u.UnitId));
            Assert.Equal(demoClients, r.Sum.Current.Clients.Total); // the sum is the granted unit's alone
        }
        using var client = units.App.CreateBrowserLikeClient();
        var signIn = await OmbudAppFactory.SignInAsync(client, "region", DemoData.Password);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, signIn.StatusCode);
        var failures = new List<string>();
        foreach (var url in new[] { "/region", $"/region/export.xlsx?ar={year}" })
        {
            var response = await client.GetAsync(url);
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
            var body = url.Contains("xlsx")
                ? XlsxText(await response.Content.ReadAsByteArrayAsync())
                : await response.Content.ReadAsStringAsync();
            failures.AddRange(markers.Where(m => body.Contains(m, StringComparison.OrdinalIgnoreCase))
                .Select(m => $"{url} shows the ungranted unit's {m}"));
            failures.AddRange(demoMarkers.Where(m => body.Contains(m, StringComparison.OrdinalIgnoreCase))
                .Select(m => $"{url} shows the granted unit's record {m}"));
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));

        // granted, the other unit is there; revoked, it is gone again
        await using (var sys = await HostScope.AsAsync(units.App, "sysadmin"))
        {
            var viewer = (await sys.Get<ListRegionalViewers.Handler>().HandleAsync()).Single(v => v.UserName == "region");
            await sys.Get<SetRegionalGrant.Handler>().HandleAsync(new SetRegionalGrant.Command(viewer.UserId, units.SouthUnitId, true));
            await using (var region = await HostScope.AsAsync(units.App, "region"))
                Assert.Contains("PO Syd", (await RollUpAsync(region, year)).Units.Select(u => u.Name));
            await sys.Get<SetRegionalGrant.Handler>().HandleAsync(new SetRegionalGrant.Command(viewer.UserId, units.SouthUnitId, false));
        }
        await using (var region = await HostScope.AsAsync(units.App, "region"))
            Assert.DoesNotContain("PO Syd", (await RollUpAsync(region, year)).Units.Select(u => u.Name));
    }

    private static Task<Ombud.Web.Features.Region.RollUpYearReport.RollUp> RollUpAsync(HostScope region, int year) =>
        region.Get<Ombud.Web.Features.Region.RollUpYearReport.Handler>().HandleAsync(year);

    private static string XlsxText(byte[] content)
    {
        using var wb = new ClosedXML.Excel.XLWorkbook(new MemoryStream(content));
        return string.Join("\n", wb.Worksheets.SelectMany(w => w.CellsUsed().Select(c => c.GetString()).Prepend(w.Name)));
    }

    [Fact]
    public async Task Every_mandate_belongs_to_its_clients_unit()
    {
        await using var scope = await HostScope.AsAsync(units.App, "admin");
        await using var db = await scope.DbAsync();
        Assert.True(await db.Mandates.CountAsync(m => m.UnitId == units.SouthUnitId) > 0);
        Assert.Equal(0, await db.Mandates.CountAsync(m => m.UnitId != m.Client!.UnitId));
    }

    [Fact]
    public async Task Each_units_audit_log_holds_its_own_entries_only()
    {
        await using var south = await HostScope.AsAsync(units.App, "admin-syd");
        var southLog = await south.Get<SearchAuditLog.Handler>().HandleAsync(new SearchAuditLog.Query());
        Assert.NotEmpty(southLog.Rows);
        Assert.All(southLog.Rows, r => Assert.EndsWith("-syd", r.UserName));

        await using var demo = await HostScope.AsAsync(units.App, "admin");
        var demoLog = await demo.Get<SearchAuditLog.Handler>().HandleAsync(new SearchAuditLog.Query());
        Assert.DoesNotContain(demoLog.Rows, r => r.UserName.EndsWith("-syd"));
    }
}
