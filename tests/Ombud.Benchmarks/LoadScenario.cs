using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ombud.Web.Data;
using Ombud.Web.Domain;
using Ombud.Web.Features.Clients;
using Ombud.Web.Features.Import;
using Ombud.Web.Features.Needs;
using Ombud.Web.Infrastructure;

namespace Ombud.Benchmarks;

/// <summary>
/// 5. Under load (issue #13): N ombud (default 20) each save a need on one of their clients about every second, and open
/// a client page every third step, through the real handlers resolved from the app's DI (one scope per ombud, as a
/// circuit has), on a copy of a seeded SQLite file, for D minutes (default 3); at minute 1 the unit lead imports a
/// generated 10,000-row file. Prints saves attempted/succeeded/failed, client-page reads failed, and p50/p95 save
/// latency before/during/after the import, and the import's duration and write-lock time.
/// Usage: <c>--load [--db FILE] [--ombud N] [--minutes D] [--import-at M] [--rows R]</c> (minutes may be fractions).
/// </summary>
public static class LoadScenario
{
    public static async Task<int> RunAsync(string[] args)
    {
        string? Arg(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        double Num(string name, double fallback) =>
            double.TryParse(Arg(name), System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : fallback;
        var source = Arg("--db") ?? BenchDb.SqlitePath;
        var ombudCount = (int)Num("--ombud", 20);
        var duration = TimeSpan.FromMinutes(Num("--minutes", 3));
        var importAt = TimeSpan.FromMinutes(Num("--import-at", 1));
        var rows = (int)Num("--rows", 10_000);
        var copy = Path.Combine(Path.GetTempPath(), $"ombud-load-{Environment.ProcessId}.db");
        File.Copy(Path.GetFullPath(source), copy, overwrite: true);
        Environment.CurrentDirectory = AppContext.BaseDirectory;
        try
        {
            await using var app = new App(copy);
            var services = app.Services; // starts the host: the background audit writer runs as in production

            // The ombud with the most open clients, each with the open mandates of their caseload.
            List<(string Id, string UserName, int UnitId, int[] ClientIds, int[] MandateIds)> ombud;
            UserInfo lead;
            int lifeArea;
            await using (var scope = services.CreateAsyncScope())
            await using (var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<OmbudDbContext>>()
                             .CreateDbContextAsync())
            {
                var open = await db.Mandates.Where(m => m.Status != MandateStatus.Closed && m.OmbudId != null)
                    .Select(m => new { m.OmbudId, m.Id, m.ClientId }).ToListAsync();
                var users = await db.Users.ToDictionaryAsync(u => u.Id);
                ombud = open.GroupBy(m => m.OmbudId!).OrderByDescending(g => g.Count()).Take(ombudCount)
                    .Select(g => (
                        g.Key,
                        users[g.Key].UserName!,
                        users[g.Key].UnitId,
                        g.Select(m => m.ClientId).ToArray(),
                        g.Select(m => m.Id).ToArray()))
                    .ToList();
                var leadUser = await db.Users.Where(u => u.UserName == "chef-riket").SingleAsync();
                lead = new UserInfo(leadUser.Id, leadUser.UserName!, leadUser.DisplayName, leadUser.UnitId,
                    new HashSet<string> { Roles.UnitLead });
                lifeArea = await db.Categories.Where(c => c.Kind == CategoryKind.LifeArea).Select(c => c.Id).FirstAsync();
            }
            var csv = await ImportFileAsync(services, lead.UnitId, rows);
            Console.WriteLine($"Load: {ombud.Count} ombud, {duration.TotalMinutes:0.##} min, "
                + $"import of {rows} rows at {importAt.TotalMinutes:0.##} min, database {source}");

            var clock = Stopwatch.StartNew();
            var samples = new List<(TimeSpan At, TimeSpan Took, bool Ok)>();
            var reads = new List<(TimeSpan At, bool Ok)>();
            var errors = new Dictionary<string, int>();
            TimeSpan importStart = TimeSpan.MaxValue, importEnd = TimeSpan.MaxValue;
            ImportMandates.Result? imported = null;
            Exception? importError = null;

            var workers = ombud.Select((o, i) => Task.Run(async () =>
            {
                await using var scope = services.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<BenchUser>().User =
                    new UserInfo(o.Id, o.UserName, o.UserName, o.UnitId, new HashSet<string> { Roles.Ombud });
                var save = scope.ServiceProvider.GetRequiredService<SaveNeed.Handler>();
                var view = scope.ServiceProvider.GetRequiredService<GetClient.Handler>();
                var random = new Random(i);
                for (var step = 0; clock.Elapsed < duration; step++)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(500 + random.Next(1000))); // the ombud types for a while
                    var k = random.Next(o.MandateIds.Length);
                    var started = clock.Elapsed;
                    if (step % 3 == 2)
                    {
                        var ok = true;
                        try { await view.HandleAsync(o.ClientIds[k]); }
                        catch (Exception ex) { ok = false; Count(errors, "läsning: " + ex.GetBaseException().Message); }
                        lock (reads) reads.Add((started, ok));
                        continue;
                    }
                    var saved = true;
                    try
                    {
                        await save.HandleAsync(new SaveNeed.Command
                        {
                            MandateId = o.MandateIds[k],
                            LifeAreaId = lifeArea,
                            ClientWords = $"Behov {step} under lasttest",
                            IdentifiedOn = TimeProvider.System.Today().ToDateTime(TimeOnly.MinValue),
                        });
                    }
                    catch (Exception ex) { saved = false; Count(errors, "spara: " + ex.GetBaseException().Message); }
                    lock (samples) samples.Add((started, clock.Elapsed - started, saved));
                }
            })).ToList();

            var importer = Task.Run(async () =>
            {
                await Task.Delay(importAt);
                await using var scope = services.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<BenchUser>().User = lead;
                importStart = clock.Elapsed;
                try
                {
                    imported = await scope.ServiceProvider.GetRequiredService<ImportMandates.Handler>()
                        .HandleAsync(new("last.csv", csv, DryRun: false));
                }
                catch (Exception ex) { importError = ex; }
                importEnd = clock.Elapsed;
            });
            await Task.WhenAll(workers.Append(importer));

            Console.WriteLine(imported is { Imported: true } r
                ? $"IMPORT rows={r.Rows} new_mandates={r.NewMandates} duration_s={(importEnd - importStart).TotalSeconds:0.0} "
                  + $"write_lock_s={r.Writing.TotalSeconds:0.00} transactions={r.WriteTransactions} "
                  + $"longest_lock_ms={r.LongestWrite.TotalMilliseconds:0} started_at_s={importStart.TotalSeconds:0}"
                : "IMPORT failed: " + (importError?.GetBaseException().Message
                                       ?? string.Join("; ", imported?.Errors.Take(3).Select(e => e.ToString()) ?? [])));
            Console.WriteLine($"SAVES attempted={samples.Count} succeeded={samples.Count(s => s.Ok)} failed={samples.Count(s => !s.Ok)}");
            Console.WriteLine($"READS client pages={reads.Count} failed={reads.Count(x => !x.Ok)}");
            var phases = new[]
            {
                ("before", TimeSpan.Zero, importStart), ("during", importStart, importEnd), ("after", importEnd, TimeSpan.MaxValue),
            };
            foreach (var (name, from, to) in phases)
            {
                var took = samples.Where(s => s.At >= from && s.At < to).Select(s => s.Took.TotalMilliseconds).Order().ToList();
                Console.WriteLine($"LATENCY {name,-6} saves={took.Count,5} p50_ms={Percentile(took, 0.50),7:0} "
                    + $"p95_ms={Percentile(took, 0.95),7:0} max_ms={(took.Count > 0 ? took[^1] : 0),7:0}");
            }
            foreach (var (message, n) in errors.OrderByDescending(e => e.Value).Take(5)) Console.WriteLine($"ERROR x{n}: {message}");
            return samples.Any(s => !s.Ok) || reads.Any(x => !x.Ok) || imported is not { Imported: true } ? 1 : 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var f in new[] { copy, copy + "-wal", copy + "-shm" }) File.Delete(f);
        }
    }

    private static void Count(Dictionary<string, int> errors, string message)
    {
        lock (errors) errors[message] = errors.GetValueOrDefault(message) + 1;
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    /// <summary>
    /// A file in the import format (docs/import.md): <paramref name="rows"/> new clients with one mandate each, two of three
    /// closed, the open ones spread over the unit's ombud, in the unit's municipalities, with the default category names.
    /// </summary>
    private static async Task<byte[]> ImportFileAsync(IServiceProvider services, int unitId, int rows)
    {
        await using var scope = services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<OmbudDbContext>>().CreateDbContextAsync();
        var municipalities = await db.Municipalities.Where(m => m.UnitId == unitId && m.IsActive).Select(m => m.Name).ToListAsync();
        var ombudRole = await db.Roles.Where(r => r.Name == Roles.Ombud).Select(r => r.Id).SingleAsync();
        var ombud = await db.Users
            .Where(u => u.UnitId == unitId && u.IsActive && db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == ombudRole))
            .Select(u => u.UserName!)
            .ToListAsync();
        var today = TimeProvider.System.Today();
        var sb = new StringBuilder("Klientkod;Kön;Födelseår;Kommun;Hemmavarande barn;Kontaktväg;Kontaktorsaker;"
            + "Startdatum;Slutdatum;Avslutsorsak;Ombud\n");
        string[] genders = ["Kvinna", "Man", ""], paths = ["Egen kontakt", "Psykiatrin", "Socialtjänsten (handläggare)"];
        string[] reasons = ["Ekonomi", "Bryta isolering|Sysselsättning", "Annat"], closures = ["Uppdraget slutfört", "Flyttat"];
        for (var i = 0; i < rows; i++)
        {
            var start = today.AddDays(-30 - i % 900);
            var closed = i % 3 != 0;
            var end = closed ? start.AddDays(20 + i % 25) : (DateOnly?)null;
            if (end > today) end = today;
            sb.Append($"LT{i:D6};{genders[i % 3]};{1950 + i % 50};{municipalities[i % municipalities.Count]};Nej;")
                .Append($"{paths[i % 3]};{reasons[i % 3]};")
                .Append($"{start:yyyy-MM-dd};{end:yyyy-MM-dd};{(closed ? closures[i % 2] : "")};")
                .Append($"{(closed ? "" : ombud[i % ombud.Count])}\n");
        }
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    /// <summary>The signed-in user of one simulated ombud's scope (a circuit has one).</summary>
    private sealed class BenchUser : ICurrentUser
    {
        public UserInfo? User { get; set; }
        public Task<UserInfo?> FindAsync() => Task.FromResult(User);
    }

    private sealed class App(string dbFile) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("Database:Provider", "Sqlite");
            builder.UseSetting("ConnectionStrings:Ombud", $"Data Source={dbFile}");
            builder.UseSetting("Ombud:SeedDemoData", "false");
            builder.UseSetting("Ombud:LogFolder", Path.Combine(Path.GetTempPath(), "ombud-load-logs"));
            builder.UseSetting("Ombud:RetentionSweep", "false");
            builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
            builder.ConfigureTestServices(s =>
            {
                s.AddScoped<BenchUser>();
                s.AddScoped<ICurrentUser>(sp => sp.GetRequiredService<BenchUser>());
            });
        }
    }
}
