using G7Flows.Workflows.Consultations.Workflow;
using G7Flows.Workflows.Disclosures.Workflow;
using G7Flows.Workflows.Reports.Workflow;
using Microsoft.DurableTask;

namespace G7Flows.Workflows.Tests.Platform.Durable;

public sealed class WorkflowVersionsTests
{
    [Fact]
    public void Every_orchestrator_of_every_module_has_a_current_version()
    {
        // Arrange
        string[] orchestrators = [.. WorkflowModules.All.SelectMany(m => m.Orchestrators).Select(t => t.Name).Order(StringComparer.Ordinal)];

        // Act
        string[] versioned = [.. WorkflowVersions.ByOrchestrator.Keys.Order(StringComparer.Ordinal)];

        // Assert
        Assert.Equal(orchestrators, versioned);
    }

    [Fact]
    public void Start_options_carry_the_instance_id_and_the_orchestrators_current_version()
    {
        // Act
        StartOrchestrationOptions options = WorkflowVersions.StartOptions(nameof(ConsultationOrchestrator), "c-1");

        // Assert
        Assert.Equal("c-1", options.InstanceId);
        Assert.Equal(WorkflowVersions.Consultation, options.Version);
        Assert.Equal(WorkflowVersions.Disclosure, WorkflowVersions.StartOptions(nameof(DisclosureOrchestrator), "d-1").Version);
        Assert.Equal(WorkflowVersions.Report, WorkflowVersions.StartOptions(nameof(ReportOrchestrator), "report-2026-11").Version);
    }

    [Fact]
    public void The_latest_version_is_the_highest_current_one()
    {
        // Assert
        Assert.Equal("2", WorkflowVersions.Latest);
        Assert.All(WorkflowVersions.ByOrchestrator.Values, v => Assert.True(WorkflowVersions.IsAtLeast(WorkflowVersions.Latest, v)));
    }

    [Theory]
    [InlineData(null, "1", true)]
    [InlineData("", "2", false)]
    [InlineData("1", "2", false)]
    [InlineData("2", "2", true)]
    [InlineData("10", "2", true)]
    public void An_instance_without_a_version_counts_as_version_1_and_versions_compare_as_numbers(string? version, string minimum, bool expected)
    {
        // Act
        bool atLeast = WorkflowVersions.IsAtLeast(version, minimum);

        // Assert
        Assert.Equal(expected, atLeast);
    }

    [Fact]
    public void A_version_that_is_not_a_whole_number_is_refused()
    {
        // Act and assert
        Assert.Throws<FormatException>(() => WorkflowVersions.IsAtLeast("2.0", "1"));
    }
}
