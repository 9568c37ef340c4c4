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
    /// <summary>How help is asked for a verb: "report", "units add".</summary>
    private readonly Dictionary<Command, string> _path = [];
    private readonly HashSet<Command> _verbs = [];
    /// <summary>The operator's set-up verbs (<c>units</c>, <c>users</c>): they do not create a first unit on an empty database.</summary>
    private readonly HashSet<Command> _setupVerbs = [];
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
        to.WriteLine($"Hjälp: Ombud.Web {(_path.TryGetValue(command, out var path) ? path + " " : "")}--help");
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
        var output = new Option<string?>("--out")
        {
            Description = "Write to FILE instead of standard output (xlsx needs it)",
            HelpName = "FILE",
        };
        var reportUnit = UnitOption("The unit (by name); needed when the database has several");
        var reportAll = new Option<bool>("--all-units")
        {
            Description = "The whole installation: every unit's figures added up (exact); "
                + "with --publish every unit side by side and the sum",
        };
        var publish = new Option<bool>("--publish")
        {
            Description = "Publication mode: counts from 1 to the threshold (and what would reveal them) suppressed",
        };
        var threshold = new Option<int>("--threshold")
        {
            Description = "Publication mode's threshold (default 3)",
            HelpName = "N",
            DefaultValueFactory = _ => Suppression.DefaultThreshold,
        };
        threshold.Validators.Add(r =>
        {
            if (Parsed<int>(r) is < 1 or > 100) r.AddError("Ange en tröskel mellan 1 och 100 (--threshold).");
        });
        var report = new Command("report", "The yearly report (Årsrapport) as JSON, CSV or .xlsx")
            { year, municipality, format, output, reportUnit, reportAll, publish, threshold };
        report.Validators.Add(r =>
        {
            if (r.GetValue(format)?.ToLowerInvariant() == "xlsx" && r.GetValue(output) is null)
                r.AddError("Ange --out FIL för formatet xlsx.");
            if (r.GetValue(reportAll) && r.GetValue(reportUnit) is not null)
                r.AddError("Ange antingen --unit eller --all-units, inte båda.");
            if (r.GetValue(reportAll) && r.GetValue(municipality) is not null)
                r.AddError("--municipality väljer en kommun i en enhet: ange --unit i stället för --all-units.");
            if (r.GetResult(threshold) is { Implicit: false } && !r.GetValue(publish)) r.AddError("--threshold gäller bara med --publish.");
        });
        Verb(root, report,
            "report --year YYYY [--unit NAME | --all-units] [--municipality NAME] [--format json|csv|xlsx] [--out FILE] "
                + "[--publish [--threshold N]]",
            async (pr, sp, ct) =>
        {
            var all = pr.GetValue(reportAll);
            var unit = all ? null : await UnitAsync(sp, pr.GetValue(reportUnit), ct);
            if (!all && unit is null) return 2;
            var handler = sp.GetRequiredService<OperatorYearReport.Handler>();
            byte[] bytes;
            if (all && pr.GetValue(publish))
            {
                // the regional roll-up: every unit side by side and the sum (docs/statistics.md "Regional sammanställning")
                var rollUp = await handler.RollUpAsync(pr.GetValue(year), pr.GetValue(threshold), ct);
                bytes = pr.GetValue(format)!.ToLowerInvariant() switch
                {
                    "xlsx" => Features.Region.RollUpFiles.Xlsx(rollUp),
                    "csv" => ReportFiles.Csv(rollUp.Sum),
                    _ => System.Text.Encoding.UTF8.GetBytes(Features.Region.RollUpFiles.Json(rollUp)),
                };
            }
            else
            {
                // --all-units without --publish: the operator's exact installation sum, not for publication
                if (all)
                {
                    Console.Error.WriteLine(
                        "Obs: exakta siffror för alla enheter, inte för publicering. "
                        + "Lägg till --publish för den regionala sammanställningen.");
                }
                var r = await handler.HandleAsync(new OperatorYearReport.Query(pr.GetValue(year), pr.GetValue(municipality), unit?.Id, all,
                    pr.GetValue(publish) ? pr.GetValue(threshold) : null), ct);
                bytes = pr.GetValue(format)!.ToLowerInvariant() switch
                {
                    "xlsx" => ReportFiles.Xlsx(r),
                    "csv" => ReportFiles.Csv(r),
                    _ => System.Text.Encoding.UTF8.GetBytes(ReportJson.Serialize(r)),
                };
            }
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
        var importUnit = UnitOption("The unit to import into (by name); needed when the database has several");
        var import = new Command("import", "Import clients and mandates from a .csv or .xlsx file (all or nothing)")
            { importFile, dryRun, importUnit };
        Verb(root, import,
            "import FILE [--unit NAME] [--dry-run]", async (pr, sp, ct) =>
            {
                var unit = await UnitAsync(sp, pr.GetValue(importUnit), ct);
                return unit is null ? 2 : await ImportAsync(sp, pr.GetRequiredValue(importFile), unit, pr.GetValue(dryRun), ct);
            });

        var purgeUnit = UnitOption("The unit (by name); needed when the database has several");
        var purgeAll = new Option<bool>("--all-units") { Description = "Every unit (as the daily sweep does)" };
        var purge = new Command("purge", "Anonymise clients whose retention time has passed (gallring)") { purgeUnit, purgeAll };
        purge.Validators.Add(r =>
        {
            if (r.GetValue(purgeAll) && r.GetValue(purgeUnit) is not null) r.AddError("Ange antingen --unit eller --all-units, inte båda.");
        });
        Verb(root, purge, "purge [--unit NAME | --all-units]", async (pr, sp, ct) =>
        {
            var all = pr.GetValue(purgeAll);
            var unit = all ? null : await UnitAsync(sp, pr.GetValue(purgeUnit), ct);
            if (!all && unit is null) return 2;
            var n = await sp.GetRequiredService<PurgeExpired.Handler>().HandleAsync(unit?.Id, ct);
            Console.WriteLine(all ? $"Gallring klar i alla enheter: {n} klienter avidentifierades."
                : $"Gallring klar i {unit!.Name}: {n} klienter avidentifierades.");
            return 0;
        });

        BuildSetupVerbs(root);

        var ombud = Number("--ombud", "Number of ombud", 1, 5000);
        var years = Number("--years", "Years of history", 1, 50);
        var perYear = Number("--clients-per-year", "New mandates a year", 1, 1_000_000);
        var seed = Number("--seed", "Random seed (default 1)", 0, int.MaxValue, required: false);
        seed.DefaultValueFactory = _ => 1;
        var units = Number("--units",
            "Units to spread the ombud and clients over, each with its own municipalities, actors and lead (default 1)",
            1, 1000, required: false);
        units.DefaultValueFactory = _ => 1;
        var seedDemo = new Command("seed-demo", "Fill an empty database with a large fictional caseload (performance work)")
            { ombud, years, perYear, seed, units };
        Verb(root, seedDemo,
            "seed-demo --ombud N --years Y --clients-per-year C [--seed S] [--units U]", async (pr, sp, ct) =>
            {
                var r = await sp.GetRequiredService<GenerateDemoData.Handler>().HandleAsync(
                    new DemoGenerator.Profile(
                        pr.GetValue(ombud), pr.GetValue(years), pr.GetValue(perYear), pr.GetValue(seed), pr.GetValue(units)),
                    ct);
                Console.WriteLine(
                    $"Påhittad data genererad på {r.Elapsed.TotalSeconds:0.0} s: {r.Units} {(r.Units == 1 ? "enhet" : "enheter")}, "
                    + $"{r.Ombud} ombud, {r.Municipalities} kommuner, "
                    + $"{r.Clients} klienter, {r.Mandates} uppdrag ({r.Reopenings} återöppnade), {r.Needs} behov, "
                    + $"{r.Contacts} myndighetskontakter, {r.SipMeetings} SIP-möten, {r.SystemFaults} systembrister.");
                Console.WriteLine(r.Units == 1
                    ? "Inloggning: ombud001 … och chef-riket, lösenord " + DemoData.Password + "."
                    : $"Inloggning: ombud001 … och chef-enhet01 … chef-enhet{r.Units:00}, lösenord {DemoData.Password}.");
                return 0;
            });

        // "help" and "help VERB" as well as "--help", "-h" (also "dotnet run --project src/Ombud.Web -- help").
        var helpVerb = new Argument<string?>("VERB") { Arity = ArgumentArity.ZeroOrOne, Description = "The verb to explain" };
        helpVerb.AcceptOnlyFromAmong([.. root.Subcommands.Select(v => v.Name)]);
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

    /// <param name="parent">The root, or a group such as <c>units</c> for <c>units add</c>.</param>
    /// <param name="setup">An operator's set-up verb: an empty database gets no first unit (see <see cref="_setupVerbs"/>).</param>
    private void Verb(Command parent, Command command, string usage, Func<ParseResult, IServiceProvider, CancellationToken, Task<int>> run,
        bool setup = false)
    {
        _usage[command] = usage;
        _path[command] = parent is RootCommand ? command.Name : parent.Name + " " + command.Name;
        _verbs.Add(command);
        if (setup) _setupVerbs.Add(command);
        command.SetAction((pr, ct) => RunVerbAsync(pr, run, ct));
        parent.Subcommands.Add(command);
    }

    private async Task<int> RunVerbAsync(
        ParseResult pr, Func<ParseResult, IServiceProvider, CancellationToken, Task<int>> run, CancellationToken ct)
    {
        var services = _services ?? throw new InvalidOperationException("RunAsync gives the verbs their services.");
        try
        {
            await using (var scope = services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(
                    seedDemoData: false, warnWithoutUsers: false, ct, createFirstUnit: !_setupVerbs.Contains(pr.CommandResult.Command));
            }
            await using var work = services.CreateAsyncScope();
            return await run(pr, work.ServiceProvider, ct);
        }
        catch (DomainException ex)
        {
            await Console.Error.WriteLineAsync("Fel: " + ex.Message);
            return 1;
        }
        catch (FluentValidation.ValidationException ex)
        {
            // A value the use case's rules refuse (a too short password, a bad user name): bad usage.
            foreach (var e in ex.Errors.Select(e => e.ErrorMessage).Distinct()) await Console.Error.WriteLineAsync("Fel: " + e);
            return 2;
        }
    }

    private static Option<string?> UnitOption(string description) => new("--unit") { Description = description, HelpName = "NAME" };

    /// <summary>
    /// The unit a verb works on: the one named (case-insensitive), or the database's only unit when none is named.
    /// Null after an error on standard error that lists the units (the verb exits 2).
    /// </summary>
    private static async Task<ListUnits.Row?> UnitAsync(IServiceProvider sp, string? name, CancellationToken ct)
    {
        var units = await sp.GetRequiredService<ListUnits.Handler>().HandleAsync(ct);
        if (name is not null && ListUnits.Find(units, name) is { } found) return found;
        if (name is null && units.Count == 1) return units[0];
        await Console.Error.WriteLineAsync(
            name is not null ? $"Fel: enheten '{name}' finns inte."
            : units.Count == 0 ? "Fel: databasen har ingen enhet. Lägg till en med units add."
            : "Fel: databasen har flera enheter: ange vilken med --unit NAMN.");
        await WriteUnitsAsync(units);
        return null;
    }

    private static async Task WriteUnitsAsync(IReadOnlyList<ListUnits.Row> units)
    {
        if (units.Count == 0) return;
        await Console.Error.WriteLineAsync("Enheter:");
        foreach (var u in units) await Console.Error.WriteLineAsync("  " + u.Name);
    }

    /// <summary>The operator's set-up of units and their first accounts: <c>units add</c>, <c>units list</c>, <c>users add</c>.</summary>
    private void BuildSetupVerbs(RootCommand root)
    {
        var units = new Command("units", "The installation's units (verksamheter): add one, or list them");
        _usage[units] = "units add NAME --municipality M [--municipality M2 ...] | units list";
        _path[units] = units.Name;
        units.SetAction(_ =>
        {
            Console.Error.WriteLine("Fel: ange add eller list.");
            Usage(units, Console.Error);
            return 2;
        });
        root.Subcommands.Add(units);

        var unitName = new Argument<string>("NAME") { Description = "The unit's name (unique in the installation)" };
        var municipalities = new Option<string[]>("--municipality")
        {
            Description = "A municipality or city district the unit serves (give one or more)",
            HelpName = "NAME",
            Required = true,
        };
        Verb(units, new Command("add", "Add a unit with its municipalities and the default actors") { unitName, municipalities },
            "units add NAME --municipality M [--municipality M2 ...]", async (pr, sp, ct) =>
            {
                var name = pr.GetRequiredValue(unitName).Trim();
                var existing = await sp.GetRequiredService<ListUnits.Handler>().HandleAsync(ct);
                if (ListUnits.Find(existing, name) is { } taken)
                {
                    await Console.Error.WriteLineAsync($"Fel: det finns redan en enhet som heter {taken.Name}.");
                    return 2;
                }
                var list = pr.GetRequiredValue(municipalities).Select(m => m.Trim()).ToList();
                await sp.GetRequiredService<AddUnit.Handler>().HandleAsync(new AddUnit.Command { Name = name, Municipalities = list }, ct);
                var noun = list.Count == 1 ? "kommunen" : "kommunerna";
                Console.WriteLine($"Enheten {name} är tillagd med {noun} {string.Join(", ", list)}.");
                return 0;
            }, setup: true);

        Verb(units, new Command("list", "List the units: name, number of user accounts, municipalities"), "units list", async (_, sp, ct) =>
        {
            var all = await sp.GetRequiredService<ListUnits.Handler>().HandleAsync(ct);
            if (all.Count == 0) Console.WriteLine("Databasen har ingen enhet. Lägg till en med units add.");
            foreach (var u in all)
                Console.WriteLine($"{u.Name}\t{u.Users} användare\t{string.Join(", ", u.Municipalities)}");
            return 0;
        }, setup: true);

        var users = new Command("users", "User accounts: add a unit's first admin or a Systemadministratör");
        _usage[users] = "users add USERNAME --unit NAME --role ROLE --name \"FULL NAME\" --password-stdin";
        _path[users] = users.Name;
        users.SetAction(_ =>
        {
            Console.Error.WriteLine("Fel: ange add.");
            Usage(users, Console.Error);
            return 2;
        });
        root.Subcommands.Add(users);

        var userName = new Argument<string>("USERNAME") { Description = "3–50 characters: a–z, digits, '.', '-', '_'" };
        var unit = new Option<string>("--unit") { Description = "The account's unit (by name)", HelpName = "NAME", Required = true };
        var role = new Option<string>("--role") { Description = string.Join("|", Roles.All), HelpName = "ROLE", Required = true };
        role.Validators.Add(r =>
        {
            if (RoleNamed(r.GetValueOrDefault<string>()) is null)
                r.AddError($"Rollen '{r.GetValueOrDefault<string>()}' finns inte: välj {string.Join(", ", Roles.All)}.");
        });
        var fullName = new Option<string>("--name") { Description = "The person's full name", HelpName = "\"FULL NAME\"", Required = true };
        var passwordStdin = new Option<bool>("--password-stdin")
        {
            Description = "Read the password from standard input (one line), so it is not seen in the process list or shell history",
            Required = true,
        };
        Verb(users, new Command("add", "Create an account in a unit with one role") { userName, unit, role, fullName, passwordStdin },
            _usage[users], async (pr, sp, ct) =>
            {
                var found = await UnitAsync(sp, pr.GetRequiredValue(unit), ct);
                if (found is null) return 2;
                var password = (await Console.In.ReadLineAsync(ct))?.TrimEnd('\r');
                if (string.IsNullOrEmpty(password))
                {
                    await Console.Error.WriteLineAsync("Fel: inget lösenord på standard in (--password-stdin läser en rad).");
                    return 2;
                }
                var name = pr.GetRequiredValue(userName).Trim();
                var roleName = RoleNamed(pr.GetRequiredValue(role))!;
                await sp.GetRequiredService<AddAccount.Handler>().HandleAsync(new AddAccount.Command
                {
                    UnitId = found.Id,
                    UserName = name,
                    DisplayName = pr.GetRequiredValue(fullName),
                    Role = roleName,
                    Password = password,
                }, ct);
                Console.WriteLine($"Kontot {name} är skapat i enheten {found.Name} med rollen {roleName}.");
                return 0;
            }, setup: true);
    }

    /// <summary>The role of that name, case-insensitive ("admin" is Admin); null when there is none.</summary>
    private static string? RoleNamed(string? name) =>
        Roles.All.FirstOrDefault(r => string.Equals(r, name?.Trim(), StringComparison.CurrentCultureIgnoreCase));

    private static async Task<int> ImportAsync(IServiceProvider sp, string path, ListUnits.Row unit, bool dryRun, CancellationToken ct)
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
            r = await sp.GetRequiredService<ImportMandates.Handler>().HandleForCommandLineAsync(command, unit.Id, ct);
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
            foreach (var e in r.Errors)
                await Console.Error.WriteLineAsync(e.Row > 0 ? $"Rad {e.Row}, {e.Column}: {e.Message}" : $"{e.Column}: {e.Message}");
            if (r.ErrorCount > r.Errors.Count) await Console.Error.WriteLineAsync($"... och {r.ErrorCount - r.Errors.Count} fel till.");
            return 1;
        }
        var what = $"{r.Rows} rader: {r.Clients} klienter ({r.NewClients} nya), {r.NewMandates} nya uppdrag, "
            + $"{r.PresentMandates} fanns redan";
        Console.WriteLine(dryRun ? $"Provkörning, ingenting sparades. {what}."
            : r.Imported ? $"Importen är klar. {what}." : $"Ingenting nytt att importera. {what}.");
        if (r.NewMunicipalities.Count > 0) Console.WriteLine($"Nya kommuner i enheten: {string.Join(", ", r.NewMunicipalities)}.");
        return 0;
    }
}
