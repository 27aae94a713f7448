using G7Flows.Workflows.Platform.Storage;
using Microsoft.Extensions.Hosting;

namespace G7Flows.Functions.Hosting;

/// <summary>Creates G7Flows' tables and containers when the worker starts; safe on every start and on every instance.</summary>
internal sealed class StorageInitializer(StorageClients storage) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => storage.EnsureCreatedAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
