using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace Ombud.IntegrationTests;

/// <summary>
/// The built app started from another folder: its content root is its own folder, so appsettings.json is read and the
/// static files are served (ASP.NET Core's default, the current folder, lost both).
/// </summary>
public class ContentRootTests
{
    [Fact]
    public async Task The_built_app_started_from_another_folder_reads_its_settings_and_serves_its_static_files()
    {
        var dir = Directory.CreateTempSubdirectory("ombud-elsewhere-").FullName;
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Ombud.Web.dll"));
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        psi.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        psi.Environment["ConnectionStrings__Ombud"] = $"Data Source={Path.Combine(dir, "live.db")}";
        psi.Environment["Ombud__LogFolder"] = Path.Combine(dir, "logs");
        psi.Environment["Ombud__RetentionSweep"] = "false";
        using var p = Process.Start(psi)!;
        var output = new System.Text.StringBuilder();
        var listening = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Read(string? line)
        {
            if (line is null) return;
            lock (output) output.AppendLine(line);
            if (Regex.Match(line, @"Now listening on: (http://127\.0\.0\.1:\d+)") is { Success: true } m)
                listening.TrySetResult(m.Groups[1].Value);
        }
        p.OutputDataReceived += (_, e) => Read(e.Data);
        p.ErrorDataReceived += (_, e) => Read(e.Data);
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        try
        {
            var started = await Task.WhenAny(listening.Task, p.WaitForExitAsync(), Task.Delay(TimeSpan.FromMinutes(2)));
            Assert.True(started == listening.Task, "the app did not start:\n" + output);
            using var http = new HttpClient { BaseAddress = new Uri(await listening.Task) };

            Assert.Equal("ok", await http.GetStringAsync("/health"));
            var css = await http.GetStringAsync("/app.css");
            Assert.Contains(".skip-link", css);
            Assert.True((await http.GetByteArrayAsync("/_content/MudBlazor/MudBlazor.min.css")).Length > 1000);

            // appsettings.json was read: it keeps EF's SQL out of the log (the Development file alone would let it in).
            lock (output) Assert.DoesNotContain("Executed DbCommand", output.ToString());
            Assert.True(File.Exists(Path.Combine(dir, "live.db")));
            Assert.False(Directory.Exists(Path.Combine(dir, "wwwroot")));
        }
        finally
        {
            if (!p.HasExited) p.Kill(entireProcessTree: true);
            await p.WaitForExitAsync();
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(dir, true); } catch (IOException) { }
        }
    }
}
