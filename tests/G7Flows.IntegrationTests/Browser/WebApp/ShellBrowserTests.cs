using G7Flows.IntegrationTests.Infrastructure;
using Microsoft.Playwright;
using Xunit;

namespace G7Flows.IntegrationTests.Browser.WebApp;

/// <summary>The web app's shell in a real browser: signed out it offers sign-in and the public pages; signed in it names the caller and their roles.</summary>
[Collection(WebAppCollection.Name)]
public sealed class ShellBrowserTests(ServerFixture fixture) : WebAppBrowserTest(() => fixture.Server.BaseAddress)
{
    [Fact]
    public async Task Signed_out_the_start_page_offers_sign_in_and_passes_axe()
    {
        IPage page = await this.Web.OpenAsync("/", token: null);

        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Sign in" }).First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Published" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Inbox" })).ToHaveCountAsync(0);
        await WebAppBrowser.AssertAccessibleAsync(page, "the signed-out start page");
        await this.Web.AssertCleanAsync(page);
    }

    [Fact]
    public async Task Signed_in_the_shell_names_the_caller_and_shows_the_navigation_of_their_roles()
    {
        IPage page = await this.Web.OpenAsync("/", Tokens.Reviewer("FR", "fr.reviewer@g7.example"), WebAppBrowser.Phone);

        await Assertions.Expect(page.Locator("#who")).ToContainTextAsync("fr.reviewer@g7.example");
        await Assertions.Expect(page.Locator("#who")).ToContainTextAsync("FR");
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Inbox" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
        await WebAppBrowser.AssertFitsWidthAsync(page, "the page at a phone's width");
        await WebAppBrowser.AssertAccessibleAsync(page, "the signed-in start page at a phone's width");
        await this.Web.AssertCleanAsync(page);
    }
}
