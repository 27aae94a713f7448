using DurableTask.AzureStorage;
using G7Flows.IntegrationTests.Infrastructure;
using G7Flows.Server.Durable;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace G7Flows.IntegrationTests.Faults;

/// <summary>The server's engine renews work-item locks: a long activity is not handed out a second time.</summary>
public sealed class ActivityLockTests : IAsyncLifetime
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
    public async Task An_activity_running_longer_than_the_work_item_visibility_timeout_runs_once()
    {
        // Arrange: a 5 s visibility timeout and an activity that takes 14 s.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = this.azurite!.ConnectionString }).Build();
        var options = new DurableEngineOptions
        {
            TaskHub = "locks",
            WorkItemQueueVisibilityTimeout = TimeSpan.FromSeconds(5),
            ControlQueueVisibilityTimeout = TimeSpan.FromSeconds(5),
        };
        AzureStorageOrchestrationService service = options.CreateService(configuration, NullLoggerFactory.Instance);
        await using ServiceProvider services = new ServiceCollection().AddTransient<SlowActivity>().BuildServiceProvider();
        var engine = new DurableEngine(
            service, services, new WorkflowTypes([typeof(SlowOrchestrator)], [typeof(SlowActivity)]), NullLoggerFactory.Instance, NullLogger<DurableEngine>.Instance);
        await engine.StartAsync(CancellationToken.None);
        await using var client = new TaskHubDurableTaskClient(service);
        SlowActivity.Reset();

        // Act
        string id = await client.ScheduleNewOrchestrationInstanceAsync(nameof(SlowOrchestrator), "go");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        OrchestrationMetadata done = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);
        await Task.Delay(TimeSpan.FromSeconds(6)); // a second delivery, if any, would start now
        await engine.StopAsync(CancellationToken.None);

        // Assert
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(1, done.ReadOutputAs<int>());
        Assert.Equal(1, SlowActivity.Runs);
    }

    private sealed class SlowOrchestrator : TaskOrchestrator<string, int>
    {
        public override Task<int> RunAsync(TaskOrchestrationContext context, string input) =>
            context.CallActivityAsync<int>(nameof(SlowActivity), input);
    }

    private sealed class SlowActivity : TaskActivity<string, int>
    {
        private static int runs;

        public static int Runs => Volatile.Read(ref runs);

        public static void Reset() => Volatile.Write(ref runs, 0);

        public override async Task<int> RunAsync(TaskActivityContext context, string input)
        {
            int run = Interlocked.Increment(ref runs);
            await Task.Delay(TimeSpan.FromSeconds(14));
            return run;
        }
    }
}
