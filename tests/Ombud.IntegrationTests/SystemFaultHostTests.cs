using System.Net;
using ClosedXML.Excel;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Ombud.Web.Data.Seed;
using Ombud.Web.Features.SteeringGroup;
using Ombud.Web.Features.SystemFaults;

namespace Ombud.IntegrationTests;

/// <summary>System faults and the steering group through the real host: handlers as demo users, pages and the export over HTTP.</summary>
public class SystemFaultHostTests(OmbudAppFactory app) : IClassFixture<OmbudAppFactory>
{
    private static readonly DateTime Today = SwedishDate.TodayAsDateTime;

    private static async Task<int> ReportAsync(HostScope s, string description)
    {
        var lookups = s.Get<Lookups.Handler>();
        var category = (
            await lookups.CategoriesAsync(CategoryKind.FaultCategory, DateOnly.FromDateTime(Today))).First(c => c.Name == "Socialtjänsten");
        var actor = (await lookups.ActorsAsync()).First(a => a.Name == "Socialtjänsten – försörjningsstöd");
        var result = await s.Get<SaveFault.Handler>().HandleAsync(new SaveFault.Command
        {
            Date = Today,
            CategoryId = category.Id,
            Level = FaultLevel.Local,
            ActorIds = [actor.Id],
            Description = description,
            Consequence = "Klienter får vänta på beslut om försörjningsstöd.",
            ClientsAffected = 2,
        });
        Assert.Equal(SaveFault.Outcome.Saved, result.Outcome);
        return result.Id!.Value;
    }

    [Fact]
    public async Task The_demo_unit_has_fault_categories_faults_and_a_steering_group()
    {
        await using var s = await HostScope.AsAsync(app, "chef");
        var categories = await s.Get<Lookups.Handler>().CategoriesAsync(CategoryKind.FaultCategory, null);
        Assert.Equal(
            [
                "Brister i samverkan", "Psykiatrin", "Socialtjänsten", "Försäkringskassan", "Arbetsförmedlingen", "Bostad", "Ekonomi/skuld",
                "Annan"],
            categories.Select(c => c.Name));
        var list = await s.Get<ListFaults.Handler>().HandleAsync(new ListFaults.Query(new FaultFilter()));
        Assert.True(list.Total >= 1);
        Assert.DoesNotContain(list.Rows, r => r.Status == FaultStatus.Draft); // the ombud's drafts are theirs only
        var year = await s.Get<SummariseSteeringGroupYear.Handler>().HandleAsync(new SummariseSteeringGroupYear.Query(Today.Year));
        Assert.Contains("Försäkringskassan", year.Organisations);
    }

    [Fact]
    public async Task An_ombud_reports_the_unit_lead_takes_it_on_and_another_ombud_only_reads()
    {
        int id;
        await using (var ombud = await HostScope.AsAsync(app, "ombud"))
            id = await ReportAsync(ombud, "Handläggningstiden för försörjningsstöd är över åtta veckor.");

        await using (var other = await HostScope.AsAsync(app, "ombud2"))
        {
            Assert.Null(await other.Get<GetFault.Handler>().HandleAsync(id)); // a draft is its author's only
            await Assert.ThrowsAsync<DomainException>(() => other.Get<ChangeFaultStatus.Handler>().HandleAsync(
                new ChangeFaultStatus.Command { FaultId = id, To = FaultStatus.ReportedToSteeringGroup, MeetingId = 1 }));
        }

        await using var lead = await HostScope.AsAsync(app, "chef");
        var meetingId = (await lead.Get<SaveMeeting.Handler>()
            .HandleAsync(new SaveMeeting.Command { Date = Today, Decisions = "Tas upp med socialtjänsten." })).Id!.Value;
        var step = lead.Get<ChangeFaultStatus.Handler>();
        // The draft is the author's to report (the lead cannot step it by its id); then the lead takes it on.
        await Assert.ThrowsAsync<DomainException>(() =>
            step.HandleAsync(
                new ChangeFaultStatus.Command { FaultId = id, To = FaultStatus.ReportedToSteeringGroup, MeetingId = meetingId }));
        await using (var ombud = await HostScope.AsAsync(app, "ombud"))
            await ombud.Get<ChangeFaultStatus.Handler>().HandleAsync(
                new ChangeFaultStatus.Command { FaultId = id, To = FaultStatus.ReportedToSteeringGroup, MeetingId = meetingId });
        await step.HandleAsync(
            new ChangeFaultStatus.Command { FaultId = id, To = FaultStatus.Forwarded, Date = Today, ToCountyBoard = true });
        var details = (await lead.Get<GetFault.Handler>().HandleAsync(id))!;
        Assert.Equal((FaultStatus.Forwarded, "Länsstyrelsen"), (details.Status, details.ForwardedTo));
        var meeting = (await lead.Get<ListSteeringGroup.Handler>().HandleAsync()).Meetings.Single(m => m.Id == meetingId);
        Assert.Contains(meeting.Faults, f => f.Id == id);
    }

    [Theory]
    [InlineData("ombud", "/systembrister", HttpStatusCode.OK)]
    [InlineData("chef", "/systembrister", HttpStatusCode.OK)]
    [InlineData("admin", "/systembrister", HttpStatusCode.OK)]
    [InlineData("ombud", "/systembrister/1", HttpStatusCode.OK)]
    [InlineData("chef", "/ledningsgrupp", HttpStatusCode.OK)]
    [InlineData("admin", "/ledningsgrupp", HttpStatusCode.OK)]
    [InlineData("ombud", "/ledningsgrupp", HttpStatusCode.OK)]
    public async Task Pages_are_reachable_by_role(string user, string path, HttpStatusCode expected)
    {
        using var client = app.CreateBrowserLikeClient();
        Assert.Equal(HttpStatusCode.Redirect, (await OmbudAppFactory.SignInAsync(client, user, DemoData.Password)).StatusCode);
        Assert.Equal(expected, (await client.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task The_export_downloads_the_filtered_faults_as_xlsx_after_sign_in()
    {
        int id;
        await using (var ombud = await HostScope.AsAsync(app, "ombud"))
            id = await ReportAsync(ombud, "Exporttest: beslut om bostadsanpassning dröjer.");

        using var client = app.CreateBrowserLikeClient();
        await OmbudAppFactory.SignInAsync(client, "ombud", DemoData.Password); // the author: a draft is exported to them only
        var response = await client.GetAsync($"/systembrister/export?year={Today.Year}&status=Draft&level=Local");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ExportFaults.ContentType, response.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith(
            ".xlsx",
            response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        using var wb = new XLWorkbook(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        var rows = wb.Worksheet(ExportFaults.SheetName).RowsUsed().Skip(1).ToList();
        var row = Assert.Single(rows, r => r.Cell(1).GetValue<int>() == id);
        Assert.Equal("Exporttest: beslut om bostadsanpassning dröjer.", row.Cell(6).GetString());
        Assert.All(rows, r => Assert.Equal("Utkast", r.Cell(11).GetString()));
        Assert.Equal("Alla", wb.Worksheet("Urval").Cell(4, 2).GetString()); // no category filter
    }

    [Fact]
    public async Task An_anonymous_request_to_the_export_gets_no_file()
    {
        using var client = app.CreateBrowserLikeClient();
        var response = await client.GetAsync("/systembrister/export");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/konto/logga-in", response.Headers.Location!.PathAndQuery);
        Assert.NotEqual(ExportFaults.ContentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_malformed_export_filter_is_refused_not_widened()
    {
        using var client = app.CreateBrowserLikeClient();
        await OmbudAppFactory.SignInAsync(client, "ombud2", DemoData.Password);
        var response = await client.GetAsync("/systembrister/export?status=Draft,Closed");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Startup_tops_up_a_category_list_that_is_missing_and_does_it_once()
    {
        await using var conn = new SqliteConnection("Data Source=:memory:");
        await conn.OpenAsync();
        SqliteSwedishCollation.Register(conn);
        var factory = new OneConnectionFactory(conn);
        await using var s = await HostScope.AsAsync(app, "admin");
        var init = new DatabaseInitializer(factory, s.Get<UserManager<AppUser>>(), s.Get<RoleManager<IdentityRole>>(),
            new ConfigurationBuilder().Build(), TimeProvider.System, NullLogger<DatabaseInitializer>.Instance);

        await init.InitializeAsync(seedDemoData: false); // an older database: every list but the fault categories
        await using (var db = factory.CreateDbContext())
        {
            await db.Categories.Where(c => c.Kind == CategoryKind.FaultCategory).ExecuteDeleteAsync();
            Assert.False(await db.Categories.AnyAsync(c => c.Kind == CategoryKind.FaultCategory));
        }
        await init.InitializeAsync(seedDemoData: false);
        await init.InitializeAsync(seedDemoData: false);

        await using var check = factory.CreateDbContext();
        Assert.Equal(8, await check.Categories.CountAsync(c => c.Kind == CategoryKind.FaultCategory));
        Assert.Equal(DefaultCategories.Create().Count(), await check.Categories.CountAsync());
    }

    private sealed class OneConnectionFactory(SqliteConnection conn) : IDbContextFactory<OmbudDbContext>
    {
        public OmbudDbContext CreateDbContext() =>
            new SqliteOmbudDbContext(new DbContextOptionsBuilder<SqliteOmbudDbContext>().UseSqlite(conn).Options);
    }
}
