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
        ["purge"] = ("purge         anonymise clients whose retention time has passed (gallring)", RunPurgeAsync),
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

    private static async Task<int> RunPurgeAsync(CommandLine cl, IServiceProvider sp, CancellationToken ct)
    {
        if (cl.Arguments.Count != 0) return Usage();
        var n = await sp.GetRequiredService<Features.Clients.PurgeExpired.Handler>().HandleAsync(ct);
        Console.WriteLine($"Gallring klar: {n} klienter avidentifierades.");
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
