using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using G7Flows.IntegrationTests.Infrastructure;
using Microsoft.Playwright;
using Xunit;

namespace G7Flows.IntegrationTests.Browser.WebApp;

/// <summary>A server in its Development environment on an Azurite of its own: the only place the development sign-in exists.</summary>
public sealed class DevelopmentServer : IAsyncLifetime
{
    private Azurite? azurite;
    private ServerProcess? server;

    public ServerProcess Server => this.server ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        this.azurite = await Azurite.StartAsync();
        this.server = await ServerProcess.StartAsync(this.azurite.ConnectionString, "devsignin", new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Development" });
    }

    public async Task DisposeAsync()
    {
        if (this.server is not null)
        {
            await this.server.DisposeAsync();
        }

        if (this.azurite is not null)
        {
            await this.azurite.DisposeAsync();
        }
    }
}

/// <summary>
/// The development sign-in in a real browser: a developer who leaves the name empty is told so next to the field, then
/// signs in as staff, lands on the app signed in, and the API takes the token the page kept for who the form said.
/// </summary>
public sealed class DevelopmentSignInBrowserTests(DevelopmentServer development) : WebAppBrowserTest(() => development.Server.BaseAddress), IClassFixture<DevelopmentServer>
{
    [Fact]
    public async Task A_developer_sees_the_error_next_to_the_field_then_signs_in_as_staff_and_lands_on_the_app_signed_in()
    {
        // Arrange: the app's "Sign in" link leads to the page.
        IPage page = await this.Web.OpenAsync("/", token: null);
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in" }).First.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Development sign-in", Level = 1 })).ToBeVisibleAsync();
        await WebAppBrowser.AssertAccessibleAsync(page, "the development sign-in page");

        // Act: no name.
        ILocator name = page.GetByLabel("Name", new() { Exact = true });
        await name.FillAsync(string.Empty);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        // Assert: the server's validation message, tied to the field and announced through it, and focus on it.
        await Assertions.Expect(name).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(name).ToHaveAccessibleDescriptionAsync(new Regex("Give a name of 1 to 100 characters"));
        await Assertions.Expect(name).ToBeFocusedAsync();
        await Assertions.Expect(page.GetByText("Give a name of 1 to 100 characters on one line.")).ToBeVisibleAsync();
        await WebAppBrowser.AssertAccessibleAsync(page, "the development sign-in page with a field error");

        // Act: as staff, for no nation.
        await name.FillAsync("staff.person@example.org");
        await page.GetByLabel("Role").SelectOptionAsync(new SelectOptionValue { Label = "Staff (starts and manages workflows)" });
        await page.GetByLabel("Nation").SelectOptionAsync(new SelectOptionValue { Label = "None" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        // Assert: the app, signed in as that person with the staff navigation.
        await page.WaitForURLAsync(new Regex("/#/$"));
        await page.WaitForSelectorAsync("html[data-ready='true']");
        await Assertions.Expect(page.Locator("#who")).ToContainTextAsync("staff.person@example.org");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToHaveCountAsync(0);

        // And the API holds the same person for the token the page kept.
        string token = await page.EvaluateAsync<string>("() => sessionStorage.getItem('g7flows.token')");
        using var me = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        me.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using HttpResponseMessage reply = await development.Server.Http.SendAsync(me);
        Assert.Equal(System.Net.HttpStatusCode.OK, reply.StatusCode);
        JsonElement body = JsonDocument.Parse(await reply.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("staff.person@example.org", body.GetProperty("name").GetString());
        Assert.Equal(["staff"], body.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(JsonValueKind.Null, body.GetProperty("nation").ValueKind);
        await this.Web.AssertCleanAsync(page);
    }

    [Theory]
    [InlineData("GET", "/sign-in", "text/html")]
    [InlineData("GET", "/sign-in.js", "text/javascript")]
    public async Task In_Development_the_sign_in_page_and_its_script_exist_with_the_apps_policy(string method, string path, string mediaType)
    {
        // Act
        using HttpResponseMessage response = await development.Server.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        // Assert: the positive control of the Production test (WebAppServingTests), with the app's own policy.
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(G7Flows.Workflows.Platform.Web.WebApp.ContentSecurityPolicy, Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
    }
}
