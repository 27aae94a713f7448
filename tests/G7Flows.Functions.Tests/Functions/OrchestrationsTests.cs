using G7Flows.Functions.Functions;
using G7Flows.Workflows.Consultations.Domain;
using G7Flows.Workflows.Consultations.Workflow;
using Microsoft.DurableTask;
using Moq;

namespace G7Flows.Functions.Tests.Functions;

public sealed class OrchestrationsTests
{
    [Fact]
    public void The_consultation_function_runs_the_core_orchestrator_with_its_input_and_opens_the_consultation_first()
    {
        // Arrange
        var input = new ConsultationInput(
            "c0nsu1tati0nid0000000000aa", "Joint exercise", DecisionRule.Unanimity, 0.5, ["FR", "DE"], new DateTime(2030, 1, 8, 0, 0, 0, DateTimeKind.Utc), []);
        var context = new Mock<TaskOrchestrationContext> { DefaultValue = DefaultValue.Mock };
        context.Setup(c => c.GetInput<ConsultationInput>()).Returns(input);
        var opening = new TaskCompletionSource<IReadOnlyList<ResponseEvent>>();
        context
            .Setup(c => c.CallActivityAsync<IReadOnlyList<ResponseEvent>>(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Returns(opening.Task);

        // Act
        Task<ConsultationResult> run = Orchestrations.Consultation(context.Object);

        // Assert: it waits on the first activity, which received the orchestration's input.
        Assert.False(run.IsCompleted, run.Exception?.ToString());
        context.Verify(
            c => c.CallActivityAsync<IReadOnlyList<ResponseEvent>>(new TaskName(nameof(OpenConsultationActivity)), input, It.IsAny<TaskOptions?>()),
            Times.Once);
        context.Verify(
            c => c.CallActivityAsync<IReadOnlyList<ResponseEvent>>(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>()),
            Times.Once);
    }

    [Fact]
    public async Task The_consultation_function_refuses_a_missing_context()
    {
        // Act and Assert
        await Assert.ThrowsAsync<ArgumentNullException>(() => Orchestrations.Consultation(null!));
    }
}
