using System.Net;
using ClosedXML.Excel;
using Ombud.Web.Data.Seed;
using Ombud.Web.Features.Surveys;

namespace Ombud.IntegrationTests;

/// <summary>The round page's Excel download: the results as the unit sees them, audited, and another unit's round not found.</summary>
public class SurveyResultsExportTests(OmbudAppFactory app) : IClassFixture<OmbudAppFactory>
{
    [Fact]
    public async Task The_lead_downloads_a_rounds_results_as_xlsx_and_the_download_is_audited()
    {
        await using var lead = await HostScope.AsAsync(app, "chef");
        int roundId;
        string name;
        await using (var db = await lead.DbAsync())
        {
            var round = await db.SurveyRounds.Where(r => r.UnitId == lead.User.UnitId).Select(r => new { r.Id, r.Name }).FirstAsync();
            (roundId, name) = (round.Id, round.Name);
        }
        var results = await lead.Get<GetSurveyResults.Handler>().HandleAsync(roundId);

        using var client = app.CreateBrowserLikeClient();
        await OmbudAppFactory.SignInAsync(client, "chef", DemoData.Password);
        var response = await client.GetAsync(ExportSurveyResults.Href(roundId));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        using var wb = new XLWorkbook(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        var sheet = wb.Worksheet("Brukarundersökning");
        var cells = sheet.CellsUsed().Select(c => c.GetString()).ToList();
        Assert.Contains(name, cells);
        var answers = sheet.CellsUsed().Single(c => c.GetString() == "Svar").CellRight();
        Assert.Equal(results.Answers, answers.GetValue<int>());
        Assert.Contains(results.Questions[0].Text, string.Join("\n", cells));

        await lead.Get<Ombud.Web.Data.AuditWriter>().FlushAsync(); // downloads are audited in the background
        await using var check = await lead.DbAsync();
        Assert.True(await check.AuditEntries.AnyAsync(a => a.Action == AuditActions.Exported
            && a.EntityType == ExportSurveyResults.AuditEntity && a.EntityId == roundId.ToString()));

        // A round id that is not the unit's: not found, nothing written.
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(ExportSurveyResults.Href(roundId + 100_000))).StatusCode);
    }
}
