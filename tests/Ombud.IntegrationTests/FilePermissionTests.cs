using Ombud.Web.Data.Seed;
using Ombud.Web.Features.Admin;

namespace Ombud.IntegrationTests;

/// <summary>
/// The SQLite database, its write-ahead log and shared-memory files, and a backup hold personal data: on Unix they are
/// made readable by the app's user only (0600), whatever the umask (0022 here, which would give 0644).
/// </summary>
public class FilePermissionTests
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    public async Task The_database_its_wal_and_a_backup_are_readable_by_the_apps_user_only()
    {
        if (OperatingSystem.IsWindows()) return; // Unix permissions; on Windows the folder's access rules apply

        await using var app = new OmbudAppFactory { UseTemplate = false }; // a first start: the app creates the database
        using (var browser = app.CreateBrowserLikeClient())
            await OmbudAppFactory.SignInAsync(browser, "ombud", DemoData.Password); // writes (a key, the sign-in): the WAL is in use

        Assert.True(File.Exists(app.DbPath + "-wal"));
        foreach (var file in new[] { app.DbPath, app.DbPath + "-wal", app.DbPath + "-shm" }.Where(File.Exists))
            Assert.True(File.GetUnixFileMode(file) == OwnerOnly, $"{Path.GetFileName(file)}: {File.GetUnixFileMode(file)}");

        var backup = Path.Combine(Path.GetTempPath(), $"ombud-backup-{Guid.NewGuid():N}.db");
        try
        {
            await using var admin = await HostScope.AsAsync(app, "admin");
            await admin.Get<BackupDatabase.Handler>().HandleAsync(backup);
            Assert.Equal(OwnerOnly, File.GetUnixFileMode(backup));
        }
        finally
        {
            File.Delete(backup);
        }
    }

    [Fact]
    public async Task An_existing_world_readable_database_is_restricted_at_start()
    {
        if (OperatingSystem.IsWindows()) return;

        var dir = Directory.CreateTempSubdirectory("ombud-perm-");
        try
        {
            var db = Path.Combine(dir.FullName, "ombud.db");
            TemplateDatabase.CopyTo(db);
            File.SetUnixFileMode(db, OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

            await using var app = new OmbudAppFactory
            {
                UseTemplate = false,
                ExtraSettings = new Dictionary<string, string> { ["ConnectionStrings:Ombud"] = $"Data Source={db}" },
            };
            _ = app.Services;
            Assert.Equal(OwnerOnly, File.GetUnixFileMode(db));
        }
        finally
        {
            dir.Delete(recursive: true); // the app (disposed above) has closed its connections
        }
    }
}
