using G7Flows.IntegrationTests.Infrastructure;
using G7Flows.Workflows.Platform.Storage;
using Xunit;

namespace G7Flows.IntegrationTests.Storage;

/// <summary>An Azurite of their own for the store tests, with G7Flows' tables and containers created (no server).</summary>
public sealed class StorageFixture : IAsyncLifetime
{
    private Azurite? azurite;
    private StorageClients? clients;

    public StorageClients Clients => this.clients ?? throw new InvalidOperationException("Not started.");

    /// <summary>The started Azurite's connection string, for tests that build clients of their own over it.</summary>
    public string ConnectionString => this.azurite?.ConnectionString ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        this.azurite = await Azurite.StartAsync();
        this.clients = StorageClients.FromConnectionString(this.azurite.ConnectionString);
        await this.clients.EnsureCreatedAsync();
    }

    public async Task DisposeAsync()
    {
        if (this.azurite is not null)
        {
            await this.azurite.DisposeAsync();
        }
    }
}
