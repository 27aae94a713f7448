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
/// The server's engine tells the API which orchestrations have started: an instance is noted only once the engine has
/// stored an episode of it, and an event sent after that reaches it.
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
    public async Task An_instance_is_noted_as_started_only_after_the_engine_has_stored_its_first_episode()
    {
        // Arrange
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = this.azurite!.ConnectionString }).Build();
        AzureStorageOrchestrationService service = new DurableEngineOptions { TaskHub = "observer" }.CreateService(configuration, NullLoggerFactory.Instance);
        await using ServiceProvider services = new ServiceCollection().AddSingleton<StartedOrchestrations>().BuildServiceProvider();
        var started = services.GetRequiredService<StartedOrchestrations>();
        var engine = new DurableEngine(
            service, services, new WorkflowTypes([typeof(WaitingOrchestrator)], []), NullLoggerFactory.Instance, NullLogger<DurableEngine>.Instance);
        await service.CreateIfNotExistsAsync();
        await using var client = new TaskHubDurableTaskClient(service);
        string id = await client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitingOrchestrator), "hello");
        bool noticedBeforeTheEngineRan = started.Contains(id);

        // Act
        await engine.StartAsync(CancellationToken.None);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        OrchestrationMetadata running = await client.WaitForInstanceStartAsync(id, cancellation: timeout.Token);
        while (!started.Contains(id))
        {
            await Task.Delay(20, timeout.Token);
        }

        await client.RaiseEventAsync(id, "go", "world", timeout.Token);
        OrchestrationMetadata done = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);
        await engine.StopAsync(CancellationToken.None);

        // Assert
        Assert.False(noticedBeforeTheEngineRan);
        Assert.Equal(OrchestrationRuntimeStatus.Running, running.RuntimeStatus);
        Assert.True(started.Contains(id));
        Assert.False(started.Contains("another-instance"));
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("hello world", done.ReadOutputAs<string>());
    }

    [Fact]
    public void The_set_of_started_instances_forgets_everything_rather_than_grow_past_its_capacity()
    {
        // Arrange
        var started = new StartedOrchestrations();
        for (int i = 0; i < StartedOrchestrations.Capacity; i++)
        {
            started.Add($"instance-{i}");
        }

        bool fullKnowsTheFirst = started.Contains("instance-0");

        // Act
        started.Add("one-more");

        // Assert
        Assert.True(fullKnowsTheFirst);
        Assert.False(started.Contains("instance-0"));
        Assert.True(started.Contains("one-more"));
    }

    private sealed class WaitingOrchestrator : TaskOrchestrator<string, string>
    {
        public override async Task<string> RunAsync(TaskOrchestrationContext context, string input) =>
            $"{input} {await context.WaitForExternalEvent<string>("go")}";
    }
}
