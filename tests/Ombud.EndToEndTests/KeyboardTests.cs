using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ombud.EndToEndTests;

/// <summary>Keyboard users: every control shows where the focus is (WCAG 2.4.7), and what a mouse does, a keyboard does.</summary>
[Collection(E2ECollection.Name)]
public sealed class KeyboardTests(E2EFixture fx) : E2ETestBase(fx)
{
    /// <summary>
    /// Counts the pixels that differ between two same-sized PNG screenshots (decoded by the browser on a canvas).
    /// </summary>
    private const string DifferingPixelsScript = """
        async ([a, b]) => {
          const load = async src => { const i = new Image(); i.src = 'data:image/png;base64,' + src; await i.decode(); return i; };
          const [ia, ib] = await Promise.all([load(a), load(b)]);
          const pixels = img => {
            const c = document.createElement('canvas'); c.width = ia.width; c.height = ia.height;
            const g = c.getContext('2d'); g.drawImage(img, 0, 0); return g.getImageData(0, 0, c.width, c.height).data;
          };
          const pa = pixels(ia), pb = pixels(ib);
          let n = 0;
          for (let k = 0; k < pa.length; k += 4)
            if (Math.abs(pa[k] - pb[k]) + Math.abs(pa[k + 1] - pb[k + 1]) + Math.abs(pa[k + 2] - pb[k + 2]) > 48) n++;
          return n;
        }
        """;

    [Fact]
    public async Task Outlined_and_text_buttons_and_nav_links_show_a_clearly_visible_keyboard_focus()
    {
        var page = await SignInAsync("ombud");
        await GotoAsync(page, "/klienter");
        await page.GetByTestId("status-Active").ClickAsync();
        await Expect(page.GetByTestId("client-table")).Not.ToContainTextAsync("Hämtar klienter");
        await page.GetByTestId("client-link").First.ClickAsync();
        await Expect(page.GetByTestId("need-add")).ToBeVisibleAsync();
        await E2EFixture.WaitInteractiveAsync(page);

        var controls = new (string Name, ILocator Locator)[]
        {
            ("Lägg till behov", page.GetByTestId("need-add")),
            ("Logga kontakt", page.GetByTestId("contact-add")),
            ("Gör vilande", page.GetByTestId("mandate-pause")),
            ("Mina uppgifter", page.Locator(".mud-nav-link", new() { HasText = "Mina uppgifter" })),
        };
        foreach (var (name, control) in controls)
        {
            await Step(name, async () =>
            {
                await control.ScrollIntoViewIfNeededAsync();
                await page.Locator("body").EvaluateAsync("b => document.activeElement?.blur()");
                await Accessibility.WaitUntilAtRestAsync(page);
                var box = (await control.BoundingBoxAsync())!;
                var clip = new Clip { X = box.X - 8, Y = box.Y - 8, Width = box.Width + 16, Height = box.Height + 16 };
                var unfocused = await page.ScreenshotAsync(new() { Clip = clip });

                await page.Keyboard.PressAsync("Shift"); // keyboard modality: the focus that follows is :focus-visible
                await control.FocusAsync();
                Assert.True(await control.EvaluateAsync<bool>("e => e.matches(':focus-visible')"), $"{name}: not keyboard-focused");
                await Accessibility.WaitUntilAtRestAsync(page);
                var focused = await page.ScreenshotAsync(new() { Clip = clip });

                var differing = await page.EvaluateAsync<int>(DifferingPixelsScript,
                    new[] { Convert.ToBase64String(unfocused), Convert.ToBase64String(focused) });
                // a 3px ring around the control: at least the length of its two long sides
                Assert.True(differing >= 2 * 3 * box.Width,
                    $"{name}: only {differing} pixels differ between focused and unfocused ({box.Width:0}×{box.Height:0} px)");
                Assert.Equal("solid", await control.EvaluateAsync<string>("e => getComputedStyle(e).outlineStyle"));
                Assert.Equal("3px", await control.EvaluateAsync<string>("e => getComputedStyle(e).outlineWidth"));
            });
        }
        await E2EFixture.ScreenshotAsync(page, "keyboard-focus-visible.png");
    }

    [Fact]
    public async Task The_sort_headers_on_Mina_klienter_are_reached_with_Tab_and_sort_with_Enter_and_Space()
    {
        var page = await SignInAsync("ombud");
        await GotoAsync(page, "/klienter");
        var codes = page.GetByTestId("client-link");
        await Expect(codes.First).ToBeVisibleAsync();
        var byActivity = await codes.AllInnerTextsAsync();
        Assert.NotEqual(byActivity.Order(StringComparer.Ordinal), byActivity); // so that sorting by code changes the order

        await Step("Tab till Kod", async () =>
        {
            await page.GetByLabel("Sök på kod eller namn").FocusAsync();
            for (var i = 0; i < 20 && await page.EvaluateAsync<string?>("() => document.activeElement?.textContent?.trim()") != "Kod"; i++)
                await page.Keyboard.PressAsync("Tab");
            var kod = page.GetByRole(AriaRole.Button, new() { Name = "Kod", Exact = true });
            await Expect(kod).ToBeFocusedAsync();
            Assert.Equal("solid", await kod.EvaluateAsync<string>("e => getComputedStyle(e).outlineStyle"));
        });

        await Step("Enter sorterar stigande på kod", async () =>
        {
            await page.Keyboard.PressAsync("Enter");
            await page.WaitForFunctionAsync(CodesSortedScript, false, new() { Timeout = 10_000 });
        });

        await Step("Mellanslag sorterar fallande på kod", async () =>
        {
            await page.Keyboard.PressAsync(" ");
            await page.WaitForFunctionAsync(CodesSortedScript, true, new() { Timeout = 10_000 });
        });
    }

    [Fact]
    public async Task An_ombud_registers_a_client_with_the_keyboard_only()
    {
        var page = await SignInAsync("ombud");
        await GotoAsync(page, "/klienter/ny");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Ny klient och uppdrag", Level = 1 })).ToBeVisibleAsync();
        const string name = "Tangent Bordsson";

        await Step("Namn", async () =>
        {
            await TabToAsync(page, "Namn eller alias (valfritt)");
            await page.Keyboard.TypeAsync(name);
        });
        await Step("Kommun med piltangenterna", () => PickWithKeysAsync(page, "Kommun/stadsdel", "Demostad"));
        await Step("Kontaktväg med piltangenterna", () => PickWithKeysAsync(page, "Kontaktväg", "Egen kontakt"));
        await Step("Kontaktorsak med mellanslag", async () =>
        {
            await TabToAsync(page, "Ekonomi");
            await page.Keyboard.PressAsync(" ");
            await Expect(page.GetByLabel("Ekonomi")).ToBeCheckedAsync();
        });
        await Step("Registrera med Enter", async () =>
        {
            await TabToAsync(page, "Registrera");
            await page.Keyboard.PressAsync("Enter");
            await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/klienter/\d+$"));
            await E2EFixture.WaitInteractiveAsync(page);
            await Expect(page.GetByTestId("client-summary")).ToContainTextAsync(name);
            await Expect(page.GetByTestId("client-summary")).ToContainTextAsync("Demostad");
        });
    }

    /// <summary>The focused element's name: its aria-label, its label, the label of the field it is in, or its text.</summary>
    private const string FocusedNameScript = """
        () => {
          const e = document.activeElement;
          if (!e || e === document.body) return '';
          const label = e.getAttribute('aria-label') || (e.labels && e.labels[0] && e.labels[0].textContent)
            || e.closest('.mud-input-control')?.querySelector('label')?.textContent || e.textContent;
          return (label || '').trim();
        }
        """;

    /// <summary>Presses Tab (at most 60 times) until the control named <paramref name="name"/> has the focus.</summary>
    private static async Task TabToAsync(IPage page, string name)
    {
        var seen = new List<string>();
        for (var i = 0; i < 60; i++)
        {
            var focused = await page.EvaluateAsync<string>(FocusedNameScript);
            if (focused == name) return;
            seen.Add(focused);
            await page.Keyboard.PressAsync("Tab");
        }
        Assert.Fail($"Tab never reached \"{name}\"; the focus went: {string.Join(" → ", seen.Distinct())}");
    }

    /// <summary>
    /// Tabs to a select, opens it with Alt+ArrowDown/ArrowDown, moves to the option with the arrow keys and picks it with Enter.
    /// </summary>
    private static async Task PickWithKeysAsync(IPage page, string label, string option)
    {
        await TabToAsync(page, label);
        await page.Keyboard.PressAsync("ArrowDown");
        var target = page.GetByRole(AriaRole.Option, new() { Name = option, Exact = true });
        await Expect(target).ToBeVisibleAsync();
        // The highlight follows each key press after a server render: wait for it to settle before deciding to press
        // again (checking at once pressed one time too many on a loaded machine and picked the next option).
        for (var i = 0; i < 30; i++)
        {
            var current = false;
            for (var wait = 0; wait < 15 && !(current = await target.EvaluateAsync<bool>(IsCurrentOptionScript)); wait++)
                await page.WaitForTimeoutAsync(100);
            if (current) break;
            await page.Keyboard.PressAsync("ArrowDown");
        }
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByLabel(label)).ToContainTextAsync(option);
    }

    private const string IsCurrentOptionScript =
        "e => e.classList.contains('mud-selected-item') || e.matches('.mud-list-item-hilighted, [aria-selected=true], :focus')";

    /// <summary>
    /// True when the client codes in the table are in (ordinal) ascending order, or descending when the argument is true.
    /// </summary>
    private const string CodesSortedScript = """
        descending => {
          const c = [...document.querySelectorAll('[data-testid=client-link]')].map(e => e.textContent.trim());
          return c.length > 1 && c.every((x, i) => i === 0 || (descending ? c[i - 1] >= x : c[i - 1] <= x));
        }
        """;
}
