using System.Net;
using Microsoft.Data.Sqlite;

namespace Ombud.IntegrationTests;

/// <summary><c>GET /health</c> through ASP.NET Core health checks: "ok" while the database answers, 503 when it does not.</summary>
public class HealthTests
{
    [SqliteFact]
    public async Task Health_is_ok_while_the_database_answers_and_503_when_it_is_gone()
    {
        await using var app = new OmbudAppFactory();
        using var client = app.CreateBrowserLikeClient();

        var healthy = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
        Assert.Equal("ok", await healthy.Content.ReadAsStringAsync());
        Assert.Equal("text/plain", healthy.Content.Headers.ContentType?.MediaType);

        // The SQLite file disappears (a lost volume): the check can no longer connect.
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(app.DbPath + suffix);

        var sick = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, sick.StatusCode);
        Assert.Equal("application/problem+json", sick.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Databasen svarar inte", await sick.Content.ReadAsStringAsync());
        Assert.False(File.Exists(app.DbPath), "the health check must not create the database");
    }
}
