using DurableTask.Core;
using G7Flows.Server.Durable;
using G7Flows.Workflows;
using G7Flows.Workflows.Consultations.Workflow;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.Logging.Abstractions;

namespace G7Flows.Functions.Tests.Hosting;

/// <summary>The server's engine runs every version of an orchestrator with the one class registered for it.</summary>
public sealed class EngineRegistrationsTests
{
    private readonly Registrations<TaskOrchestration> orchestrations = new();

    public EngineRegistrationsTests() =>
        this.orchestrations.Add(new OrchestratorCreator(typeof(ConsultationOrchestrator), new DurableTaskShimFactory(new DurableTaskWorkerOptions(), NullLoggerFactory.Instance)));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("1")]
    [InlineData(WorkflowVersions.Consultation)]
    public void An_instance_of_any_version_finds_its_orchestrator(string? version)
    {
        // Act
        TaskOrchestration? found = this.orchestrations.GetObject(nameof(ConsultationOrchestrator), version);

        // Assert
        Assert.NotNull(found);
    }

    [Fact]
    public void An_unknown_name_finds_nothing_whatever_its_version()
    {
        // Act and assert
        Assert.Null(this.orchestrations.GetObject("RetiredOrchestrator", WorkflowVersions.Consultation));
        Assert.Null(this.orchestrations.GetObject("RetiredOrchestrator", null));
    }
}
