using System.Text;
using Ombud.Web.Features.Clients;

namespace Ombud.IntegrationTests;

/// <summary>
/// After a removal — close with "Ta bort nu", the retention sweep, erasure on request — no copy of the name or
/// personnummer is left in any of the database's files (the file, its WAL, its shared memory) while the app keeps
/// running: the connections stay open (no pool clearing, no shutdown), so only the app's own checkpoint can fold the log.
/// </summary>
public class RemovedMeansGoneTests(OmbudAppFactory app) : IClassFixture<OmbudAppFactory>
{
    private static readonly DateTime Today = SwedishDate.TodayAsDateTime;

    private static async Task<(int ClientId, int MandateId)> RegisterAsync(HostScope s, string name, string pnr)
    {
        var lookups = s.Get<Lookups.Handler>();
        var day = DateOnly.FromDateTime(Today);
        var id = await s.Get<RegisterClient.Handler>().HandleAsync(new RegisterClient.Command
        {
            Name = name,
            PersonalNumber = pnr,
            Gender = Gender.Woman,
            MunicipalityId = (await lookups.MunicipalitiesAsync())[0].Id,
            ChildrenAtHome = ChildrenAtHome.No,
            RegisteredOn = Today.AddDays(-40),
            StartNow = true,
            StartDate = Today.AddDays(-40),
            ReferralPathId = (await lookups.CategoriesAsync(CategoryKind.ReferralPath, day))[1].Id,
            ContactReasonIds = [(await lookups.CategoriesAsync(CategoryKind.ContactReason, day))[0].Id],
        });
        return (id, (await s.Get<GetClient.Handler>().HandleAsync(id))!.Mandate.Id);
    }

    private static async Task CloseAsync(HostScope s, int mandateId, bool removeNow) =>
        await s.Get<CloseMandate.Handler>().HandleAsync(new CloseMandate.Command
        {
            MandateId = mandateId,
            ClosedOn = Today,
            ClosureReasonId = (await s.Get<Lookups.Handler>()
                .CategoriesAsync(CategoryKind.ClosureReason, DateOnly.FromDateTime(Today)))[0].Id,
            RemoveIdentityNow = removeNow,
        });

    /// <summary>Reads every database file as it is on disk now, while the app's connections are open.</summary>
    private void AssertNowhereOnDisk(params string[] secrets)
    {
        var files = Directory.GetFiles(Path.GetDirectoryName(app.DbPath)!, "ombud.db*");
        Assert.Contains(files, f => f.EndsWith("ombud.db", StringComparison.Ordinal));
        foreach (var file in files)
        {
            using var fs = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var ms = new MemoryStream();
            fs.CopyTo(ms);
            foreach (var secret in secrets)
                Assert.True(ms.ToArray().AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)) < 0,
                    $"'{secret}' is still in {Path.GetFileName(file)} ({ms.Length} bytes)");
        }
    }

    [SqliteFact]
    public async Task Close_with_removal_leaves_no_copy_in_the_database_file_or_its_log()
    {
        await using var s = await HostScope.AsAsync(app, "ombud");
        var (_, mandateId) = await RegisterAsync(s, "Vendela Stängersdotter", "19710304-9883");
        await CloseAsync(s, mandateId, removeNow: true);
        AssertNowhereOnDisk("Vendela", "Stängersdotter", "vendela", "197103049883", "7103049883");
    }

    [SqliteFact]
    public async Task The_retention_sweep_leaves_no_copy_in_the_database_file_or_its_log()
    {
        await using var s = await HostScope.AsAsync(app, "ombud");
        var (clientId, mandateId) = await RegisterAsync(s, "Gunborg Gallrasson", "19660512-9870");
        await CloseAsync(s, mandateId, removeNow: false);
        await using (var db = await s.DbAsync())
        {
            (await db.Clients.SingleAsync(c => c.Id == clientId)).DisposeOn = DateOnly.FromDateTime(Today);
            await db.SaveChangesAsync();
        }
        await using var admin = await HostScope.AsAsync(app, "admin");
        Assert.True(await admin.Get<PurgeExpired.Handler>().HandleAsync() >= 1);
        AssertNowhereOnDisk("Gunborg", "Gallrasson", "196605129870", "6605129870");
    }

    [SqliteFact]
    public async Task Erasure_on_request_leaves_no_copy_in_the_database_file_or_its_log()
    {
        await using var s = await HostScope.AsAsync(app, "ombud");
        var (clientId, mandateId) = await RegisterAsync(s, "Ragnhild Raderdotter", "19590101-9884");
        await CloseAsync(s, mandateId, removeNow: false);
        await s.Get<EraseClient.Handler>().HandleAsync(clientId);
        AssertNowhereOnDisk("Ragnhild", "Raderdotter", "195901019884", "5901019884");
    }
}
