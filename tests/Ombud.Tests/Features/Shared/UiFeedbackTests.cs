using Microsoft.Data.Sqlite;
using MudBlazor;

namespace Ombud.Tests.Features.Shared;

/// <summary>
/// A save that meets a busy database (another connection's open write transaction, as a long import holds it on SQLite)
/// gives the user the Swedish "upptagen" message instead of the generic error, and nothing escapes to the circuit.
/// </summary>
public sealed class UiFeedbackTests : ComponentTestBase
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"ombud-busy-{Guid.NewGuid():N}.db");

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        File.Delete(_file);
    }

    [Fact]
    public async Task A_save_on_a_database_locked_by_another_write_says_it_is_busy_and_the_circuit_survives()
    {
        await using (var c = new SqliteConnection($"Data Source={_file};Pooling=False"))
        {
            await c.OpenAsync();
            await TemplateDb.CopyToAsync(c, seedCategories: true);
        }
        Context.Services.AddLogging().AddScoped<UiFeedback>();
        var ui = Context.Services.GetRequiredService<UiFeedback>();
        var snackbar = Context.Services.GetRequiredService<ISnackbar>();

        await using var locker = new SqliteConnection($"Data Source={_file};Pooling=False");
        await locker.OpenAsync();
        await using (var begin = locker.CreateCommand())
        {
            begin.CommandText = "BEGIN IMMEDIATE;"; // the write lock, held as an import's transaction holds it
            await begin.ExecuteNonQueryAsync();
        }

        // The user's save: a short busy timeout (1 s) so the test does not wait the default 30 s.
        var options = new DbContextOptionsBuilder<SqliteOmbudDbContext>().UseSqlite(
            $"Data Source={_file};Default Timeout=1;Pooling=False").Options;
        var saved = await ui.RunAsync(async () =>
        {
            await using var db = new SqliteOmbudDbContext(options);
            db.Units.Add(new Unit { Name = "Ny enhet" });
            await db.SaveChangesAsync();
        }, "Sparat.");

        Assert.False(saved);
        var message = Assert.Single(snackbar.ShownSnackbars).Message;
        Assert.Equal("Databasen är upptagen just nu. Försök igen om en stund.", message);

        // Once the lock is gone the same save goes through.
        await using (var rollback = locker.CreateCommand())
        {
            rollback.CommandText = "ROLLBACK;";
            await rollback.ExecuteNonQueryAsync();
        }
        Assert.True(await ui.RunAsync(async () =>
        {
            await using var db = new SqliteOmbudDbContext(options);
            db.Units.Add(new Unit { Name = "Ny enhet" });
            await db.SaveChangesAsync();
        }));
    }
}
