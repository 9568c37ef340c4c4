using System.CommandLine;
using System.CommandLine.Parsing;
using Ombud.Web.Data.Seed;
using Ombud.Web.Features.Admin;
using Ombud.Web.Features.AnnualReport;
using Ombud.Web.Features.Clients;
using Ombud.Web.Features.Import;

namespace Ombud.Web.Infrastructure;

/// <summary>
/// The app's own executable takes verbs (<c>dotnet run --project src/Ombud.Web -- backup FILE</c>), parsed with
/// System.CommandLine: typed options per verb, <c>--opt value</c> and <c>--opt=value</c>, <c>--help</c>/<c>-h</c> on the
/// root and on every verb. A verb applies pending migrations first, never adds demo data, calls one use case under
/// <c>Features/</c>, prints its result to standard output (logs go to standard error) and returns a process exit code:
/// 0 success (and help), 1 the work failed, 2 bad usage (unknown verb or option, missing or bad value).
/// <para>
/// Configuration overrides are taken out of the arguments before parsing and go to the host's configuration, as for
/// the web app: an argument <c>--NAME=VALUE</c> (or <c>--NAME VALUE</c>) whose NAME contains ':'
/// (<c>--ConnectionStrings:Ombud=…</c>, <c>--Database:Provider=SqlServer</c>, <c>--Ombud:LogFolder=…</c>) or is one of the
/// host's flat settings (<see cref="FlatConfigurationKeys"/>: <c>--environment</c>, <c>--contentRoot</c>, <c>--urls</c>, …).
/// Without a verb, when every argument has the form <c>--Key=Value</c>, the web app starts with them all as configuration.
/// </para>
/// </summary>
public sealed class CommandLine
{
    /// <summary>Configuration keys without a section that may be given on the command line (the host's own settings).</summary>
    public static readonly IReadOnlySet<string> FlatConfigurationKeys = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "environment", "contentRoot", "applicationName", "urls", "webroot", "http_ports", "https_ports", "AllowedHosts",
        "detailedErrors", "shutdownTimeoutSeconds", "hostingStartupAssemblies", "hostingStartupExcludeAssemblies",
        "preventHostingStartup", "suppressStatusMessages",
    };

    private const string ConfigUsage = "[--Database:Provider=Sqlite|SqlServer] [--ConnectionStrings:Ombud=...] [--verbose]";

    private readonly ParseResult _parse;
    private readonly Dictionary<Command, string> _usage = [];
    private readonly HashSet<Command> _verbs = [];
    private readonly Option<bool> _verbose = new("--verbose")
    {
        Description = "Log SQL statements and debug messages to standard error",
        Recursive = true,
    };
    private IServiceProvider? _services;

    /// <summary>The configuration overrides (<c>--Key=Value</c>), passed on to the host.</summary>
    public string[] ConfigArgs { get; }

    /// <summary>True when <c>--verbose</c> was given: the verb logs EF's SQL and debug messages.</summary>
    public bool Verbose => _parse.GetValue(_verbose);

    private CommandLine(string[] configArgs, string[] tokens)
    {
        ConfigArgs = configArgs;
        _parse = BuildRoot().Parse(tokens);
    }

    /// <summary>
    /// A command line when there is a verb, help or anything else that is not configuration; null to start the web app.
    /// The web app takes every <c>--Key=Value</c> argument as configuration, as the ASP.NET Core host does (the test host
    /// passes its settings so, sections included: <c>--ConnectionStrings=</c>).
    /// </summary>
    public static CommandLine? Parse(string[] args)
    {
        var (config, tokens) = Split(args);
        var webApp = tokens.All(t => t.StartsWith("--", StringComparison.Ordinal) && t.Contains('='));
        return webApp ? null : new CommandLine(config, tokens);
    }

    /// <summary>Separates configuration overrides (see the class summary) from the verb's own arguments.</summary>
    public static (string[] Config, string[] Tokens) Split(IReadOnlyList<string> args)
    {
        var config = new List<string>();
        var tokens = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var a = args[i];
            if (a.Length > 2 && a.StartsWith("--", StringComparison.Ordinal))
            {
                var eq = a.IndexOf('=');
                var name = eq < 0 ? a[2..] : a[2..eq];
                if (name.Contains(':') || FlatConfigurationKeys.Contains(name))
                {
                    config.Add(a);
                    if (eq < 0 && i + 1 < args.Count) config.Add(args[++i]);
                    continue;
                }
            }
            tokens.Add(a);
        }
        return ([.. config], [.. tokens]);
    }

    /// <summary>
    /// Help, version and usage errors need no database: they are answered here (exit 0, or 2 with the error and the
    /// verb's usage on standard error). Null when a verb is to run (<see cref="RunAsync"/>).
    /// </summary>
    public int? AnswerWithoutHost()
    {
        var command = _parse.CommandResult.Command;
        if (_parse.Errors.Count > 0 && _parse.Action is System.CommandLine.Invocation.ParseErrorAction)
        {
            foreach (var error in _parse.Errors) Console.Error.WriteLine("Fel: " + error.Message);
            Usage(command, Console.Error);
            return 2;
        }
        if (_verbs.Contains(command) && ReferenceEquals(_parse.Action, command.Action)) return null;
        return _parse.Invoke();
    }

    /// <summary>Runs the verb on the host's services: migrations first, then the verb's use case.</summary>
    public async Task<int> RunAsync(IServiceProvider services, CancellationToken ct = default)
    {
        _services = services;
        return await _parse.InvokeAsync(cancellationToken: ct);
    }

    private void Usage(Command command, TextWriter to)
    {
        if (_usage.TryGetValue(command, out var usage))
            to.WriteLine($"Användning: Ombud.Web {usage} {ConfigUsage}");
        else
        {
            to.WriteLine($"Användning: Ombud.Web <verb> [argument] {ConfigUsage}");
            foreach (var verb in _verbs) to.WriteLine("  " + _usage[verb]);
        }
        to.WriteLine($"Hjälp: Ombud.Web {(_usage.ContainsKey(command) ? command.Name + " " : "")}--help");
    }

    private RootCommand BuildRoot()
    {
        var root = new RootCommand(
            "Ombud: without a verb the web app starts. A verb applies pending migrations, does its work and exits " +
            "(0 done, 1 failed, 2 bad usage). Configuration: --Key=Value arguments whose key contains ':' " +
            "(e.g. --ConnectionStrings:Ombud=\"Data Source=data/ombud.db\", --Database:Provider=SqlServer), " +
            "environment variables (ConnectionStrings__Ombud=...) or appsettings.json.");
        root.Options.Add(_verbose);
        root.SetAction(_ =>
        {
            Console.Error.WriteLine("Fel: ange ett verb.");
            Usage(root, Console.Error);
            return 2;
        });

        var backupFile = new Argument<string>("FILE") { Description = "The new backup file (must not exist)" };
        Verb(root, new Command("backup", "Online backup of the SQLite database to FILE (the app may keep running)") { backupFile },
            "backup FILE", async (pr, sp, ct) =>
            {
                var result = await sp.GetRequiredService<BackupDatabase.Handler>().HandleAsync(pr.GetRequiredValue(backupFile), ct);
                Console.WriteLine($"Säkerhetskopian är skriven till {result.File} ({result.Bytes / 1024} KB, integritetskontroll: ok).");
                return 0;
            });

        var year = new Option<int>("--year") { Description = "The report's year", Required = true, HelpName = "YYYY" };
        year.Validators.Add(r => { if (Parsed<int>(r) is < 2000 or > 2100) r.AddError("Ange ett år mellan 2000 och 2100 (--year)."); });
        var municipality = new Option<string?>("--municipality") { Description = "Only this municipality (by name)", HelpName = "NAME" };
        var format = new Option<string>("--format")
        {
            Description = "json (default), csv or xlsx",
            HelpName = "json|csv|xlsx",
            DefaultValueFactory = _ => "json",
        };
        format.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string>()?.ToLowerInvariant() is not ("json" or "csv" or "xlsx"))
                r.AddError($"Formatet '{r.GetValueOrDefault<string>()}' stöds inte: använd json, csv eller xlsx.");
        });
        var output = new Option<string?>("--out") { Description = "Write to FILE instead of standard output (xlsx needs it)", HelpName = "FILE" };
        var report = new Command("report", "The yearly report (Årsrapport) as JSON, CSV or .xlsx") { year, municipality, format, output };
        report.Validators.Add(r =>
        {
            if (r.GetValue(format)?.ToLowerInvariant() == "xlsx" && r.GetValue(output) is null) r.AddError("Ange --out FIL för formatet xlsx.");
        });
        Verb(root, report, "report --year YYYY [--municipality NAME] [--format json|csv|xlsx] [--out FILE]", async (pr, sp, ct) =>
        {
            var r = await sp.GetRequiredService<OperatorYearReport.Handler>()
                .HandleAsync(new OperatorYearReport.Query(pr.GetValue(year), pr.GetValue(municipality)), ct);
            byte[] bytes = pr.GetValue(format)!.ToLowerInvariant() switch
            {
                "xlsx" => ReportFiles.Xlsx(r),
                "csv" => ReportFiles.Csv(r),
                _ => System.Text.Encoding.UTF8.GetBytes(ReportJson.Serialize(r)),
            };
            if (pr.GetValue(output) is { } file)
            {
                await File.WriteAllBytesAsync(file, bytes, ct);
                Console.WriteLine($"Rapporten är skriven till {file}.");
            }
            else Console.WriteLine(System.Text.Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF'));
            return 0;
        });

        var importFile = new Argument<string>("FILE") { Description = "A .csv or .xlsx tally sheet (docs/import.md)" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Check and count only; save nothing" };
        Verb(root, new Command("import", "Import clients and mandates from a .csv or .xlsx file (all or nothing)") { importFile, dryRun },
            "import FILE [--dry-run]", (pr, sp, ct) => ImportAsync(sp, pr.GetRequiredValue(importFile), pr.GetValue(dryRun), ct));

        Verb(root, new Command("purge", "Anonymise clients whose retention time has passed (gallring)"), "purge", async (_, sp, ct) =>
        {
            var n = await sp.GetRequiredService<PurgeExpired.Handler>().HandleAsync(ct);
            Console.WriteLine($"Gallring klar: {n} klienter avidentifierades.");
            return 0;
        });

        var ombud = Number("--ombud", "Number of ombud", 1, 5000);
        var years = Number("--years", "Years of history", 1, 50);
        var perYear = Number("--clients-per-year", "New mandates a year", 1, 1_000_000);
        var seed = Number("--seed", "Random seed (default 1)", 0, int.MaxValue, required: false);
        seed.DefaultValueFactory = _ => 1;
        Verb(root, new Command("seed-demo", "Fill an empty database with a large fictional caseload (performance work)") { ombud, years, perYear, seed },
            "seed-demo --ombud N --years Y --clients-per-year C [--seed S]", async (pr, sp, ct) =>
            {
                var r = await sp.GetRequiredService<GenerateDemoData.Handler>().HandleAsync(
                    new DemoGenerator.Profile(pr.GetValue(ombud), pr.GetValue(years), pr.GetValue(perYear), pr.GetValue(seed)), ct);
                Console.WriteLine($"Påhittad data genererad på {r.Elapsed.TotalSeconds:0.0} s: {r.Ombud} ombud, {r.Municipalities} kommuner, " +
                    $"{r.Clients} klienter, {r.Mandates} uppdrag ({r.Reopenings} återöppnade), {r.Needs} behov, {r.Contacts} myndighetskontakter, " +
                    $"{r.SipMeetings} SIP-möten, {r.SystemFaults} systembrister.");
                Console.WriteLine("Inloggning: ombud001 … och chef-riket, lösenord " + DemoData.Password + ".");
                return 0;
            });

        // "help" and "help VERB" as well as "--help", "-h" (also "dotnet run --project src/Ombud.Web -- help").
        var helpVerb = new Argument<string?>("VERB") { Arity = ArgumentArity.ZeroOrOne, Description = "The verb to explain" };
        helpVerb.AcceptOnlyFromAmong([.. _verbs.Select(v => v.Name)]);
        var help = new Command("help", "Show help for the app or a verb") { helpVerb };
        help.SetAction(pr => root.Parse(pr.GetValue(helpVerb) is { } v ? [v, "--help"] : ["--help"]).Invoke());
        root.Subcommands.Add(help);
        return root;
    }

    /// <summary>The option's value for a validator; null when it could not be converted (the parser reports that itself).</summary>
    private static T? Parsed<T>(OptionResult r) where T : struct
    {
        try { return r.GetValueOrDefault<T>(); }
        catch (InvalidOperationException) { return null; }
    }

    private static Option<int> Number(string name, string description, int min, int max, bool required = true)
    {
        var option = new Option<int>(name) { Description = $"{description} ({min}–{max})", Required = required, HelpName = "N" };
        option.Validators.Add(r =>
        {
            if (Parsed<int>(r) is { } n && (n < min || n > max)) r.AddError($"{name} ska vara mellan {min} och {max}.");
        });
        return option;
    }

    private void Verb(RootCommand root, Command command, string usage, Func<ParseResult, IServiceProvider, CancellationToken, Task<int>> run)
    {
        _usage[command] = usage;
        _verbs.Add(command);
        command.SetAction((pr, ct) => RunVerbAsync(pr, run, ct));
        root.Subcommands.Add(command);
    }

    private async Task<int> RunVerbAsync(ParseResult pr, Func<ParseResult, IServiceProvider, CancellationToken, Task<int>> run, CancellationToken ct)
    {
        var services = _services ?? throw new InvalidOperationException("RunAsync gives the verbs their services.");
        try
        {
            await using (var scope = services.CreateAsyncScope())
                await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(seedDemoData: false, warnWithoutUsers: false, ct);
            await using var work = services.CreateAsyncScope();
            return await run(pr, work.ServiceProvider, ct);
        }
        catch (DomainException ex)
        {
            await Console.Error.WriteLineAsync("Fel: " + ex.Message);
            return 1;
        }
    }

    private static async Task<int> ImportAsync(IServiceProvider sp, string path, bool dryRun, CancellationToken ct)
    {
        if (!File.Exists(path)) { await Console.Error.WriteLineAsync($"Fel: filen {path} finns inte."); return 1; }
        if (new FileInfo(path).Length > ImportFile.MaxBytes)
        {
            await Console.Error.WriteLineAsync($"Fel: filen är för stor (högst {ImportFile.MaxBytes / (1024 * 1024)} MB).");
            return 1;
        }
        var command = new ImportMandates.Command(Path.GetFileName(path), await File.ReadAllBytesAsync(path, ct), dryRun);
        ImportMandates.Result r;
        try
        {
            r = await sp.GetRequiredService<ImportMandates.Handler>().HandleForCommandLineAsync(command, ct);
        }
        catch (Exception ex) when (ex is not DomainException and not OperationCanceledException)
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
        Console.WriteLine(dryRun ? $"Provkörning, ingenting sparades. {what}."
            : r.Imported ? $"Importen är klar. {what}." : $"Ingenting nytt att importera. {what}.");
        if (r.NewMunicipalities.Count > 0) Console.WriteLine($"Nya kommuner i enheten: {string.Join(", ", r.NewMunicipalities)}.");
        return 0;
    }
}
