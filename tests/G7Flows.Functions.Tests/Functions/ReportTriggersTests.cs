using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using G7Flows.Functions.Functions;
using G7Flows.Workflows;
using G7Flows.Workflows.Platform.Storage;
using G7Flows.Workflows.Reports.Api;
using G7Flows.Workflows.Reports.Domain;
using G7Flows.Workflows.Reports.Storage;
using G7Flows.Workflows.Reports.Workflow;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace G7Flows.Functions.Tests.Functions;

public sealed class ReportTriggersTests
{
    private readonly Mock<DurableTaskClient> client = new("reports");
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 1, 6, 0, 0, 12, TimeSpan.Zero));

    public ReportTriggersTests()
    {
        this.client.Setup(c => c.GetInstanceAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync((OrchestrationMetadata?)null);
        this.client
            .Setup(c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((TaskName _, object? _, StartOrchestrationOptions? o, CancellationToken _) => o!.InstanceId!);
    }

    [Fact]
    public async Task The_timer_starts_the_report_of_the_month_that_ended()
    {
        // Arrange
        ReportTriggers triggers = this.Triggers("month");

        // Act
        await triggers.ReportSchedule(new TimerInfo { IsPastDue = false }, this.client.Object, Context());

        // Assert
        this.VerifyStarted("report-2026-11", "2026-11");
    }

    [Fact]
    public async Task A_past_due_timer_reports_on_the_period_before_the_missed_occurrence()
    {
        // Arrange: the app was stopped over 1 November 06:00 and starts on 1 December just after the next one.
        ReportTriggers triggers = this.Triggers("month");
        var timer = new TimerInfo
        {
            IsPastDue = true,
            ScheduleStatus = new ScheduleStatus { Last = new DateTime(2026, 10, 1, 6, 0, 0, DateTimeKind.Utc), Next = new DateTime(2026, 11, 1, 6, 0, 0, DateTimeKind.Utc) },
        };

        // Act
        await triggers.ReportSchedule(timer, this.client.Object, Context());

        // Assert
        this.VerifyStarted("report-2026-10", "2026-10");
    }

    [Fact]
    public async Task The_timer_reports_quarters_when_the_period_setting_says_so()
    {
        // Arrange
        this.clock.SetUtcNow(new DateTimeOffset(2027, 1, 1, 6, 0, 0, TimeSpan.Zero));
        ReportTriggers triggers = this.Triggers("quarter");

        // Act
        await triggers.ReportSchedule(new TimerInfo(), this.client.Object, Context());

        // Assert
        this.VerifyStarted("report-2026-Q4", "2026-Q4");
    }

    [Fact]
    public async Task The_timer_starts_nothing_when_the_period_has_an_instance_already()
    {
        // Arrange: a second timer (a retried invocation, another instance) finds the first one's orchestration.
        this.client.Setup(c => c.GetInstanceAsync("report-2026-11", It.IsAny<CancellationToken>()))
            .ReturnsAsync(new OrchestrationMetadata(nameof(ReportOrchestrator), "report-2026-11"));
        ReportTriggers triggers = this.Triggers("month");

        // Act
        await triggers.ReportSchedule(new TimerInfo(), this.client.Object, Context());

        // Assert
        this.client.Verify(
            c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()),
            Times.Never);
    }

    private static FunctionContext Context()
    {
        var context = new Mock<FunctionContext>();
        context.SetupGet(c => c.CancellationToken).Returns(CancellationToken.None);
        return context.Object;
    }

    /// <summary>The triggers over services whose reports container has no index yet (every blob answers 404).</summary>
    private ReportTriggers Triggers(string period)
    {
        var blob = new Mock<BlobClient>();
        blob.Setup(b => b.DownloadContentAsync(It.IsAny<CancellationToken>())).ThrowsAsync(new RequestFailedException(404, "The specified blob does not exist."));
        var container = new Mock<BlobContainerClient>();
        container.Setup(c => c.GetBlobClient(It.IsAny<string>())).Returns(blob.Object);
        var blobs = new Mock<BlobServiceClient>();
        blobs.Setup(b => b.GetBlobContainerClient(It.IsAny<string>())).Returns(container.Object);
        var storage = new StorageClients(new Mock<TableServiceClient>().Object, blobs.Object);
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [ReportSettings.PeriodSetting] = period }).Build();
        ServiceProvider services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(storage)
            .AddSingleton(ReportSettings.From(configuration))
            .AddSingleton<ReportStore>()
            .AddSingleton<ReportStarter>()
            .BuildServiceProvider();
        var api = new ReportApi(services.GetRequiredService<ReportStore>(), services.GetRequiredService<ReportStarter>(), this.clock, NullLogger<ReportApi>.Instance);
        return new ReportTriggers(api, services, this.clock);
    }

    private void VerifyStarted(string instanceId, string period) =>
        this.client.Verify(
            c => c.ScheduleNewOrchestrationInstanceAsync(
                new TaskName(nameof(ReportOrchestrator)),
                It.Is<object?>(i => i is ReportInput && ((ReportInput)i).Period == period && ((ReportInput)i).RequestedBy == "schedule"),
                It.Is<StartOrchestrationOptions?>(o => o != null && o.InstanceId == instanceId && o.Version == WorkflowVersions.Report),
                It.IsAny<CancellationToken>()),
            Times.Once);
}
