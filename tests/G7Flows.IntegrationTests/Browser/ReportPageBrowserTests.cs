using System.Buffers.Binary;
using System.Net;
using System.Text.Json;
using G7Flows.IntegrationTests.Disclosures;
using G7Flows.IntegrationTests.Infrastructure;
using G7Flows.IntegrationTests.Reports;
using G7Flows.Workflows.Disclosures.Domain;
using G7Flows.Workflows.Platform.Storage;
using G7Flows.Workflows.Reports.Domain;
using G7Flows.Workflows.Reports.Facts;
using Microsoft.Playwright;
using Xunit;

namespace G7Flows.IntegrationTests.Browser;

/// <summary>
/// The scheduled report's page in a real browser (headless Chromium through Playwright): a report made by the server
/// from fact rows of a past month, read as <c>GET /api/public/reports/{period}</c> with <c>Accept: text/html</c>.
/// Every chart renders with a size and has a title and a text alternative, the page asks the network for nothing but
/// itself, markup in a title shows as text and never runs, and the browser reports no console errors.
/// <para>
/// The second test also gives the README's screenshot: with <c>G7FLOWS_README_SCREENSHOT=1</c> it writes the page it
/// checked to <c>docs/images/report.png</c>.
/// </para>
/// </summary>
[Collection(PublicSiteCollection.Name)]
public sealed class ReportPageBrowserTests(ServerFixture fixture) : IAsyncLifetime
{
    /// <summary>Set to <c>1</c> to (re)write <see cref="ScreenshotPath"/> from the screenshot test.</summary>
    public const string ScreenshotVariable = "G7FLOWS_README_SCREENSHOT";

    /// <summary>A script here would leave a trace in <c>window.__pwned</c> or the page's title if it ran.</summary>
    private const string Title = "Exercise <script>window.__pwned='title';document.title='pwned'</script> & \"quotes\"";

    private const string DisclosureTitle = "Expenditure <img src=x onerror=\"window.__pwned='img'\"> <script>window.__pwned='disclosure'</script>";

    /// <summary>The charts a report with expenditure figures has, by their titles.</summary>
    private static readonly string[] ChartTitles =
    [
        "Consultation outcomes per nation",
        "Hours to answer per nation",
        "Days from submission to publication per nation",
        "Defence expenditure as a share of GDP",
    ];

    /// <summary>Device pixels per CSS pixel in the screenshot.</summary>
    private const float ScreenshotScale = 0.8f;

    private readonly List<string> errors = [];
    private readonly List<string> requests = [];
    private IPlaywright? playwright;
    private IBrowser? browser;

    /// <summary>Where the README's screenshot lives.</summary>
    public static string ScreenshotPath => Path.Combine(Repository.Root, "docs", "images", "report.png");

    private FactStore Facts => new(StorageClients.FromConnectionString(fixture.Azurite.ConnectionString));

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
    public async Task A_report_page_renders_every_chart_loads_nothing_but_itself_and_shows_markup_in_titles_as_text()
    {
        // Arrange: May 2024 (no other test of this server reports on it): an exercise agreed under a hostile title,
        // another consultation, and a published military-expenditure disclosure whose title carries markup too.
        var period = ReportPeriod.Month(2024, 5);
        var closed = new DateTimeOffset(2024, 5, 20, 9, 0, 0, TimeSpan.Zero);
        await this.Facts.WriteAsync(new ConsultationFact(
            "browser-hostile", Title, "joint-exercise", "Adopted", "FR", closed.AddDays(-3), closed,
            [new NationAnswer("FR", "approve", AnswerTimings.OnTime, 3 * 3600), new NationAnswer("DE", "abstain", AnswerTimings.OnTime, 30 * 3600), new NationAnswer("IT", null, AnswerTimings.Silent, null)]));
        await this.Facts.WriteAsync(new ConsultationFact(
            "browser-plain", "Threat assessment sharing: cyber", "information-sharing", "Rejected", "JP", closed.AddDays(-6), closed.AddDays(-1),
            [new NationAnswer("JP", "approve", AnswerTimings.OnTime, 5 * 3600), new NationAnswer("GB", "object", AnswerTimings.OnTime, 12 * 3600), new NationAnswer("US", null, AnswerTimings.Late, null)]));
        await this.Facts.WriteAsync(new DisclosureFact(
            "browser-milex", DisclosureTitle, DisclosureKinds.MilitaryExpenditure, "DE", DisclosureOutcomes.Published,
            closed.AddDays(-30), closed, closed, 1, 4, 2, GdpSharePercent: 2.4, EquipmentSharePercent: 18.5));
        await this.PublishAsync(period, expectedFacts: 3);
        IPage page = await this.NewPageAsync();
        string url = this.Url($"/api/public/reports/{period}");

        // Act
        IResponse? response = await page.GotoAsync(url, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        // Assert: the answer is the HTML rendering, under the host's content security policy.
        Assert.NotNull(response);
        Assert.Equal(200, response.Status);
        Assert.StartsWith("text/html", response.Headers["content-type"], StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", response.Headers["content-security-policy"], StringComparison.Ordinal);
        Assert.Equal($"G7 military-diplomacy report: {period}", await page.Locator("h1").InnerTextAsync());

        // Assert: the page is the only thing the browser asked for, and nothing came from anywhere else.
        this.AssertOnlyThePageWasRequested(url);
        Assert.Equal(0, await page.EvaluateAsync<int>("() => performance.getEntriesByType('resource').length"));

        // Assert: every chart has a size on screen, a title and a text alternative.
        await AssertChartsRenderAsync(page);

        // Assert: the hostile strings are text in their tables, and no script ran or exists.
        Assert.Equal(Title, await page.Locator("#agreed tbody tr td").First.InnerTextAsync());
        Assert.Equal(DisclosureTitle, await page.Locator("#expenditure tbody tr", new() { HasText = "DE" }).Locator("td").Nth(1).InnerTextAsync());
        Assert.Equal("undefined", await page.EvaluateAsync<string>("() => typeof window.__pwned"));
        Assert.Equal(0, await page.EvaluateAsync<int>("() => document.querySelectorAll('script, img, iframe, [onerror]').length"));
        Assert.Equal($"G7Flows report {period}", await page.TitleAsync());
        Assert.True(this.errors.Count == 0, "The browser reported errors:\n" + string.Join("\n", this.errors));
    }

    [Fact]
    [Trait("Purpose", "readme-screenshot")]
    public async Task A_month_of_activity_renders_as_a_report_page_whose_screenshot_shows_the_whole_page()
    {
        // Arrange: September and October 2026 of seeded activity, September published first so that October's
        // headline figures show their change.
        foreach (var (period, seed, count) in new[] { (ReportPeriod.Month(2026, 9), 9, 18), (ReportPeriod.Month(2026, 10), 10, 26) })
        {
            var (consultations, disclosures) = SeededReportMonth.Facts(period, seed, count);
            await this.Facts.WriteBatchAsync(consultations.Select(FactStore.ToEntity).Concat(disclosures.Select(FactStore.ToEntity)));
            await this.PublishAsync(period, expectedFacts: consultations.Count + disclosures.Count);
        }

        // The README shows it at 80 %: the whole page stays readable and the PNG stays small.
        IPage page = await this.NewPageAsync(new ViewportSize { Width = 1000, Height = 900 }, ScreenshotScale);
        string url = this.Url("/api/public/reports/2026-10");

        // Act
        IResponse? response = await page.GotoAsync(url, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        byte[] png = await page.ScreenshotAsync(new PageScreenshotOptions { FullPage = true, Type = ScreenshotType.Png });
        int pageHeight = await page.EvaluateAsync<int>("() => document.documentElement.scrollHeight");

        // Assert: the page, its charts and its comparison with September.
        Assert.Equal(200, response!.Status);
        this.AssertOnlyThePageWasRequested(url);
        await AssertChartsRenderAsync(page);
        ILocator held = page.Locator("#headlines tbody tr", new() { HasText = "Consultations held" }).Locator("td");
        Assert.Equal(("26", "18", "+8"), (await held.Nth(1).InnerTextAsync(), await held.Nth(2).InnerTextAsync(), await held.Nth(3).InnerTextAsync()));
        Assert.True(this.errors.Count == 0, "The browser reported errors:\n" + string.Join("\n", this.errors));

        // Assert: the screenshot is a PNG of the whole page, 1,000 CSS pixels wide at 0.8 device pixels each.
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A], png[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
        Assert.Equal(800, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)));
        Assert.InRange(BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)), (int)(pageHeight * ScreenshotScale) - 1, (int)(pageHeight * ScreenshotScale) + 1);

        if (Environment.GetEnvironmentVariable(ScreenshotVariable) == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(ScreenshotPath)!);
            await File.WriteAllBytesAsync(ScreenshotPath, png);
            Assert.Equal(png, await File.ReadAllBytesAsync(ScreenshotPath));
        }
    }

    /// <summary>Every chart (the four a report with expenditure has) is laid out with a size, and is an image whose accessible name is its title and its text alternative.</summary>
    private static async Task AssertChartsRenderAsync(IPage page)
    {
        ILocator charts = page.Locator("svg");
        Assert.Equal(ChartTitles.Length, await charts.CountAsync());
        var titles = new List<string>();
        for (int i = 0; i < ChartTitles.Length; i++)
        {
            ILocator chart = charts.Nth(i);
            LocatorBoundingBoxResult? box = await chart.BoundingBoxAsync();
            string id = await chart.GetAttributeAsync("id") ?? $"chart {i}";
            Assert.True(box is { Width: > 0, Height: > 0 }, $"{id} has no size on the page: {box?.Width}×{box?.Height}.");
            Assert.True(await chart.Locator("rect.bar").CountAsync() > 0, $"{id} has no bars.");
            await Assertions.Expect(chart).ToHaveRoleAsync(AriaRole.Img);
            string title = await chart.Locator("title").First.TextContentAsync() ?? string.Empty;
            string description = await chart.Locator("desc").TextContentAsync() ?? string.Empty;
            Assert.True(description.Length > 40, $"{id} has no text alternative: '{description}'.");

            // The chart's accessible name, as the browser computes it from aria-labelledby, is its title and its text alternative.
            await Assertions.Expect(chart).ToHaveAccessibleNameAsync(title + " " + description);
            titles.Add(title);
        }

        Assert.Equal(ChartTitles, titles);
    }

    /// <summary>Asks the server for the period's report as staff (<c>POST /api/reports</c>) and waits until it is published.</summary>
    private async Task PublishAsync(ReportPeriod period, int expectedFacts)
    {
        Reply started = await fixture.Api.RequestAsync(period.ToString());
        Assert.Equal(HttpStatusCode.Accepted, started.Status);
        JsonElement report = await fixture.Api.WaitForReportAsync(fixture.Server, period.ToString());
        Assert.Equal(expectedFacts, report.GetProperty("factsRead").GetInt32());
    }

    private void AssertOnlyThePageWasRequested(string url)
    {
        lock (this.requests)
        {
            Assert.True(this.requests.SequenceEqual([url]), "The page was to be the only request, but the browser asked for:\n" + string.Join("\n", this.requests));
        }
    }

    private string Url(string path) => new Uri(fixture.Server.BaseAddress, path).AbsoluteUri;

    /// <summary>A page that asks for HTML, and records every request it makes and every error the browser reports.</summary>
    private async Task<IPage> NewPageAsync(ViewportSize? viewport = null, float? deviceScaleFactor = null)
    {
        IPage page = await this.browser!.NewPageAsync(new BrowserNewPageOptions
        {
            ExtraHTTPHeaders = new Dictionary<string, string> { ["Accept"] = "text/html" },
            ViewportSize = viewport,
            DeviceScaleFactor = deviceScaleFactor,
        });
        page.Request += (_, request) =>
        {
            lock (this.requests)
            {
                this.requests.Add(request.Url);
            }
        };
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                lock (this.errors)
                {
                    this.errors.Add($"console {message.Type}: {message.Text} ({message.Location})");
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
}
