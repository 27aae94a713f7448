using System.Collections.Concurrent;
using G7Flows.Functions.Hosting;
using G7Flows.Workflows.Platform.Telemetry;
using Microsoft.ApplicationInsights;
using Microsoft.ApplicationInsights.Channel;
using Microsoft.ApplicationInsights.DataContracts;
using Microsoft.ApplicationInsights.Extensibility;

namespace G7Flows.Functions.Tests.Hosting;

public sealed class WorkflowMetricsBridgeTests
{
    [Fact]
    public async Task The_cores_workflow_metrics_reach_Application_Insights_with_their_attributes_as_dimensions()
    {
        // Arrange
        var channel = new CapturingChannel();
        using var configuration = new TelemetryConfiguration { TelemetryChannel = channel, ConnectionString = "InstrumentationKey=00000000-0000-0000-0000-000000000000" };
        var client = new TelemetryClient(configuration);
        using var bridge = new WorkflowMetricsBridge(client);
        await bridge.StartAsync(CancellationToken.None);
        string reason = "bridge-test-" + Guid.NewGuid().ToString("N");

        // Act
        WorkflowTelemetry.Answers.Add(1, new(WorkflowTelemetry.Tags.Workflow, "consultation"), new(WorkflowTelemetry.Tags.Outcome, "refused"), new(WorkflowTelemetry.Tags.Reason, reason));
        WorkflowTelemetry.Answers.Add(1, new(WorkflowTelemetry.Tags.Workflow, "consultation"), new(WorkflowTelemetry.Tags.Outcome, "refused"), new(WorkflowTelemetry.Tags.Reason, reason));
        await bridge.StopAsync(CancellationToken.None);

        // Assert
        MetricTelemetry metric = Assert.Single(
            channel.Items.OfType<MetricTelemetry>(),
            m => m.Name == "g7flows.answers" && m.Properties.TryGetValue(WorkflowTelemetry.Tags.Reason, out string? r) && r == reason);
        Assert.Equal(2, metric.Sum);
        Assert.Equal("refused", metric.Properties[WorkflowTelemetry.Tags.Outcome]);
        Assert.Equal("consultation", metric.Properties[WorkflowTelemetry.Tags.Workflow]);
    }

    private sealed class CapturingChannel : ITelemetryChannel
    {
        public ConcurrentQueue<ITelemetry> Items { get; } = new();

        public bool? DeveloperMode { get; set; }

        public string EndpointAddress { get; set; } = string.Empty;

        public void Send(ITelemetry item) => this.Items.Enqueue(item);

        public void Flush()
        {
        }

        public void Dispose()
        {
        }
    }
}
