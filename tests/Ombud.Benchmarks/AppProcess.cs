using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Playwright;
using Ombud.Web.Data.Seed;

namespace Ombud.Benchmarks;

/// <summary>The app as users run it: its own process from the build output, on a free local port.</summary>
internal sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    public string BaseUrl { get; }
    /// <summary>The server's process id (for <c>dotnet-gcdump collect -p</c>).</summary>
    public int Pid => _process.Id;
    public static string LogFolder => Path.Combine(Path.GetTempPath(), "ombud-browser-bench-logs");

    private AppProcess(Process process, string baseUrl) => (_process, BaseUrl) = (process, baseUrl);

    /// <summary>
    /// <c>OMBUD_APP_ARGS</c>: more configuration for every app the benchmarks start, space-separated <c>--Key=value</c>
    /// (e.g. to compare a setting's two values in the browser benchmark).
    /// </summary>
    private static string[] ExtraFromEnvironment() =>
        Environment.GetEnvironmentVariable("OMBUD_APP_ARGS")?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];

    /// <param name="extra">more configuration for the app (<c>--Key=value</c>), after the defaults so they win.</param>
    public static async Task<AppProcess> StartAsync(string db, bool sql, IEnumerable<string>? extra = null)
    {
        var web = Environment.GetEnvironmentVariable("OMBUD_WEB_DLL") is { Length: > 0 } w ? w
            : Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../src/Ombud.Web/bin/Release/net10.0/Ombud.Web.dll"));
        var port = FreePort();
        var baseUrl = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        // Development: served over plain HTTP on loopback (outside Development the app insists on HTTPS) and static web
        // assets come from the build output. No demo data, no gallring sweep (it would change the generated data).
        foreach (var a in new[]
        {
            web, "--urls", baseUrl, "--environment", "Development", $"--ConnectionStrings:Ombud=Data Source={db}",
            "--Ombud:SeedDemoData=false", "--Ombud:RetentionSweep=false", "--Ombud:LoginAttemptsPerMinute=1000",
            $"--Ombud:LogFolder={LogFolder}", "--Serilog:MinimumLevel:Default=Warning",
            $"--Serilog:MinimumLevel:Override:Microsoft.EntityFrameworkCore.Database.Command={(sql ? "Information" : "Warning")}",
        }.Concat(extra ?? []).Concat(ExtraFromEnvironment())) start.ArgumentList.Add(a);
        var process = Process.Start(start)!;
        var log = new StreamWriter(Path.Combine(Path.GetTempPath(), $"ombud-browser-bench-{port}.log")) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var http = new HttpClient();
        for (var i = 0; ; i++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException(
                    $"The app exited ({process.ExitCode}); see {Path.GetTempPath()}ombud-browser-bench-{port}.log");
            }
            try
            {
                if ((await http.GetAsync(baseUrl + "/health")).IsSuccessStatusCode) break;
            }
            catch (HttpRequestException) when (i < 600)
            {
            }
            await Task.Delay(500);
        }
        return new AppProcess(process, baseUrl);
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    /// <summary>Signs <paramref name="user"/> in through the login form, as a person would (the demo password).</summary>
    public static async Task SignInAsync(IPage page, string baseUrl, string user)
    {
        await page.GotoAsync(baseUrl + "/konto/logga-in");
        await page.GetByLabel("Användarnamn").FillAsync(user);
        await page.GetByLabel("Lösenord").FillAsync(DemoData.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Logga in" }).ClickAsync();
        await page.WaitForURLAsync(u => !u.Contains("/konto/logga-in"));
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
