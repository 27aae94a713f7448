using G7Flows.IntegrationTests.Disclosures;
using G7Flows.IntegrationTests.Infrastructure;
using Microsoft.Playwright;
using Xunit;

namespace G7Flows.IntegrationTests.Browser.WebApp;

/// <summary>The web app's public page, signed out: the published disclosures and reports, linking to their public pages.</summary>
[Collection(WebAppCollection.Name)]
public sealed class PublicBrowserTests(ServerFixture fixture) : WebAppBrowserTest(() => fixture.Server.BaseAddress)
{
    [Fact]
    public async Task Signed_out_the_public_page_lists_published_disclosures_and_reports_and_links_to_their_pages()
    {
        // Arrange: a published disclosure and a published report.
        string title = "Public index policy " + Guid.NewGuid().ToString("N")[..8];
        await PublicDisclosures.Publisher(fixture.Azurite.ConnectionString).PublishAsync(PublicDisclosures.Policy(PublicDisclosures.NewId("webpublic"), DateTime.UtcNow, title));
        string period = await ReportPages.PublishAsync(fixture.Api, fixture.Server, "2025-02");

        foreach (ViewportSize viewport in new[] { WebAppBrowser.Desktop, WebAppBrowser.Phone })
        {
            // Act
            IPage page = await this.Web.OpenAsync("/#/public", token: null, viewport);

            // Assert
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Published disclosures and reports", Level = 1 })).ToBeVisibleAsync();
            ILocator disclosure = page.GetByRole(AriaRole.Link, new() { Name = title });
            await Assertions.Expect(disclosure).ToBeVisibleAsync();
            await Assertions.Expect(disclosure).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("^/api/public/disclosures/webpublic-"));
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = $"Page of the report for {period}" })).ToHaveAttributeAsync("href", $"/api/public/reports/{period}?format=html");
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = $"CSV of the report for {period}" })).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Sign in" }).First).ToBeVisibleAsync();
            await WebAppBrowser.AssertAccessibleAsync(page, $"the public page at {viewport.Width} px");
            await WebAppBrowser.AssertFitsWidthAsync(page, $"the public page at {viewport.Width} px");

            // The link leads to the disclosure's public page.
            if (viewport == WebAppBrowser.Desktop)
            {
                await disclosure.ClickAsync();
                await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = title })).ToBeVisibleAsync();
            }
        }

        this.Web.AssertClean();
    }
}
