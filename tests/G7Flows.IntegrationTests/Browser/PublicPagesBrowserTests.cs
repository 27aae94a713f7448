using G7Flows.IntegrationTests.Disclosures;
using G7Flows.IntegrationTests.Infrastructure;
using G7Flows.Workflows.Disclosures.Publishing;
using Microsoft.Playwright;
using Xunit;

namespace G7Flows.IntegrationTests.Browser;

/// <summary>
/// The public pages in a real browser (headless Chromium through Playwright): the index, a disclosure page and the
/// feed render; markup that users wrote (title, body, organisation, comment) shows as text and never runs; a
/// military-expenditure disclosure shows its computed shares; and the browser reports no console errors.
/// </summary>
[Collection(PublicSiteCollection.Name)]
public sealed class PublicPagesBrowserTests(ServerFixture fixture) : IAsyncLifetime
{
    /// <summary>Every script here would leave a trace in <c>window.__pwned</c> or the page's title if it ran.</summary>
    private const string Title = "Policy <script>window.__pwned='title';document.title='pwned'</script> & \"quotes\"";

    private const string Body =
        "# Heading <script>window.__pwned='heading'</script>\n\n" +
        "Text with <img src=x onerror=\"window.__pwned='img'\"> inline and <b onmouseover=\"window.__pwned='b'\">bold</b>.\n\n" +
        "<script>window.__pwned='block'</script>\n\n" +
        "<iframe srcdoc=\"<script>parent.__pwned='iframe'</script>\"></iframe>\n\n" +
        "[a link](javascript:window.__pwned='link') and ![an image](javascript:window.__pwned='image')\n";

    private const string Organisation = "<b onmouseover=\"window.__pwned='org'\">Watchdog</b>";

    private const string CommentText = "<script>window.__pwned='comment'</script>\nSecond line.";

    /// <summary>The content security policy the public pages are written for (PublicHtml.ContentSecurityPolicy).</summary>
    private const string PublicHtmlPolicy = "default-src 'none'; style-src 'unsafe-inline'";

    private readonly List<string> errors = [];
    private IPlaywright? playwright;
    private IBrowser? browser;

    public async Task InitializeAsync() => (this.playwright, this.browser) = await SystemChromium.LaunchAsync();

    public async Task DisposeAsync()
    {
        if (this.browser is not null)
        {
            await this.browser.DisposeAsync();
        }

        this.playwright?.Dispose();
    }

    [Fact]
    public async Task The_index_a_disclosure_and_the_feed_render_and_markup_in_user_text_shows_as_text_and_never_runs()
    {
        // Arrange: a disclosure whose every user-written string carries script, newer than anything else published.
        PublicDisclosure hostile = PublicDisclosures.Policy(PublicDisclosures.NewId("xss"), new DateTime(2031, 1, 1, 0, 0, 0, DateTimeKind.Utc), Title) with
        {
            BodyMarkdown = Body,
            Comments = [new PublicComment("c1", Organisation, CommentText, new DateTime(2030, 12, 1, 0, 0, 0, DateTimeKind.Utc))],
        };
        await PublicDisclosures.Publisher(fixture.Azurite.ConnectionString).PublishAsync(hostile);
        IPage page = await this.NewPageAsync();

        // Act: the index, then the disclosure by its link, then the feed.
        IResponse? index = await page.GotoAsync(this.Url("/api/public/disclosures"));
        await this.AssertInertAsync(page, "the index");
        string indexTitle = await page.TitleAsync();
        ILocator link = page.GetByRole(AriaRole.Link, new() { Name = Title, Exact = true });
        await link.ClickAsync();
        await page.WaitForURLAsync(this.Url($"/api/public/disclosures/{hostile.Id}"));
        await this.AssertInertAsync(page, "the disclosure");
        string heading = await page.Locator("h1").InnerTextAsync();
        string article = await page.Locator("article").InnerTextAsync();
        string comment = await page.Locator(".comment").InnerTextAsync();
        string pageTitle = await page.TitleAsync();
        int images = await page.EvaluateAsync<int>("() => document.images.length + document.querySelectorAll('iframe, [onerror], [onmouseover]').length");
        int unsafeLinks = await page.EvaluateAsync<int>("() => [...document.links].filter(a => !/^https?:|^mailto:/i.test(a.href)).length");
        await page.Locator("article b, strong").First.HoverAsync();
        await this.AssertInertAsync(page, "the disclosure after hovering");

        IResponse? feed = await page.GotoAsync(this.Url("/api/public/disclosures/feed.atom"));
        string feedXml = await feed!.TextAsync();
        await this.AssertInertAsync(page, "the feed");

        // Assert
        Assert.Equal(200, index!.Status);
        Assert.Equal("G7 transparency disclosures", indexTitle);
        Assert.Equal(Title, heading);
        Assert.StartsWith(Title + " · ", pageTitle, StringComparison.Ordinal);
        Assert.Contains("<script>window.__pwned='block'</script>", article, StringComparison.Ordinal);
        Assert.Contains("<img src=x onerror=\"window.__pwned='img'\">", article, StringComparison.Ordinal);
        Assert.Contains("Watchdog", comment, StringComparison.Ordinal);
        Assert.Contains(Organisation, comment, StringComparison.Ordinal);
        Assert.Contains("<script>window.__pwned='comment'</script>", comment, StringComparison.Ordinal);
        Assert.Equal(0, images);
        Assert.Equal(0, unsafeLinks);
        Assert.Equal(200, feed.Status);
        Assert.StartsWith("application/atom+xml", feed.Headers["content-type"], StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;window.__pwned='title'", feedXml, StringComparison.Ordinal);
        Assert.True(this.errors.Count == 0, "The browser reported errors:\n" + string.Join("\n", this.errors));
    }

    [Fact]
    public async Task A_military_expenditure_disclosure_shows_its_totals_and_shares_against_the_guidelines()
    {
        // Arrange: 60,000 of a GDP of 2,000,000 (3.00 %), 9,000 of it on procurement and R&D (15.00 %).
        PublicDisclosure disclosure = PublicDisclosures.Expenditure(PublicDisclosures.NewId("milex"));
        await PublicDisclosures.Publisher(fixture.Azurite.ConnectionString).PublishAsync(disclosure);
        IPage page = await this.NewPageAsync();

        // Act
        await page.GotoAsync(this.Url($"/api/public/disclosures/{disclosure.Id}"));
        await this.AssertInertAsync(page, "the expenditure page");
        string gdpRow = await page.Locator("tr", new() { HasText = "Share of GDP" }).InnerTextAsync();
        string equipmentRow = await page.Locator("tr", new() { HasText = "Equipment share" }).InnerTextAsync();
        string totals = await page.Locator("tfoot tr").InnerTextAsync();
        bool tableVisible = await page.Locator("table").First.IsVisibleAsync();

        // Assert
        Assert.True(tableVisible);
        Assert.Contains("3.00 %", gdpRow, StringComparison.Ordinal);
        Assert.Contains("at least 2 %", gdpRow, StringComparison.Ordinal);
        Assert.Contains("meets", gdpRow, StringComparison.Ordinal);
        Assert.Contains("15.00 %", equipmentRow, StringComparison.Ordinal);
        Assert.Contains("at least 20 %", equipmentRow, StringComparison.Ordinal);
        Assert.Contains("below", equipmentRow, StringComparison.Ordinal);
        Assert.Contains("60,000", totals, StringComparison.Ordinal);
        Assert.True(this.errors.Count == 0, "The browser reported errors:\n" + string.Join("\n", this.errors));
    }

    private string Url(string path) => new Uri(fixture.Server.BaseAddress, path).AbsoluteUri;

    private async Task<IPage> NewPageAsync()
    {
        IPage page = await this.browser!.NewPageAsync();

        // The pages are written for a content security policy that the host adds to every HTML answer. Where the
        // server did not send one, the browser adds the policy the pages are written for, so that they are checked
        // under a policy in any case (without one, Chromium's own request for /favicon.ico meets the API's 401).
        await page.RouteAsync("**/api/public/**", async route =>
        {
            IAPIResponse response = await route.FetchAsync();
            var headers = new Dictionary<string, string>(response.Headers);
            if (headers.TryGetValue("content-type", out string? type) && type.StartsWith("text/html", StringComparison.Ordinal)
                && !headers.ContainsKey("content-security-policy"))
            {
                headers["content-security-policy"] = PublicHtmlPolicy;
            }

            await route.FulfillAsync(new RouteFulfillOptions { Response = response, Headers = headers });
        });
        page.Console += (_, message) =>
        {
            if (message.Type is "error")
            {
                lock (this.errors)
                {
                    this.errors.Add($"console: {message.Text} ({message.Location})");
                }
            }
        };
        page.PageError += (_, error) =>
        {
            lock (this.errors)
            {
                this.errors.Add($"page error: {error}");
            }
        };
        return page;
    }

    /// <summary>No script ran: nothing set <c>window.__pwned</c>, the title was not changed, and the page has no script element.</summary>
    private async Task AssertInertAsync(IPage page, string what)
    {
        string? pwned = await page.EvaluateAsync<string?>("() => window.__pwned ?? null");
        int scripts = await page.EvaluateAsync<int>("() => document.getElementsByTagName('script').length");
        string title = await page.TitleAsync();
        Assert.True(pwned is null, $"A script ran in {what}: window.__pwned is '{pwned}'.");
        Assert.True(scripts == 0, $"{what} has {scripts} script element(s).");
        Assert.NotEqual("pwned", title);
    }
}
