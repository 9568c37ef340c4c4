using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Components.Server.ProtectedBrowserStorage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.JSInterop;
using Microsoft.Playwright;
using Ombud.Web.Data;
using Ombud.Web.Domain;
using Ombud.Web.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Ombud.EndToEndTests;

/// <summary>
/// The real app on a fixed port and SQLite file, so the test can stop it and start it again ("server restart") while
/// the browser keeps its tab.
/// </summary>
public sealed class RestartableApp(string dir, int port) : WebApplicationFactory<Program>
{
    public string BaseUrl => $"http://127.0.0.1:{port}";

    public static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    public RestartableApp Started()
    {
        UseKestrel(o => o.Listen(IPAddress.Loopback, port));
        StartServer();
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder) => KestrelAppFactory.UseTestSettings(builder, dir);
}

/// <summary>
/// Unsaved work survives a server restart; leaving a dirty form asks first; a second save of a record shows the conflict.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class ReliabilityTests(E2EFixture fx) : E2ETestBase(fx)
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "ombud-e2e-rel-" + Guid.NewGuid().ToString("N"));
    private readonly int _port = RestartableApp.FreePort();
    private RestartableApp _app = null!;

    protected override string BaseUrl => _app.BaseUrl;

    public override async Task InitializeAsync()
    {
        _app = new RestartableApp(_dir, _port).Started();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _app.DisposeAsync();
        KestrelAppFactory.DeleteFolder(_dir);
    }

    /// <summary>
    /// Waits until the tab's draft holds <paramref name="text"/>. Drafts are encrypted: the browser's sessionStorage
    /// never holds the typed text in clear (asserted on every read); the app's own keys decrypt it.
    /// </summary>
    private async Task WaitForDraftAsync(IPage page, string text)
    {
        var keys = _app.Services.GetRequiredService<IDataProtectionProvider>();
        for (var attempt = 0; attempt < 150; attempt++)
        {
            var drafts = await page.EvaluateAsync<Dictionary<string, string>>(
                "() => Object.fromEntries(Object.keys(sessionStorage).filter(k => k.startsWith('ombud-draft:'))"
                + ".map(k => [k, sessionStorage.getItem(k)]))");
            foreach (var (key, stored) in drafts)
            {
                Assert.DoesNotContain(text, stored);
                var draft = await new ProtectedSessionStorage(new StoredItem(stored), keys).GetAsync<string>(key);
                if (draft.Value?.Contains(text) == true) return;
            }
            await Task.Delay(100);
        }
        Assert.Fail($"No draft holding '{text}' was stored.");
    }

    /// <summary>A JS runtime that answers one stored sessionStorage value, to decrypt it with ProtectedSessionStorage.</summary>
    private sealed class StoredItem(string stored) : IJSRuntime
    {
        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) => new((TValue)(object)stored);

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) =>
            InvokeAsync<TValue>(identifier, args);
    }

    [Fact]
    public async Task Half_filled_form_survives_a_server_restart()
    {
        var page = await SignInAsync("ombud");
        await GotoAsync(page, "/klienter/ny");
        var name = page.GetByLabel("Namn eller alias (valfritt)");
        await E2EFixture.FillAndCommitAsync(name, "Åsa Ödmjuk 🙂");
        await E2EFixture.FillAndCommitAsync(page.GetByLabel("Födelseår (valfritt)"), "1979");
        await WaitForDraftAsync(page, "1979");

        // Server restart: the circuit is gone; same port, same database, same data-protection keys (sign-in survives).
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _app = new RestartableApp(_dir, _port).Started();

        await page.ReloadAsync();
        await E2EFixture.WaitInteractiveAsync(page);
        await Expect(page).ToHaveURLAsync(_app.BaseUrl + "/klienter/ny");
        await Expect(page.GetByTestId("draft-restored")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Namn eller alias (valfritt)")).ToHaveValueAsync("Åsa Ödmjuk 🙂");
        await Expect(page.GetByLabel("Födelseår (valfritt)")).ToHaveValueAsync("1979");
        await E2EFixture.ScreenshotAsync(page, "draft-restored.png");
        await E2EFixture.AssertAccessibleAsync(page, "Återställt utkast");

        // Discarding the draft shows the empty form again.
        await page.GetByTestId("draft-discard").ClickAsync();
        await E2EFixture.WaitInteractiveAsync(page);
        await Expect(page.GetByLabel("Namn eller alias (valfritt)")).ToHaveValueAsync("");
        await Expect(page.GetByTestId("draft-restored")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Leaving_a_dirty_form_asks_first()
    {
        var page = await SignInAsync("ombud");
        await GotoAsync(page, "/klienter/ny");
        await E2EFixture.FillAndCommitAsync(page.GetByLabel("Namn eller alias (valfritt)"), "Bo Osparad");
        await WaitForDraftAsync(page, "Bo Osparad");

        await page.GetByRole(AriaRole.Link, new() { Name = "Mina klienter" }).ClickAsync();
        await Expect(page.GetByText("Lämna formuläret?")).ToBeVisibleAsync();
        await E2EFixture.ScreenshotAsync(page, "dirty-navigation.png");
        await page.GetByRole(AriaRole.Button, new() { Name = "Stanna kvar" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(_app.BaseUrl + "/klienter/ny");
        await Expect(page.GetByLabel("Namn eller alias (valfritt)")).ToHaveValueAsync("Bo Osparad");

        await page.GetByRole(AriaRole.Link, new() { Name = "Mina klienter" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Lämna utan att spara" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(_app.BaseUrl + "/klienter");
    }

    [Fact]
    public async Task Second_save_of_a_need_shows_what_changed_and_can_overwrite()
    {
        int clientId;
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<OmbudDbContext>>().CreateDbContextAsync();
            var ombud = await db.Users.SingleAsync(u => u.UserName == "ombud");
            var municipalityId = await db.Municipalities.Where(m => m.UnitId == ombud.UnitId).Select(m => m.Id).FirstAsync();
            var lifeArea = await db.Categories.FirstAsync(c => c.Kind == CategoryKind.LifeArea && c.Name == "Boende");
            var client = new Client
            {
                UnitId = ombud.UnitId,
                Code = ClientCode.New(),
                MunicipalityId = municipalityId,
                CreatedAtUtc = DateTime.UtcNow,
            };
            var today = TimeProvider.System.Today();
            var mandate = client.OpenNewMandate(ombud.Id, today.AddDays(-30), today.AddDays(-30));
            mandate.Needs.Add(new Need { LifeAreaId = lifeArea.Id, ClientWords = "Vill bo kvar", IdentifiedOn = today.AddDays(-20) });
            db.Clients.Add(client);
            await db.SaveChangesAsync();
            clientId = client.Id;
        }

        var first = await SignInAsync("ombud");
        await GotoAsync(first, $"/klienter/{clientId}");
        var second = await Ctx.NewPageAsync();
        await GotoAsync(second, $"/klienter/{clientId}");

        // Both open the same need; the first saves.
        await second.GetByRole(AriaRole.Button, new() { Name = "Redigera behov Boende" }).ClickAsync();
        await first.GetByRole(AriaRole.Button, new() { Name = "Redigera behov Boende" }).ClickAsync();
        await E2EFixture.FillAndCommitAsync(first.GetByLabel("Behovet med klientens egna ord"), "Vill flytta närmare dottern");
        await E2EFixture.PickAsync(first, "need-status", "Pågår");
        await first.GetByTestId("need-save").ClickAsync();
        await Expect(first.GetByTestId("need-words-cell")).ToHaveTextAsync("Vill flytta närmare dottern");

        // The second is refused, told what changed, and chooses to overwrite.
        await E2EFixture.FillAndCommitAsync(second.GetByLabel("Behovet med klientens egna ord"), "Vill ha hemtjänst");
        await second.GetByTestId("need-save").ClickAsync();
        await Expect(second.GetByText(
                "Någon annan har ändrat Behovet med klientens egna ord och Status sedan du öppnade formuläret.", new() { Exact = false }))
            .ToBeVisibleAsync();
        await E2EFixture.ScreenshotAsync(second, "edit-conflict.png");
        await E2EFixture.AssertAccessibleAsync(second, "Konfliktmeddelande");
        await second.GetByRole(AriaRole.Button, new() { Name = "Skriv över" }).ClickAsync();
        await Expect(second.GetByTestId("need-words-cell")).ToHaveTextAsync("Vill ha hemtjänst");
    }
}
