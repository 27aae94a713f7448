using DurableTask.AzureStorage;
using G7Flows.IntegrationTests.Infrastructure;
using G7Flows.Server.Durable;
using G7Flows.Workflows.Platform.Durable;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace G7Flows.IntegrationTests.Faults;

/// <summary>
/// The server's engine tells the API which orchestrations have started and ended: an instance is noted only once the
/// engine has stored an episode of it (an event sent after that reaches it), and as ended once it has stored its end.
/// </summary>
public sealed class EpisodeCommitObserverTests : IAsyncLifetime
{
    private Azurite? azurite;

    public async Task InitializeAsync() => this.azurite = await Azurite.StartAsync();

    public async Task DisposeAsync()
    {
        if (this.azurite is not null)
        {
            await this.azurite.DisposeAsync();
        }
    }

    [Fact]
    public async Task An_instance_is_noted_as_started_once_the_engine_has_stored_its_first_episode_and_as_ended_once_it_has_stored_its_end()
    {
        // Arrange
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = this.azurite!.ConnectionString }).Build();
        AzureStorageOrchestrationService service = new DurableEngineOptions { TaskHub = "observer" }.CreateService(configuration, NullLoggerFactory.Instance);
        await using ServiceProvider services = new ServiceCollection().AddSingleton<OrchestrationSightings>().BuildServiceProvider();
        var sightings = services.GetRequiredService<OrchestrationSightings>();
        var engine = new DurableEngine(
            service, services, new WorkflowTypes([typeof(WaitingOrchestrator)], []), NullLoggerFactory.Instance, NullLogger<DurableEngine>.Instance);
        await service.CreateIfNotExistsAsync();
        await using var client = new TaskHubDurableTaskClient(service);
        string id = await client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitingOrchestrator), "hello");
        bool noticedBeforeTheEngineRan = sightings.HasStarted(id);

        // Act
        await engine.StartAsync(CancellationToken.None);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        OrchestrationMetadata running = await client.WaitForInstanceStartAsync(id, cancellation: timeout.Token);
        while (!sightings.HasStarted(id))
        {
            await Task.Delay(20, timeout.Token);
        }

        bool endedWhileWaiting = sightings.HasEnded(id);

        await client.RaiseEventAsync(id, "go", "world", timeout.Token);
        OrchestrationMetadata done = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);
        while (!sightings.HasEnded(id))
        {
            await Task.Delay(20, timeout.Token);
        }

        await engine.StopAsync(CancellationToken.None);

        // Assert
        Assert.False(noticedBeforeTheEngineRan);
        Assert.Equal(OrchestrationRuntimeStatus.Running, running.RuntimeStatus);
        Assert.False(endedWhileWaiting);
        Assert.True(sightings.HasStarted(id));
        Assert.False(sightings.HasStarted("another-instance"));
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("hello world", done.ReadOutputAs<string>());
    }

    private sealed class WaitingOrchestrator : TaskOrchestrator<string, string>
    {
        public override async Task<string> RunAsync(TaskOrchestrationContext context, string input) =>
            $"{input} {await context.WaitForExternalEvent<string>("go")}";
    }
}
