using Xunit;

namespace G7Flows.IntegrationTests.Browser.WebApp;

/// <summary>A test class of the web app: a browser on the app at the server's address, started before each test and closed after it.</summary>
/// <param name="baseAddress">The server's address, read when the browser starts (after the class's fixtures have started).</param>
public abstract class WebAppBrowserTest(Func<Uri> baseAddress) : IAsyncLifetime
{
    private WebAppBrowser? web;

    /// <summary>The browser on the app.</summary>
    protected WebAppBrowser Web => this.web ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync() => this.web = await WebAppBrowser.LaunchAsync(baseAddress());

    public async Task DisposeAsync()
    {
        if (this.web is not null)
        {
            await this.web.DisposeAsync();
        }
    }
}
