using System.Text.Json;
using G7Flows.IntegrationTests.Infrastructure;
using Microsoft.Playwright;
using Xunit;
using static G7Flows.IntegrationTests.Infrastructure.DisclosureClient;

namespace G7Flows.IntegrationTests.Browser.WebApp;

/// <summary>
/// The review page renders the disclosure's Markdown from the API's structured document, element by element: headings,
/// emphasis, lists and web links become elements, a screening finding is marked inside the emphasis it stands in, and
/// raw HTML in the text shows as text without ever running. The Markdown source stays one button away.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class DisclosureRenderingBrowserTests(ServerFixture fixture) : WebAppBrowserTest(() => fixture.Server.BaseAddress)
{
    private const string Text =
        "NATO UNCLASSIFIED\n\n" +
        "# Exercise report BRIGHT SHIELD\n\n" +
        "The units *were never marked NOFORN by anyone* during the exercise.\n\n" +
        "- First item with **strong words**\n" +
        "- Second item\n\n" +
        "See [the ministry](https://www.defense.gouv.fr/) and [this page](javascript:window.__pwned='link') too.\n\n" +
        "<img src=x onerror=\"window.__pwned='img'\"> and <script>window.__pwned='script'</script> stay text.\n";

    [Fact]
    public async Task The_review_page_renders_the_text_with_the_findings_marked_and_raw_html_as_text()
    {
        // Arrange: a report waiting for its security review, with the caveat inside emphasis.
        var api = new DisclosureClient(fixture.Server);
        string id = await api.SubmitAsync(Submission(title: "Exercise report BRIGHT SHIELD", body: Text, commentPeriod: "PT10M"));
        JsonElement waiting = await api.WaitForStatusAsync(id, "SecurityReview");
        Assert.Contains(waiting.GetProperty("findings").EnumerateArray(), f => f.GetProperty("excerpt").GetString()!.Contains("marked", StringComparison.Ordinal));
        JsonElement document = waiting.GetProperty("document");
        Assert.Contains(document.GetProperty("blocks").EnumerateArray(), b => b.GetProperty("type").GetString() == "heading");
        string reviewer = Tokens.SecurityReviewer("FR", "security.fr@g7.example");

        foreach (ViewportSize viewport in new[] { WebAppBrowser.Desktop, WebAppBrowser.Phone })
        {
            // Act 1: the reviewer opens the page.
            IPage page = await this.Web.OpenAsync($"/#/disclosures/{id}", reviewer, viewport);
            ILocator text = page.GetByRole(AriaRole.Region, new() { Name = "Text of revision 1" });

            // Assert 1: the rendering is shown by default, built of elements.
            await Assertions.Expect(text.GetByRole(AriaRole.Button, new() { Name = "Rendered" })).ToHaveAttributeAsync("aria-pressed", "true");
            await Assertions.Expect(text.GetByRole(AriaRole.Heading, new() { Name = "Exercise report BRIGHT SHIELD", Level = 3 })).ToBeVisibleAsync();
            await Assertions.Expect(text.Locator("em", new() { HasText = "were never marked" })).ToBeVisibleAsync();
            await Assertions.Expect(text.Locator("em mark.finding")).ToHaveTextAsync("NOFORN");
            await Assertions.Expect(text.Locator("p > mark.finding").First).ToHaveTextAsync("NATO UNCLASSIFIED");
            ILocator list = text.GetByRole(AriaRole.List).Filter(new() { HasText = "First item" });
            await Assertions.Expect(list.GetByRole(AriaRole.Listitem)).ToHaveCountAsync(2);
            await Assertions.Expect(list.Locator("strong")).ToHaveTextAsync("strong words");
            await Assertions.Expect(text.GetByRole(AriaRole.Link, new() { Name = "the ministry" })).ToHaveAttributeAsync("href", "https://www.defense.gouv.fr/");
            await Assertions.Expect(text.GetByRole(AriaRole.Link, new() { Name = "this page" })).ToHaveCountAsync(0);
            await Assertions.Expect(text.Locator("p", new() { HasText = "this page too." })).ToBeVisibleAsync();
            await Assertions.Expect(text.Locator("p", new() { HasText = "stay text." })).ToHaveTextAsync(
                "<img src=x onerror=\"window.__pwned='img'\"> and <script>window.__pwned='script'</script> stay text.");
            await Assertions.Expect(page.GetByText("10 minutes", new() { Exact = true })).ToBeVisibleAsync();
            await WebAppBrowser.AssertNothingRanAsync(page);
            await WebAppBrowser.AssertAccessibleAsync(page, $"the rendered review page at {viewport.Width} px");

            // Act 2: the finding's button focuses its mark in the rendering.
            ILocator findings = page.Locator("ol.findings > li");
            int caveat = await IndexOfAsync(findings, "marked");
            await page.GetByRole(AriaRole.Button, new() { Name = $"Show finding {caveat + 1} in the text" }).ClickAsync();

            // Assert 2
            await Assertions.Expect(text.Locator("em mark.finding")).ToBeFocusedAsync();

            // Act 3: the reviewer switches to the source.
            await text.GetByRole(AriaRole.Button, new() { Name = "Source" }).ClickAsync();

            // Assert 3: the Markdown as submitted, still marked; the rendering is hidden.
            await Assertions.Expect(text.GetByRole(AriaRole.Button, new() { Name = "Source" })).ToHaveAttributeAsync("aria-pressed", "true");
            await Assertions.Expect(text.GetByRole(AriaRole.Button, new() { Name = "Rendered" })).ToHaveAttributeAsync("aria-pressed", "false");
            await Assertions.Expect(text.GetByText("# Exercise report BRIGHT SHIELD")).ToBeVisibleAsync();
            await Assertions.Expect(text.GetByRole(AriaRole.Heading, new() { Name = "Exercise report BRIGHT SHIELD" })).ToBeHiddenAsync();
            await Assertions.Expect(text.Locator(".source mark.finding", new() { HasText = "NOFORN" })).ToBeVisibleAsync();
            await WebAppBrowser.AssertNothingRanAsync(page);
            await WebAppBrowser.AssertAccessibleAsync(page, $"the review page's source view at {viewport.Width} px");

            // Act 4: and back.
            await text.GetByRole(AriaRole.Button, new() { Name = "Rendered" }).ClickAsync();

            // Assert 4
            await Assertions.Expect(text.GetByRole(AriaRole.Heading, new() { Name = "Exercise report BRIGHT SHIELD", Level = 3 })).ToBeVisibleAsync();
            await WebAppBrowser.AssertFitsWidthAsync(page, $"the review page at {viewport.Width} px");
            await this.Web.AssertCleanAsync(page);
        }
    }

    private static async Task<int> IndexOfAsync(ILocator items, string text)
    {
        IReadOnlyList<string> texts = await items.AllTextContentsAsync();
        int index = texts.ToList().FindIndex(t => t.Contains(text, StringComparison.Ordinal));
        Assert.True(index >= 0, $"No finding mentions '{text}': {string.Join(" | ", texts)}");
        return index;
    }
}
