namespace Ombud.Web.Infrastructure;

/// <summary>
/// Where the app finds appsettings.json, wwwroot and relative paths such as <c>data/ombud.db</c>. ASP.NET Core's default
/// is the current folder, so the published or built app started from another folder ran without its settings and
/// static files. Ombud's default is the app's own folder (<see cref="AppContext.BaseDirectory"/>), except when started
/// from the project folder (it holds Ombud.Web.csproj: <c>dotnet run --project src/Ombud.Web</c>), which stays the
/// content root so the database is <c>src/Ombud.Web/data/ombud.db</c>. A content root given with <c>--contentRoot</c>,
/// ASPNETCORE_CONTENTROOT or DOTNET_CONTENTROOT (the test host gives one) is used as it is.
/// </summary>
public static class ContentRoot
{
    /// <summary>The content root to set, or null when one was given (the host then takes it from configuration).</summary>
    public static string? Default(string[] hostArgs)
    {
        var given = new ConfigurationBuilder()
            .AddEnvironmentVariables("DOTNET_").AddEnvironmentVariables("ASPNETCORE_").AddCommandLine(hostArgs)
            .Build()[HostDefaults.ContentRootKey];
        if (!string.IsNullOrEmpty(given)) return null;
        var current = Directory.GetCurrentDirectory();
        return File.Exists(Path.Combine(current, "Ombud.Web.csproj")) ? current : AppContext.BaseDirectory;
    }
}
