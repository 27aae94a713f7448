using G7Flows.Workflows.Platform.Hosting;
using G7Flows.Workflows.Platform.Storage;


namespace G7Flows.Server.Hosting;

/// <summary>
/// The run command's storage: a configured connection is used as given; when the connection is the local
/// default and nothing listens on Azurite's ports, Azurite is installed and started here, with its data in
/// the repository's ignored <c>.azurite/</c> folder.
/// </summary>
internal static class LocalStorage
{
    private const int BlobPort = 10000;
    private const int QueuePort = 10001;
    private const int TablePort = 10002;

    public static bool IsLocalDefault(IConfiguration configuration)
    {
        string? value = configuration[AppSettingNames.Storage];
        bool identityBased = configuration.GetSection(AppSettingNames.Storage).GetChildren().Any();
        return !identityBased && (string.IsNullOrWhiteSpace(value) || value.Trim().Equals(StorageClients.DevelopmentStorage, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Starts Azurite when needed; returns it (to stop at shutdown) or null when storage is someone else's.</summary>
    public static async Task<AzuriteProcess?> StartIfNeededAsync(IConfiguration configuration, Action<string> report)
    {
        if (!IsLocalDefault(configuration))
        {
            return null;
        }

        configuration[AppSettingNames.Storage] = StorageClients.DevelopmentStorage;
        bool[] listening = [AzuriteProcess.IsListening(BlobPort), AzuriteProcess.IsListening(QueuePort), AzuriteProcess.IsListening(TablePort)];
        if (listening.All(l => l))
        {
            report("Using the storage emulator already listening on 127.0.0.1:10000-10002.");
            return null;
        }

        if (listening.Any(l => l))
        {
            throw new InvalidOperationException(
                "Some of Azurite's ports (10000-10002) are in use and some are not: stop what uses them, or set AzureWebJobsStorage to a connection string.");
        }

        string root = AzuriteProcess.FindRepositoryRoot(Directory.GetCurrentDirectory(), AppContext.BaseDirectory)
            ?? throw new InvalidOperationException(
                "No storage is configured and the G7Flows repository (with its package.json for Azurite) was not found: set AzureWebJobsStorage.");
        report("Starting Azurite (installing it from package.json first if needed)...");
        AzuriteProcess azurite = await AzuriteProcess.StartAsync(root, Path.Combine(root, ".azurite", "data"), BlobPort, QueuePort, TablePort);
        report($"Azurite is running (pid {azurite.ProcessId}) with its data in .azurite/data.");
        return azurite;
    }
}
