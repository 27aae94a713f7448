using System.Globalization;
using System.Net;
using G7Flows.IntegrationTests.Infrastructure;
using G7Flows.IntegrationTests.Reports;
using G7Flows.Workflows.Consultations.Workflow;
using G7Flows.Workflows.Reports.Domain;
using G7Flows.Workflows.Reports.Workflow;
using Xunit;
using static G7Flows.IntegrationTests.Infrastructure.DisclosureClient;

namespace G7Flows.IntegrationTests.Replay;

/// <summary>An Azurite and a server with a task hub of their own, whose histories the recorder reads.</summary>
public sealed class ReplayServerFixture : IAsyncLifetime
{
    public const string TaskHub = "replay";

    public ServerFixture Server { get; } = ServerFixture.WithTaskHub(TaskHub);

    public HistoryRecorder Recorder { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await this.Server.InitializeAsync();
        this.Recorder = new HistoryRecorder(this.Server.Azurite.ConnectionString, TaskHub);
    }

    public async Task DisposeAsync()
    {
        this.Recorder?.Dispose();
        await this.Server.DisposeAsync();
    }
}

/// <summary>
/// Real runs of every orchestrator on Azurite, through the server's HTTP API. With <c>G7FLOWS_RECORD_HISTORIES=1</c>
/// each run's history is written as replay test data for <c>G7Flows.Workflows.Tests</c>; without it, each run is
/// compared with the recorded one (same activities in the same order, same ending), so the recorded set stays what
/// today's code does for new instances (docs/versioning.md).
/// </summary>
public sealed class HistoryRecordingTests(ReplayServerFixture fixture) : IClassFixture<ReplayServerFixture>
{
    private readonly Api api = fixture.Server.Api;
    private readonly DisclosureClient disclosures = new(fixture.Server.Server);
    private readonly HistoryRecorder recorder = fixture.Recorder;

    [Fact]
    public async Task Consultation_adopted()
    {
        // Arrange
        string id = await this.api.StartAsync(Api.Proposal(participants: ["FR", "DE"], window: "PT1M"));

        // Act
        Assert.Equal(HttpStatusCode.Accepted, (await this.api.RespondAsync(id, "FR", "approve")).Status);
        Assert.Equal(HttpStatusCode.Accepted, (await this.api.RespondAsync(id, "DE", "approve")).Status);

        // Assert
        await this.RecordAsync(id, "adopted");
    }

    [Fact]
    public async Task Consultation_adopted_with_the_final_reminder_planned()
    {
        // Arrange: two hours to answer and no reminders asked for, so version 2 plans one an hour before the deadline.
        string id = await this.api.StartAsync(Api.Proposal(participants: ["FR", "DE"], window: "PT2H"));

        // Act
        Assert.Equal(HttpStatusCode.Accepted, (await this.api.RespondAsync(id, "FR", "approve")).Status);
        Assert.Equal(HttpStatusCode.Accepted, (await this.api.RespondAsync(id, "DE", "approve")).Status);

        // Assert
        await this.RecordAsync(id, "adopted-final-reminder");
    }

    [Fact]
    public async Task Consultation_expired()
    {
        // Arrange and act: nobody answers before the deadline.
        string id = await this.api.StartAsync(Api.Proposal(participants: ["FR", "DE"], window: "PT10S"));

        // Assert
        await this.RecordAsync(id, "expired");
    }

    [Fact]
    public async Task Consultation_withdrawn()
    {
        // Arrange
        string id = await this.api.StartAsync(Api.Proposal(participants: ["FR", "DE"], window: "PT1M"));
        await this.recorder.WaitForRunningAsync(id);

        // Act
        Reply withdraw = await this.api.SendAsync(HttpMethod.Post, $"/api/consultations/{id}/withdraw", Tokens.Staff(), new { reason = "Superseded by the Brussels text." });

        // Assert
        Assert.Equal(HttpStatusCode.Accepted, withdraw.Status);
        await this.RecordAsync(id, "withdrawn");
    }

    [Fact]
    public async Task Consultation_extended()
    {
        // Arrange
        string id = await this.api.StartAsync(Api.Proposal(participants: ["FR", "DE"], window: "PT1M"));
        await this.recorder.WaitForRunningAsync(id);
        string until = DateTime.UtcNow.AddMinutes(3).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

        // Act: the deadline moves, then both answer.
        Reply extend = await this.api.SendAsync(HttpMethod.Post, $"/api/consultations/{id}/extend", Tokens.Staff(), new { until });
        Assert.Equal(HttpStatusCode.Accepted, extend.Status);
        await EngineHistory.WaitForAsync(fixture.Server.Tables, ReplayServerFixture.TaskHub, id, "TaskCompleted", 1);
        Assert.Equal(HttpStatusCode.Accepted, (await this.api.RespondAsync(id, "FR", "approve")).Status);
        Assert.Equal(HttpStatusCode.Accepted, (await this.api.RespondAsync(id, "DE", "approve")).Status);

        // Assert
        Assert.Equal(1, await EngineHistory.CountAsync(fixture.Server.Tables, ReplayServerFixture.TaskHub, id, "TaskScheduled", nameof(ApplyExtensionActivity)));
        await this.RecordAsync(id, "extended");
    }

    [Fact]
    public async Task Disclosure_published()
    {
        // Arrange
        string id = await this.disclosures.IntoCommentPeriodAsync(Submission(commentPeriod: "PT10S"));

        // Act
        await this.disclosures.WaitForStatusAsync(id, "FinalApproval");
        Expect(HttpStatusCode.Accepted, await this.disclosures.ReviewAsync(id, "final", "approve"));

        // Assert
        await this.RecordAsync(id, "published");
    }

    [Fact]
    public async Task Disclosure_sent_back_for_changes_then_published()
    {
        // Arrange
        string id = await this.disclosures.SubmitAsync(Submission(commentPeriod: "PT10S"));
        await this.disclosures.WaitForStatusAsync(id, "SecurityReview");

        // Act: security asks for changes, the submitter revises, and the revision goes all the way.
        Expect(HttpStatusCode.Accepted, await this.disclosures.ReviewAsync(id, "security", "request-changes", "Name the units concerned."));
        await this.disclosures.WaitForStatusAsync(id, "ChangesRequested");
        Expect(HttpStatusCode.Accepted, await this.disclosures.ReviseAsync(id, "# Defence policy\n\nThe units concerned are named in the annex."));
        await this.disclosures.WaitForStatusAsync(id, "SecurityReview");
        Expect(HttpStatusCode.Accepted, await this.disclosures.ReviewAsync(id, "security", "approve"));
        await this.disclosures.WaitForStatusAsync(id, "HumanRightsReview");
        Expect(HttpStatusCode.Accepted, await this.disclosures.ReviewAsync(id, "human-rights", "approve"));
        await this.disclosures.WaitForStatusAsync(id, "FinalApproval");
        Expect(HttpStatusCode.Accepted, await this.disclosures.ReviewAsync(id, "final", "approve"));

        // Assert
        await this.RecordAsync(id, "changes-requested");
    }

    [Fact]
    public async Task Report_generated()
    {
        // Act
        Reply started = await this.api.RequestAsync("2026-10");

        // Assert
        Assert.Equal(HttpStatusCode.Accepted, started.Status);
        Assert.True(ReportPeriod.TryParse("2026-10", out ReportPeriod period));
        await this.RecordAsync(ReportStarter.InstanceId(period), "generated");
    }

    private async Task RecordAsync(string instanceId, string scenario)
    {
        string file = await this.recorder.RecordOrVerifyAsync(instanceId, scenario);
        Assert.True(File.Exists(file));
    }
}
