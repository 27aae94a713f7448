using G7Flows.Server.Hosting;

namespace G7Flows.IntegrationTests.Infrastructure;

/// <summary>A real Azurite for one test collection: free loopback ports, a temporary data folder, stopped with SIGTERM afterwards.</summary>
public sealed class Azurite : IAsyncDisposable
{
    private Azurite(AzuriteProcess process, string dataDirectory)
    {
        this.Process = process;
        this.DataDirectory = dataDirectory;
    }

    public AzuriteProcess Process { get; }

    public string DataDirectory { get; }

    public string ConnectionString => this.Process.ConnectionString;

    public static async Task<Azurite> StartAsync()
    {
        string root = Repository.Root;
        string data = Path.Combine(Path.GetTempPath(), "g7flows-azurite-" + Guid.NewGuid().ToString("N"));
        try
        {
            AzuriteProcess process = await AzuriteProcess.StartAsync(root, data, AzuriteProcess.FreePort(), AzuriteProcess.FreePort(), AzuriteProcess.FreePort());
            return new Azurite(process, data);
        }
        catch (Exception ex)
        {
            throw new InvalidOperationException(
                "These tests need Azurite (installed from the repository's package.json with npm ci; Node.js 20+ must be on the PATH). " + ex.Message, ex);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await this.Process.DisposeAsync();
        try
        {
            Directory.Delete(this.DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open; the temporary folder is cleaned by the system.
        }
    }
}

/// <summary>Paths in the repository.</summary>
public static class Repository
{
    public static string Root { get; } = AzuriteProcess.FindRepositoryRoot(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException("The tests must run inside the G7Flows repository.");

    /// <summary>The build configuration these tests were built with (Debug or Release).</summary>
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
}
