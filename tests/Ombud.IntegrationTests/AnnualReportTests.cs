using System.Net;
using System.Text;
using System.Text.Json;
using ClosedXML.Excel;
using Ombud.Web.Data.Seed;
using Ombud.Web.Features.AnnualReport;
using Ombud.Web.Features.Clients;

namespace Ombud.IntegrationTests;

public class AnnualReportTests(OmbudAppFactory app) : IClassFixture<OmbudAppFactory>
{
    private async Task<string> AllYearsAsync()
    {
        await using var lead = await HostScope.AsAsync(app, "chef");
        var years = Enumerable.Range(SwedishDate.Today.Year - 3, 4);
        var figures = new List<AnnualStatistics.Figures>();
        foreach (var y in years) figures.Add(await lead.Get<AnnualStatistics.Handler>().HandleAsync(y, null));
        return JsonSerializer.Serialize(figures);
    }

    /// <summary>What the exports hold: the report with the comparison (as JSON), the CSV file and the .xlsx cells.</summary>
    private async Task<string> ExportsAsync()
    {
        await using var lead = await HostScope.AsAsync(app, "chef");
        var sb = new StringBuilder();
        foreach (var y in Enumerable.Range(SwedishDate.Today.Year - 2, 3))
        {
            var report = await lead.Get<YearReport.Handler>().HandleAsync(y, null);
            sb.AppendLine(ReportJson.Serialize(report)).AppendLine(Encoding.UTF8.GetString(ReportFiles.Csv(report)));
            using var wb = new XLWorkbook(new MemoryStream(ReportFiles.Xlsx(report)));
            foreach (var ws in wb.Worksheets)
                foreach (var c in ws.CellsUsed()) sb.Append(ws.Name).Append('!').Append(c.Address).Append('=').AppendLine(c.GetString());
        }
        return sb.ToString();
    }

    [Fact]
    public async Task The_published_download_hides_small_counts_and_says_so_and_the_own_view_stays_exact()
    {
        var year = SwedishDate.Today.Year;
        await using var lead = await HostScope.AsAsync(app, "chef");
        var exact = await lead.Get<YearReport.Handler>().HandleAsync(year, null);
        var published = await lead.Get<YearReport.Handler>().HandleAsync(year, null, publish: true);
        Assert.Null(exact.Header.PublicationThreshold);
        Assert.Equal(3, published.Header.PublicationThreshold);
        foreach (var t in exact.Tables)
            foreach (var (row, pub) in t.Rows.Zip(published[t.Key].Rows))
            {
                Assert.False(row.ValueSuppressed); // the unit's own view is exact
                if (!Publication.UnitTables.Contains(t.Key) && row.DependsOn is null && row.Value is >= 1 and <= 3)
                    Assert.True(pub.ValueSuppressed && pub.Value is null, $"{t.Key}/{row.Label}");
                if (!pub.ValueSuppressed) Assert.Equal(row.Value, pub.Value);
            }

        using var chef = app.CreateBrowserLikeClient();
        await OmbudAppFactory.SignInAsync(chef, "chef", DemoData.Password);
        var csv = await chef.GetAsync($"/arsrapport/export.csv?ar={year}&publicera=ja");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal(ReportFiles.Csv(published), await csv.Content.ReadAsByteArrayAsync());
        await lead.Get<AuditWriter>().FlushAsync(); // exports are audited in the background
        await using var db = await lead.DbAsync();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == AuditActions.Exported && a.EntityId == $"{year} csv publicering"));
    }

    [Fact]
    public async Task The_downloads_are_for_leads_and_admins_only_and_each_is_audited()
    {
        var year = SwedishDate.Today.Year;
        using (var anonymous = app.CreateBrowserLikeClient())
        {
            var r = await anonymous.GetAsync($"/arsrapport/export.xlsx?ar={year}");
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
            Assert.StartsWith("/konto/logga-in", r.Headers.Location!.PathAndQuery);
        }
        using (var ombudClient = app.CreateBrowserLikeClient())
        {
            await OmbudAppFactory.SignInAsync(ombudClient, "ombud", DemoData.Password);
            foreach (var url in new[] { $"/arsrapport/export.xlsx?ar={year}", $"/arsrapport/export.csv?ar={year}" })
            {
                var r = await ombudClient.GetAsync(url);
                Assert.True(r.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, $"{url}: {r.StatusCode}");
                if (r.StatusCode == HttpStatusCode.Redirect) Assert.DoesNotContain("export", r.Headers.Location!.AbsolutePath);
                Assert.NotEqual(ReportFiles.XlsxContentType, r.Content.Headers.ContentType?.MediaType);
                Assert.NotEqual("text/csv", r.Content.Headers.ContentType?.MediaType);
            }
        }

        await using var lead = await HostScope.AsAsync(app, "chef");
        await using var db = await lead.DbAsync();
        var municipality = await db.Municipalities.Where(m => m.UnitId == lead.User.UnitId).OrderBy(m => m.Id).FirstAsync();
        var expected = await lead.Get<YearReport.Handler>().HandleAsync(year, municipality.Id);
        var auditBefore = await db.AuditEntries.CountAsync(a => a.Action == AuditActions.Exported);

        using var chef = app.CreateBrowserLikeClient();
        await OmbudAppFactory.SignInAsync(chef, "chef", DemoData.Password);
        var xlsx = await chef.GetAsync($"/arsrapport/export.xlsx?ar={year}&kommun={municipality.Id}");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal(ReportFiles.XlsxContentType, xlsx.Content.Headers.ContentType?.MediaType);
        var disposition = xlsx.Content.Headers.ContentDisposition;
        Assert.StartsWith($"arsrapport-{year}-", disposition?.FileNameStar ?? disposition?.FileName);
        using (var wb = new XLWorkbook(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync())))
        {
            Assert.Equal(
                [ReportFiles.CoverSheetName, .. expected.Tables.Select(t => t.Title), ReportFiles.SurveySheetName],
                wb.Worksheets.Select(w => w.Name));
            Assert.Equal(municipality.Name, wb.Worksheet(ReportFiles.CoverSheetName).Cell(6, 2).GetString());
            Assert.Equal((double)expected["clients"].Rows[0].Value!, wb.Worksheet("Klienter under året").Cell(2, 2).GetDouble());
        }

        var csv = await chef.GetAsync($"/arsrapport/export.csv?ar={year}&kommun={municipality.Id}");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Equal(ReportFiles.Csv(expected), await csv.Content.ReadAsByteArrayAsync());

        using var admin = app.CreateBrowserLikeClient();
        await OmbudAppFactory.SignInAsync(admin, "admin", DemoData.Password);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/arsrapport/export.csv?ar={year}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/arsrapport/export.csv?ar=abc")).StatusCode);

        await lead.Get<AuditWriter>().FlushAsync(); // exports are audited in the background
        var entries = await db.AuditEntries
            .Where(a => a.Action == AuditActions.Exported)
            .OrderBy(a => a.Id)
            .Skip(auditBefore)
            .ToListAsync();
        Assert.Equal(3, entries.Count);
        Assert.All(entries, e => Assert.Equal(ExportYearReport.AuditEntity, e.EntityType));
        Assert.Equal(
            [("chef", $"{year} xlsx kommun {municipality.Id}"), ("chef", $"{year} csv kommun {municipality.Id}"), ("admin", $"{year} csv")],
            entries.Select(e => (e.UserName, e.EntityId)));
        Assert.Equal("Exporterade", Ombud.Web.Features.Admin.SearchAuditLog.ActionName(entries[0].Action));
    }

    [Fact]
    public async Task The_figures_fte_and_exports_are_the_same_before_and_after_clients_are_anonymised()
    {
        await using (var lead = await HostScope.AsAsync(app, "chef"))
        {
            await lead.Get<SaveFte.Handler>().HandleAsync(new SaveFte.Command { Year = SwedishDate.Today.Year, Fte = 2.75m });
            await lead.Get<SaveFte.Handler>().HandleAsync(new SaveFte.Command { Year = SwedishDate.Today.Year - 1, Fte = 2.5m });
        }
        var before = await AllYearsAsync();
        var exportsBefore = await ExportsAsync();
        Assert.Contains("\"fte\": 2.75", exportsBefore);
        Assert.Contains("Årsarbetare;2,75;2,5;0,25", exportsBefore);
        await using var ombud = await HostScope.AsAsync(app, "ombud");
        await using var db = await ombud.DbAsync();
        var closed = await db.Clients
            .Where(c => c.OmbudId == ombud.User.Id && c.AnonymisedAtUtc == null && c.Mandates.All(m => m.Status == MandateStatus.Closed))
            .Select(c => c.Id)
            .ToListAsync();
        Assert.NotEmpty(closed);
        foreach (var id in closed) await ombud.Get<EraseClient.Handler>().HandleAsync(id);

        Assert.Equal(before, await AllYearsAsync());
        Assert.Equal(exportsBefore, await ExportsAsync());
        Assert.Contains("\"Total\":", before);
    }

    [Fact]
    public async Task The_report_is_for_leads_and_admins_and_filters_by_municipality()
    {
        await using var ombud = await HostScope.AsAsync(app, "ombud");
        await Assert.ThrowsAsync<DomainException>(() => ombud.Get<AnnualStatistics.Handler>().HandleAsync(SwedishDate.Today.Year, null));

        await using var lead = await HostScope.AsAsync(app, "chef");
        var year = SwedishDate.Today.Year;
        var all = await lead.Get<AnnualStatistics.Handler>().HandleAsync(year, null);
        await using var db = await lead.DbAsync();
        var municipalities = await db.Municipalities.Where(m => m.UnitId == lead.User.UnitId).Select(m => m.Id).ToListAsync();
        var sum = 0;
        foreach (var m in municipalities) sum += (await lead.Get<AnnualStatistics.Handler>().HandleAsync(year, m)).Clients.Total;
        Assert.Equal(all.Clients.Total, sum);
        Assert.True(all.Clients.Total > 0);
    }

    [Fact]
    public async Task System_faults_reported_in_the_year_and_the_steering_group_year_are_in_the_report()
    {
        await using var lead = await HostScope.AsAsync(app, "chef");
        var year = SwedishDate.Today.Year;
        var f = await lead.Get<AnnualStatistics.Handler>().HandleAsync(year, null);
        await using var db = await lead.DbAsync();
        var first = new DateOnly(year, 1, 1);
        var last = new DateOnly(year, 12, 31);
        var expected = await db.SystemFaults.CountAsync(x => x.UnitId == lead.User.UnitId && x.ReportedOn >= first && x.ReportedOn <= last);
        Assert.True(expected > 0, "the demo data reports faults this year");
        Assert.Equal(expected, f.SystemFaults.Total);
        Assert.Equal(expected, f.SystemFaults.ByCategory.Values.Sum());
        Assert.Equal(expected, f.SystemFaults.ByLevel.Values.Sum());
        Assert.Equal(["Handläggarnivå", "Lokal nivå", "Central nivå"], f.SystemFaults.ByLevel.Keys);
        Assert.True(f.SteeringGroupMeetings > 0);
        Assert.Contains("Försäkringskassan", f.SteeringGroupOrganisations);
        var json = ReportJson.Serialize(f, null);
        Assert.Contains("\"systemFaults\"", json);
        Assert.Contains("\"byLevel\"", json);
    }
}
