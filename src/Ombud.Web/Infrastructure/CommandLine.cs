using Ombud.Web.Data.Seed;
using Ombud.Web.Features.Admin;

namespace Ombud.Web.Infrastructure;

/// <summary>
/// The app's own executable takes verbs (<c>dotnet run --project src/Ombud.Web -- backup FILE</c>). The database is
/// chosen by the same configuration as the web app (appsettings, environment variables, <c>--Key=Value</c>). A verb
/// applies pending migrations first, never adds demo data, prints its result to standard output (logs go to standard
/// error) and returns a process exit code: 0 success, 1 the work failed, 2 bad usage.
/// </summary>
public sealed class CommandLine
{
    private static readonly Dictionary<string, (string Usage, Func<CommandLine, IServiceProvider, CancellationToken, Task<int>> Run)> Verbs = new()
    {
        ["backup"] = ("backup FILE   online backup of the SQLite database to FILE (the app may keep running)", RunBackupAsync),
        ["report"] = ("report --year YYYY [--municipality NAME] [--format json] [--out FILE]   the yearly report", RunReportAsync),
        ["purge"] = ("purge         anonymise clients whose retention time has passed (gallring)", RunPurgeAsync),
        ["seed-demo"] = ("seed-demo --ombud N --years Y --clients-per-year C [--seed S]   fill an empty database with a large fictional caseload (performance work)", RunSeedDemoAsync),
    };

    public string Verb { get; }
    public IReadOnlyList<string> Arguments { get; }
    /// <summary>The <c>--Key=Value</c> arguments, passed on to configuration.</summary>
    public string[] ConfigArgs { get; }

    private CommandLine(string verb, IReadOnlyList<string> arguments, string[] configArgs) => (Verb, Arguments, ConfigArgs) = (verb, arguments, configArgs);

    /// <summary>A command line when the first argument is a verb; null to start the web app.</summary>
    public static CommandLine? Parse(string[] args)
    {
        if (args.Length == 0 || !(Verbs.ContainsKey(args[0]) || args[0] is "help" or "--help")) return null;
        var config = args.Skip(1).Where(a => a.StartsWith("--", StringComparison.Ordinal) && a.Contains('=')).ToArray();
        var rest = args.Skip(1).Where(a => !config.Contains(a)).ToList();
        return new CommandLine(args[0], rest, config);
    }

    public async Task<int> RunAsync(IServiceProvider services, CancellationToken ct = default)
    {
        if (!Verbs.TryGetValue(Verb, out var verb)) return Usage();
        try
        {
            await using (var scope = services.CreateAsyncScope())
                await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(seedDemoData: false, ct);
            await using var work = services.CreateAsyncScope();
            return await verb.Run(this, work.ServiceProvider, ct);
        }
        catch (Domain.DomainException ex)
        {
            await Console.Error.WriteLineAsync("Fel: " + ex.Message);
            return 1;
        }
    }

    private static int Usage()
    {
        Console.Error.WriteLine("Användning: Ombud.Web <verb> [argument] [--Database:Provider=Sqlite|SqlServer] [--ConnectionStrings:Ombud=...]");
        foreach (var (_, v) in Verbs) Console.Error.WriteLine("  " + v.Usage);
        return 2;
    }

    private string? Option(string name)
    {
        var i = Arguments.ToList().IndexOf("--" + name);
        return i >= 0 && i + 1 < Arguments.Count ? Arguments[i + 1] : null;
    }

    private static async Task<int> RunReportAsync(CommandLine cl, IServiceProvider sp, CancellationToken ct)
    {
        if (!int.TryParse(cl.Option("year"), out var year) || year < 2000 || year > 2100) return Usage();
        var format = cl.Option("format") ?? "json";
        if (format != "json") { await Console.Error.WriteLineAsync($"Formatet '{format}' stöds inte ännu: använd json."); return 2; }
        var dbf = sp.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Data.OmbudDbContext>>();
        await using var db = await dbf.CreateDbContextAsync(ct);
        var unit = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstOrDefaultAsync(db.Units.OrderBy(u => u.Id), ct)
            ?? throw new Domain.DomainException("Databasen har ingen enhet.");
        int? municipalityId = null;
        var municipality = cl.Option("municipality");
        if (municipality is not null)
        {
            var all = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(db.Municipalities.Where(m => m.UnitId == unit.Id), ct);
            var m = all.FirstOrDefault(x => string.Equals(x.Name, municipality, StringComparison.CurrentCultureIgnoreCase))
                ?? throw new Domain.DomainException($"Kommunen '{municipality}' finns inte i enheten.");
            municipalityId = m.Id;
            municipality = m.Name;
        }
        var facts = await Features.AnnualReport.AnnualStatistics.Handler.LoadFactsAsync(dbf, unit.Id, year, municipalityId, ct);
        var figures = await Features.AnnualReport.AnnualStatistics.WithUnitFiguresAsync(Features.AnnualReport.AnnualStatistics.Compute(year, facts),
            db, unit.Id, sp.GetRequiredService<TimeProvider>().Today(), ct);
        var json = Features.AnnualReport.ReportJson.Serialize(figures, municipality);
        if (cl.Option("out") is { } file) { await File.WriteAllTextAsync(file, json, ct); Console.WriteLine($"Rapporten är skriven till {file}."); }
        else Console.WriteLine(json);
        return 0;
    }

    private static async Task<int> RunPurgeAsync(CommandLine cl, IServiceProvider sp, CancellationToken ct)
    {
        if (cl.Arguments.Count != 0) return Usage();
        var n = await sp.GetRequiredService<Features.Clients.PurgeExpired.Handler>().HandleAsync(ct);
        Console.WriteLine($"Gallring klar: {n} klienter avidentifierades.");
        return 0;
    }

    private static async Task<int> RunSeedDemoAsync(CommandLine cl, IServiceProvider sp, CancellationToken ct)
    {
        static int? Number(string? s) => int.TryParse(s, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;
        if (Number(cl.Option("ombud")) is not { } ombud || Number(cl.Option("years")) is not { } years || Number(cl.Option("clients-per-year")) is not { } perYear
            || ombud is < 1 or > 5000 || years is < 1 or > 50 || perYear is < 1 or > 1_000_000) return Usage();
        var seed = cl.Option("seed") is { } s ? Number(s) ?? -1 : 1;
        if (seed < 0) return Usage();
        var generator = new DemoGenerator(sp.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Data.OmbudDbContext>>(), sp.GetRequiredService<TimeProvider>());
        var r = await generator.GenerateAsync(new DemoGenerator.Profile(ombud, years, perYear, seed), ct);
        Console.WriteLine($"Påhittad data genererad på {r.Elapsed.TotalSeconds:0.0} s: {r.Ombud} ombud, {r.Municipalities} kommuner, {r.Clients} klienter, " +
            $"{r.Mandates} uppdrag ({r.Reopenings} återöppnade), {r.Needs} behov, {r.Contacts} myndighetskontakter, {r.SipMeetings} SIP-möten, {r.SystemFaults} systembrister.");
        Console.WriteLine("Inloggning: ombud001 … och chef-riket, lösenord " + DemoData.Password + ".");
        return 0;
    }

    private static async Task<int> RunBackupAsync(CommandLine cl, IServiceProvider sp, CancellationToken ct)
    {
        if (cl.Arguments.Count != 1) return Usage();
        var result = await sp.GetRequiredService<BackupDatabase.Handler>().HandleAsync(cl.Arguments[0], ct);
        Console.WriteLine($"Säkerhetskopian är skriven till {result.File} ({result.Bytes / 1024} KB, integritetskontroll: ok).");
        return 0;
    }
}
