using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using G7Flows.Workflows.Platform.Hosting;
using Microsoft.Extensions.Configuration;

namespace G7Flows.Workflows.Platform.Storage;

/// <summary>
/// The table and blob clients for G7Flows' own state, built from the <c>AzureWebJobsStorage</c>
/// connection: a connection string locally (Azurite), identity-based settings in Azure.
/// </summary>
public sealed class StorageClients
{
    /// <summary>The connection string of the local storage emulator.</summary>
    public const string DevelopmentStorage = "UseDevelopmentStorage=true";

    public StorageClients(TableServiceClient tables, BlobServiceClient blobs)
    {
        this.Tables = tables;
        this.Blobs = blobs;
    }

    public TableServiceClient Tables { get; }

    public BlobServiceClient Blobs { get; }

    public TableClient Table(string name) => this.Tables.GetTableClient(name);

    public BlobContainerClient Container(string name) => this.Blobs.GetBlobContainerClient(name);

    /// <summary>Reads the storage connection from configuration, as the Functions host does.</summary>
    public static StorageClients FromConfiguration(IConfiguration configuration, StorageClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        options ??= new StorageClientOptions();

        // G7Flows' own data (tables, records) lives in its own account when one is configured, else beside the host's.
        string name = configuration[AppSettingNames.DataStorage] is { Length: > 0 } || configuration.GetSection(AppSettingNames.DataStorage)["tableServiceUri"] is not null
            ? AppSettingNames.DataStorage
            : AppSettingNames.Storage;
        string? connectionString = configuration[name];
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return FromConnectionString(connectionString, options);
        }

        IConfigurationSection section = configuration.GetSection(name);
        string? tableUri = section["tableServiceUri"];
        string? blobUri = section["blobServiceUri"];
        if (tableUri is null || blobUri is null)
        {
            throw new InvalidOperationException(
                $"Storage is not configured: set '{name}' to a connection string, or " +
                $"'{name}__tableServiceUri' and '{name}__blobServiceUri' for a managed identity.");
        }

        TokenCredential credential = CreateCredential(section["credential"], section["clientId"]);
        return new StorageClients(
            new TableServiceClient(new Uri(tableUri), credential, options.TableOptions()),
            new BlobServiceClient(new Uri(blobUri), credential, options.BlobOptions()));
    }

    public static StorageClients FromConnectionString(string connectionString, StorageClientOptions? options = null)
    {
        options ??= new StorageClientOptions();
        return new StorageClients(
            new TableServiceClient(connectionString, options.TableOptions()),
            new BlobServiceClient(connectionString, options.BlobOptions()));
    }

    /// <summary>Creates every table and container G7Flows uses; safe to call at every start.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default)
    {
        foreach (string table in StorageNames.Tables)
        {
            await this.Tables.CreateTableIfNotExistsAsync(table, cancellationToken);
        }

        foreach (string container in StorageNames.Containers)
        {
            await this.Blobs.GetBlobContainerClient(container).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }
    }

    private static TokenCredential CreateCredential(string? credential, string? clientId) =>
        string.Equals(credential, "managedidentity", StringComparison.OrdinalIgnoreCase)
            ? new ManagedIdentityCredential(clientId is null ? ManagedIdentityId.SystemAssigned : ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = clientId });
}

/// <summary>Pipeline options for the storage clients (the benchmark adds a request counter here).</summary>
public sealed class StorageClientOptions
{
    /// <summary>Extra pipeline policies added to every client, per call.</summary>
    public IList<Azure.Core.Pipeline.HttpPipelinePolicy> Policies { get; } = [];

    internal TableClientOptions TableOptions()
    {
        var options = new TableClientOptions();
        Configure(options.Retry);
        foreach (var policy in this.Policies)
        {
            options.AddPolicy(policy, Azure.Core.HttpPipelinePosition.PerCall);
        }

        return options;
    }

    internal BlobClientOptions BlobOptions()
    {
        // Pinned to a service version the local emulator accepts as well as Azure does.
        var options = new BlobClientOptions(BlobClientOptions.ServiceVersion.V2025_01_05);
        Configure(options.Retry);
        foreach (var policy in this.Policies)
        {
            options.AddPolicy(policy, Azure.Core.HttpPipelinePosition.PerCall);
        }

        return options;
    }

    /// <summary>
    /// Few, quick retries: a caller waiting on an HTTP request is better served by a prompt 503 than by a
    /// minute of back-off while storage is down. The durable engine retries work on its own.
    /// </summary>
    private static void Configure(Azure.Core.RetryOptions retry)
    {
        retry.MaxRetries = 2;
        retry.Delay = TimeSpan.FromMilliseconds(200);
        retry.MaxDelay = TimeSpan.FromSeconds(1);
        retry.NetworkTimeout = TimeSpan.FromSeconds(5);
    }
}
