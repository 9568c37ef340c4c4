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
        ["report"] = ("report --year YYYY [--municipality NAME] [--format json|csv|xlsx] [--out FILE]   the yearly report (xlsx needs --out)", RunReportAsync),
        ["import"] = ("import FILE [--dry-run]   import clients and mandates from a .csv or .xlsx file (all or nothing)", RunImportAsync),
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
        var format = (cl.Option("format") ?? "json").ToLowerInvariant();
        if (format is not ("json" or "csv" or "xlsx")) { await Console.Error.WriteLineAsync($"Formatet '{format}' stöds inte: använd json, csv eller xlsx."); return 2; }
        var file = cl.Option("out");
        if (format == "xlsx" && file is null) { await Console.Error.WriteLineAsync("Ange --out FIL för formatet xlsx."); return 2; }
        var dbf = sp.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Data.OmbudDbContext>>();
        await using var db = await dbf.CreateDbContextAsync(ct);
        var unit = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstOrDefaultAsync(db.Units.OrderBy(u => u.Id), ct)
            ?? throw new Domain.DomainException("Databasen har ingen enhet.");
        int? municipalityId = null;
        if (cl.Option("municipality") is { } municipality)
        {
            var all = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(db.Municipalities.Where(m => m.UnitId == unit.Id), ct);
            municipalityId = all.FirstOrDefault(x => string.Equals(x.Name, municipality, StringComparison.CurrentCultureIgnoreCase))?.Id
                ?? throw new Domain.DomainException($"Kommunen '{municipality}' finns inte i enheten.");
        }
        // The same model and file writers as the page's downloads (Features/AnnualReport/Rules/ReportFiles.cs).
        var report = await Features.AnnualReport.YearReport.LoadAsync(dbf, unit.Id, year, municipalityId, sp.GetRequiredService<TimeProvider>().Today(), ct);
        byte[] bytes = format switch
        {
            "xlsx" => Features.AnnualReport.ReportFiles.Xlsx(report),
            "csv" => Features.AnnualReport.ReportFiles.Csv(report),
            _ => System.Text.Encoding.UTF8.GetBytes(Features.AnnualReport.ReportJson.Serialize(report)),
        };
        if (file is not null) { await File.WriteAllBytesAsync(file, bytes, ct); Console.WriteLine($"Rapporten är skriven till {file}."); }
        else Console.WriteLine(System.Text.Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF'));
        return 0;
    }

    private static async Task<int> RunImportAsync(CommandLine cl, IServiceProvider sp, CancellationToken ct)
    {
        var files = cl.Arguments.Where(a => a != "--dry-run").ToList();
        if (files.Count != 1 || cl.Arguments.Count - files.Count > 1) return Usage();
        var dryRun = cl.Arguments.Contains("--dry-run");
        if (!File.Exists(files[0])) { await Console.Error.WriteLineAsync($"Fel: filen {files[0]} finns inte."); return 1; }
        if (new FileInfo(files[0]).Length > Features.Import.ImportFile.MaxBytes)
        {
            await Console.Error.WriteLineAsync($"Fel: filen är för stor (högst {Features.Import.ImportFile.MaxBytes / (1024 * 1024)} MB).");
            return 1;
        }
        var command = new Features.Import.ImportMandates.Command(Path.GetFileName(files[0]), await File.ReadAllBytesAsync(files[0], ct), dryRun);
        Features.Import.ImportMandates.Result r;
        try
        {
            r = await sp.GetRequiredService<Features.Import.ImportMandates.Handler>().HandleForCommandLineAsync(command, ct);
        }
        catch (Exception ex) when (ex is not Domain.DomainException and not OperationCanceledException)
        {
            sp.GetRequiredService<ILogger<CommandLine>>().LogError(ex, "Import failed");
            await Console.Error.WriteLineAsync("Fel: importen avbröts och ingenting sparades.");
            return 1;
        }
        if (!r.IsValid)
        {
            await Console.Error.WriteLineAsync($"Importen stoppades: {r.ErrorCount} fel. Ingenting sparades.");
            foreach (var e in r.Errors) await Console.Error.WriteLineAsync(e.Row > 0 ? $"Rad {e.Row}, {e.Column}: {e.Message}" : $"{e.Column}: {e.Message}");
            if (r.ErrorCount > r.Errors.Count) await Console.Error.WriteLineAsync($"... och {r.ErrorCount - r.Errors.Count} fel till.");
            return 1;
        }
        var what = $"{r.Rows} rader: {r.Clients} klienter ({r.NewClients} nya), {r.NewMandates} nya uppdrag, {r.PresentMandates} fanns redan";
        Console.WriteLine(dryRun ? $"Provkörning, ingenting sparades. {what}." : r.Imported ? $"Importen är klar. {what}." : $"Ingenting nytt att importera. {what}.");
        if (r.NewMunicipalities.Count > 0) Console.WriteLine($"Nya kommuner i enheten: {string.Join(", ", r.NewMunicipalities)}.");
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
