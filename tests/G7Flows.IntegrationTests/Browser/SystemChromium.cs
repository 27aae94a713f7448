using Microsoft.Playwright;

namespace G7Flows.IntegrationTests.Browser;

/// <summary>
/// The browser the page tests drive: Debian's <c>chromium</c> package (Playwright's own browser download is not
/// reachable here), or the executable named by <c>G7FLOWS_CHROMIUM</c>. A missing browser fails the tests with what to
/// install; it never lets them pass unrun.
/// </summary>
public static class SystemChromium
{
    /// <summary>The environment variable that names another Chromium executable.</summary>
    public const string Variable = "G7FLOWS_CHROMIUM";

    private static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];

    /// <summary>The executable to launch.</summary>
    /// <exception cref="InvalidOperationException">No Chromium is installed.</exception>
    public static string ExecutablePath()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } configured)
        {
            return File.Exists(configured)
                ? configured
                : throw new InvalidOperationException($"{Variable} names '{configured}', which does not exist.");
        }

        return Candidates.FirstOrDefault(File.Exists) ?? throw new InvalidOperationException(
            "The browser tests need Chromium, and none was found at " + string.Join(" or ", Candidates) + ". " +
            "Install Debian's package (apt-get install -y chromium; .ci/run does this when it is missing) " +
            $"or set {Variable} to a Chromium executable.");
    }

    /// <summary>Starts Playwright and a headless Chromium.</summary>
    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        string executable = ExecutablePath();
        IPlaywright playwright = await Playwright.CreateAsync();
        try
        {
            IBrowser browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = executable, Headless = true });
            return (playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }
}
