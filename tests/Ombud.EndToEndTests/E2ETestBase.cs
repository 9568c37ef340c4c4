using Microsoft.Playwright;

namespace Ombud.EndToEndTests;

/// <summary>
/// What every browser test class shares: a fresh browser context per test (closed after it), the errors the browser's
/// console logged, sign-in and navigation on the shared app, and named steps whose failure says which step it was and
/// leaves a screenshot. A test class derives from it and is marked <c>[Collection(E2ECollection.Name)]</c>.
/// </summary>
public abstract class E2ETestBase(E2EFixture fx) : IAsyncLifetime
{
    protected E2EFixture Fx => fx;

    /// <summary>This test's browser context (its own cookies and storage).</summary>
    protected IBrowserContext Ctx { get; private set; } = null!;

    /// <summary>Errors the browser console logged in <see cref="Ctx"/>, with where.</summary>
    protected List<string> ConsoleErrors { get; } = [];

    /// <summary>The base address the helpers sign in and navigate on; a test with its own app overrides it.</summary>
    protected virtual string BaseUrl => fx.BaseUrl;

    public virtual async Task InitializeAsync()
    {
        Ctx = await CreateContextAsync();
        Ctx.Console += (_, m) => { if (m.Type == "error") ConsoleErrors.Add($"{m.Text} @ {m.Location}"); };
    }

    public virtual async Task DisposeAsync() => await Ctx.DisposeAsync();

    /// <summary>Makes <see cref="Ctx"/>: a desktop-sized context; a phone test class returns a phone-sized one.</summary>
    protected virtual Task<IBrowserContext> CreateContextAsync() => fx.NewContextAsync();

    /// <summary>Signs in on a new page of <see cref="Ctx"/> (or <paramref name="ctx"/>) and waits until it is interactive.</summary>
    protected Task<IPage> SignInAsync(string user, IBrowserContext? ctx = null) => E2EFixture.SignInAsync(ctx ?? Ctx, BaseUrl, user);

    /// <summary>Navigates to a path of the app and waits for the Blazor circuit.</summary>
    protected Task GotoAsync(IPage page, string path) => E2EFixture.OpenInteractiveAsync(page, BaseUrl + path);

    protected void AssertNoConsoleErrors() =>
        Assert.True(ConsoleErrors.Count == 0, "Browser console errors:\n" + string.Join("\n", ConsoleErrors));

    /// <summary>
    /// One step of a journey: if it fails, the failure starts with the step's name, and a screenshot of every open page is
    /// saved as <c>step-failed-{class}-{step}.png</c> in the artifacts folder.
    /// </summary>
    protected async Task Step(string name, Func<Task> body) => await Step(name, async () => { await body(); return 0; });

    /// <inheritdoc cref="Step(string, Func{Task})"/>
    protected async Task<T> Step<T>(string name, Func<Task<T>> body)
    {
        try
        {
            return await body();
        }
        catch (Exception e) when (e is not StepFailedException)
        {
            var shots = new List<string>();
            foreach (var (page, i) in Ctx.Pages.Select((p, i) => (p, i)))
            {
                var file = $"step-failed-{GetType().Name}-{Accessibility.FileSafe(name)}{(i > 0 ? $"-{i + 1}" : "")}.png";
                try { shots.Add(await Accessibility.ScreenshotAsync(page, file)); }
                catch (PlaywrightException) { } // a closed page: the step's own error is what matters
            }
            throw new StepFailedException(
                $"Step \"{name}\" failed: {e.Message}{(shots.Count > 0 ? $"\n(screenshot: {string.Join(", ", shots)})" : "")}", e);
        }
    }
}

/// <summary>A failed <see cref="E2ETestBase.Step"/>: the step's name first, the original failure as the inner exception.</summary>
public sealed class StepFailedException(string message, Exception inner) : Exception(message, inner);
