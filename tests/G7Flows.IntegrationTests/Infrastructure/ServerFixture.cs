using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Xunit;

namespace G7Flows.IntegrationTests.Infrastructure;

/// <summary>One Azurite and one server process: for a test collection, or for one test that breaks them.</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    private readonly string taskHub;
    private Azurite? azurite;
    private ServerProcess? server;

    /// <summary>For a test collection (xunit needs exactly one public constructor).</summary>
    public ServerFixture()
        : this("e2e")
    {
    }

    private ServerFixture(string taskHub) => this.taskHub = taskHub;

    /// <summary>For one test class that breaks its own server or storage.</summary>
    public static ServerFixture WithTaskHub(string taskHub) => new(taskHub);

    public Azurite Azurite => this.azurite ?? throw new InvalidOperationException("Not started.");

    public ServerProcess Server => this.server ?? throw new InvalidOperationException("Not started.");

    public Api Api => new(this.Server);

    public TableServiceClient Tables => new(this.Azurite.ConnectionString);

    public BlobServiceClient Blobs => new(this.Azurite.ConnectionString, new BlobClientOptions(BlobClientOptions.ServiceVersion.V2025_01_05));

    public async Task InitializeAsync()
    {
        this.azurite = await Azurite.StartAsync();
        this.server = await ServerProcess.StartAsync(this.azurite.ConnectionString, this.taskHub);
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

[CollectionDefinition(Name)]
public sealed class ServerCollection : ICollectionFixture<ServerFixture>
{
    public const string Name = "server on Azurite";
}
