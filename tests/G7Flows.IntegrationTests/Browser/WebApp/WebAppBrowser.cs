using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Xunit;

namespace G7Flows.IntegrationTests.Browser.WebApp;

/// <summary>
/// A real browser on the web app: headless Chromium (<see cref="SystemChromium"/>) with one context per signed-in
/// person. A person is signed in as the development sign-in leaves them, with a bearer token in the tab's session
/// storage; every console error, failed script and request to another origin is collected, and
/// <see cref="AssertCleanAsync"/> fails the test on any of them.
/// </summary>
public sealed partial class WebAppBrowser : IAsyncDisposable
{
    /// <summary>A phone's viewport (CSS pixels).</summary>
    public static readonly ViewportSize Phone = new() { Width = 375, Height = 740 };

    /// <summary>A laptop's viewport.</summary>
    public static readonly ViewportSize Desktop = new() { Width = 1280, Height = 900 };

    private readonly IPlaywright playwright;
    private readonly IBrowser browser;
    private readonly Uri baseAddress;
    private readonly List<string> problems = [];

    private WebAppBrowser(IPlaywright playwright, IBrowser browser, Uri baseAddress)
    {
        this.playwright = playwright;
        this.browser = browser;
        this.baseAddress = baseAddress;
    }

    /// <summary>Everything wrong the pages reported so far: console errors, uncaught exceptions, requests elsewhere.</summary>
    public IReadOnlyList<string> Problems => this.problems;

    /// <summary>Starts Chromium for the app at <paramref name="baseAddress"/>.</summary>
    public static async Task<WebAppBrowser> LaunchAsync(Uri baseAddress)
    {
        (IPlaywright playwright, IBrowser browser) = await SystemChromium.LaunchAsync();
        return new WebAppBrowser(playwright, browser, baseAddress);
    }

    /// <summary>The absolute URL of a path of the app (<c>/#/inbox</c>).</summary>
    public string Url(string path) => new Uri(this.baseAddress, path).ToString();

    /// <summary>
    /// Opens the app at <paramref name="path"/> in a new context, signed in with <paramref name="token"/> (or signed out
    /// when null), and waits until the page has rendered.
    /// </summary>
    public async Task<IPage> OpenAsync(string path, string? token, ViewportSize? viewport = null)
    {
        IPage page = await this.NewPageAsync(token, viewport);
        await this.GoAsync(page, path);
        return page;
    }

    /// <summary>
    /// A new tab in a new context, signed in with <paramref name="token"/> (or signed out), whose problems are collected,
    /// before it goes anywhere: for pages that are not the app's shell (the development sign-in).
    /// </summary>
    public async Task<IPage> NewPageAsync(string? token, ViewportSize? viewport = null)
    {
        IBrowserContext context = await this.browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = viewport ?? Desktop, Locale = "en-GB", TimezoneId = "Europe/Paris" });
        if (token is not null)
        {
            await context.AddInitScriptAsync($"if (location.origin === {System.Text.Json.JsonSerializer.Serialize(this.baseAddress.GetLeftPart(UriPartial.Authority))}) sessionStorage.setItem('g7flows.token', {System.Text.Json.JsonSerializer.Serialize(token)});");
        }

        IPage page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            // Chromium logs every 4xx answer to a fetch; the app expects and shows those (401 signed out, 409 closed).
            if (message.Type == "error" && !ExpectedRefusal().IsMatch(message.Text))
            {
                this.problems.Add($"console error on {page.Url}: {message.Text}");
            }
        };
        page.PageError += (_, error) => this.problems.Add($"uncaught error on {page.Url}: {error}");
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(this.baseAddress.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal))
            {
                this.problems.Add($"request to another origin from {page.Url}: {request.Url}");
            }
        };
        return page;
    }

    /// <summary>Goes to a path of the app and waits for the app to render it.</summary>
    public async Task GoAsync(IPage page, string path)
    {
        await page.GotoAsync(this.Url(path));
        await page.WaitForSelectorAsync("html[data-ready='true']");
        await page.Locator("main .loading").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached });
        await ShownAsync(page);
    }

    /// <summary>Waits until the page the app is rendering is shown: the app marks <c>main</c> busy from a navigation to its end.</summary>
    public static Task ShownAsync(IPage page) =>
        Assertions.Expect(page.Locator("#main")).Not.ToHaveAttributeAsync("aria-busy", "true");

    /// <summary>Runs axe on the page and fails on any serious or critical violation, naming each with its elements.</summary>
    public static async Task AssertAccessibleAsync(IPage page, string what)
    {
        AxeResult result = await page.RunAxe();
        string[] violations =
        [
            .. result.Violations
                .Where(v => v.Impact is "serious" or "critical")
                .Select(v => $"{v.Impact} {v.Id}: {v.Help} at {string.Join(", ", v.Nodes.Select(n => string.Join(" ", n.Target?.ToString() ?? "?")))}"),
        ];
        Assert.True(violations.Length == 0, $"axe found serious or critical violations on {what}:\n{string.Join("\n", violations)}");
    }

    /// <summary>Fails when the page is wider than its viewport (it would scroll sideways).</summary>
    public static async Task AssertFitsWidthAsync(IPage page, string what)
    {
        int overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"{what} is {overflow} px wider than the screen.");
    }

    /// <summary>
    /// Fails when markup shown as text became elements (<paramref name="selector"/> finds any) or its script ran
    /// (it sets <c>window.__pwned</c>); <paramref name="what"/> names the page in the failure (its address otherwise).
    /// </summary>
    public static async Task AssertNothingRanAsync(IPage page, string selector = "main img, main script", string? what = null)
    {
        Assert.Equal(0, await page.Locator(selector).CountAsync());
        string? ran = await page.EvaluateAsync<string?>("() => window.__pwned === undefined ? null : String(window.__pwned)");
        Assert.True(ran is null, $"Markup ran on {what ?? page.Url}: window.__pwned is {ran}.");
    }

    /// <summary>Fails when any page reported a console error, an uncaught exception or a request to another origin.</summary>
    public void AssertClean() => Assert.True(this.problems.Count == 0, "The browser reported:\n" + string.Join("\n", this.problems));

    /// <summary>Like <see cref="AssertClean"/>, after letting pending work settle.</summary>
    public async Task AssertCleanAsync(IPage page)
    {
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        this.AssertClean();
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^Failed to load resource: the server responded with a status of 4\d\d")]
    private static partial System.Text.RegularExpressions.Regex ExpectedRefusal();

    public async ValueTask DisposeAsync()
    {
        await this.browser.DisposeAsync();
        this.playwright.Dispose();
    }
}
