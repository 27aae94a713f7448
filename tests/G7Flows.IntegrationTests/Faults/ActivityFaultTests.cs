using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using DurableTask.AzureStorage;
using G7Flows.IntegrationTests.Infrastructure;
using G7Flows.Server.Durable;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace G7Flows.IntegrationTests.Faults;

/// <summary>
/// Activities made to fail by the test-only fault switch (<c>G7Flows:Testing:Faults:{Activity}</c>, off in
/// Production) in a real server on Azurite: a few failures are retried away; failures for good leave the
/// consultation visibly Failed; a workflow that ended behind the tables' back is found and repaired by an admin.
/// </summary>
public sealed class ActivityFaultTests : IAsyncLifetime
{
    private Azurite? azurite;

    private Azurite Storage => this.azurite ?? throw new InvalidOperationException("Not started.");

    private TableServiceClient Tables => new(this.Storage.ConnectionString);

    public async Task InitializeAsync() => this.azurite = await Azurite.StartAsync();

    public async Task DisposeAsync()
    {
        if (this.azurite is not null)
        {
            await this.azurite.DisposeAsync();
        }
    }

    [Fact]
    public async Task Activities_that_fail_twice_and_then_work_leave_the_consultation_as_if_nothing_had_happened()
    {
        // Arrange: the closing activity throws twice before it works, and then its publishing step throws twice (a new
        // consultation's workflow runs no opening activity: the start request has written everything).
        const string Hub = "transient";
        await using ServerProcess server = await ServerProcess.StartAsync(this.Storage.ConnectionString, Hub, Testing(new()
        {
            ["G7Flows__Testing__Faults__CloseConsultationActivity"] = "2",
            ["G7Flows__Testing__Faults__PublishRecordActivity"] = "2",
        }));
        var api = new Api(server);

        // Act
        string id = await api.StartAsync(Api.Proposal("unanimity", ["FR", "DE"], "PT5M", title: "Transient faults"));
        Reply fr = await api.RespondAsync(id, "FR", "approve");
        Reply de = await api.RespondAsync(id, "DE", "approve");
        JsonElement closed = await api.WaitForRecordAsync(id, TimeSpan.FromSeconds(120));

        // Assert: the faults happened (four failed attempts in the engine's history) and changed nothing.
        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted), (fr.Status, de.Status));
        Assert.Equal(4, await EngineHistory.CountAsync(this.Tables, Hub, id, "TaskFailed"));
        Assert.Equal("Adopted", closed.GetProperty("status").GetString());
        Assert.All(closed.GetProperty("positions").EnumerateArray(), p => Assert.True(p.GetProperty("counted").GetBoolean()));
        var trail = this.Trail(id);
        Assert.DoesNotContain(trail, e => e.GetString("Action") == "workflow-failed");
        Assert.Single(trail, e => e.GetString("Action") == "consultation-closed");
        Assert.Single(trail, e => e.GetString("Action") == "record-published");
        Assert.Empty(this.StaffNotifications(id));
    }

    [Fact]
    public async Task An_activity_that_fails_for_good_leaves_the_consultation_Failed_with_its_reason_and_staff_notified()
    {
        // Arrange: closing always throws.
        const string Hub = "permanent";
        await using ServerProcess server = await ServerProcess.StartAsync(this.Storage.ConnectionString, Hub, Testing(new()
        {
            ["G7Flows__Testing__Faults__CloseConsultationActivity"] = "-1",
        }));
        var api = new Api(server);
        string id = await api.StartAsync(Api.Proposal("unanimity", ["FR", "DE", "IT"], "PT5M", title: "Permanent fault"));

        // Act: France's objection makes the outcome certain, so the workflow tries (and fails) to close.
        Assert.Equal(HttpStatusCode.Accepted, (await api.RespondAsync(id, "FR", "object")).Status);
        JsonElement failed = await api.WaitForStatusAsync(id, "Failed", TimeSpan.FromSeconds(180));
        Reply listing = await api.SendAsync(HttpMethod.Get, "/api/consultations?status=Failed", Tokens.Staff());
        Reply germanTasks = await api.SendAsync(HttpMethod.Get, "/api/tasks", Tokens.Reviewer("DE"));
        Reply disagreements = await api.SendAsync(HttpMethod.Get, "/api/admin/consultations/disagreements", Tokens.Admin());
        Reply lateAnswer = await api.RespondAsync(id, "DE", "approve");

        // Assert
        Assert.Equal(G7Flows.Workflows.Platform.Durable.RetryPolicies.Activity.MaxNumberOfAttempts, await EngineHistory.CountAsync(this.Tables, Hub, id, "TaskFailed")); // every attempt to close, and only those
        string reason = failed.GetProperty("outcome").GetProperty("reason").GetString()!;
        Assert.Contains("CloseConsultationActivity", reason, StringComparison.Ordinal);
        Assert.Contains("Injected fault", reason, StringComparison.Ordinal);
        Assert.Contains(listing.Body.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetString() == id && i.GetProperty("status").GetString() == "Failed");
        Assert.DoesNotContain(id, germanTasks.Text, StringComparison.Ordinal);
        Assert.Single(this.StaffNotifications(id), n => n.GetString("Kind") == "workflow-failed");
        Assert.Single(this.Trail(id), e => e.GetString("Action") == "workflow-failed");
        Assert.DoesNotContain(id, disagreements.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, lateAnswer.Status);
    }

    [Fact]
    public async Task A_record_that_cannot_be_published_leaves_the_outcome_and_tells_staff()
    {
        // Arrange: publishing always throws.
        const string Hub = "unpublished";
        await using ServerProcess server = await ServerProcess.StartAsync(this.Storage.ConnectionString, Hub, Testing(new()
        {
            ["G7Flows__Testing__Faults__PublishRecordActivity"] = "-1",
        }));
        var api = new Api(server);
        string id = await api.StartAsync(Api.Proposal("unanimity", ["FR", "DE"], "PT5M", title: "Unpublishable record"));

        // Act
        Assert.Equal(HttpStatusCode.Accepted, (await api.RespondAsync(id, "FR", "approve")).Status);
        Assert.Equal(HttpStatusCode.Accepted, (await api.RespondAsync(id, "DE", "approve")).Status);
        DateTime deadline = DateTime.UtcNow.AddSeconds(180);
        while (this.StaffNotifications(id).Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(500);
        }

        JsonElement consultation = (await api.GetAsync(id)).Body;

        // Assert
        Assert.Single(this.StaffNotifications(id), n => n.GetString("Kind") == "record-not-published");
        Assert.Equal("Adopted", consultation.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, consultation.GetProperty("record").ValueKind);
        Assert.Single(this.Trail(id), e => e.GetString("Action") == "record-publication-failed");
        Assert.Equal(G7Flows.Workflows.Platform.Durable.RetryPolicies.Activity.MaxNumberOfAttempts, await EngineHistory.CountAsync(this.Tables, Hub, id, "TaskFailed"));
    }

    [Fact]
    public async Task A_workflow_that_ended_while_its_consultation_says_Open_is_listed_and_repaired_by_an_admin()
    {
        // Arrange: an open consultation whose orchestration is then terminated behind the tables' back.
        const string Hub = "repair";
        await using ServerProcess server = await ServerProcess.StartAsync(this.Storage.ConnectionString, Hub);
        var api = new Api(server);
        string id = await api.StartAsync(Api.Proposal("unanimity", ["FR", "DE", "IT"], "P1D", title: "Terminated behind the tables' back"));
        await using (TaskHubDurableTaskClient engine = this.Client(Hub))
        {
            await engine.WaitForInstanceStartAsync(id);
            await engine.TerminateInstanceAsync(id, "test");
            await engine.WaitForInstanceCompletionAsync(id);
        }

        // Act
        Reply listed = await api.SendAsync(HttpMethod.Get, "/api/admin/consultations/disagreements", Tokens.Admin());
        Reply repaired = await api.SendAsync(HttpMethod.Post, "/api/admin/consultations/repair", Tokens.Admin(), new { });
        Reply after = await api.SendAsync(HttpMethod.Get, "/api/admin/consultations/disagreements", Tokens.Admin());
        JsonElement consultation = (await api.GetAsync(id)).Body;
        Reply frenchTasks = await api.SendAsync(HttpMethod.Get, "/api/tasks", Tokens.Reviewer("FR"));

        // Assert
        Assert.Equal(HttpStatusCode.OK, listed.Status);
        JsonElement found = Assert.Single(listed.Body.GetProperty("items").EnumerateArray(), d => d.GetProperty("consultationId").GetString() == id);
        Assert.Equal(("Open", "Terminated", "workflow-failed"), (found.GetProperty("tableStatus").GetString(), found.GetProperty("engineStatus").GetString(), found.GetProperty("problem").GetString()));
        Assert.Equal(HttpStatusCode.OK, repaired.Status);
        Assert.DoesNotContain(id, after.Text, StringComparison.Ordinal);
        Assert.Equal("Failed", consultation.GetProperty("status").GetString());
        Assert.DoesNotContain(id, frenchTasks.Text, StringComparison.Ordinal);
        Assert.Single(this.StaffNotifications(id), n => n.GetString("Kind") == "workflow-failed");
        Assert.Single(this.Trail(id), e => e.GetString("Action") == "workflow-repaired");
    }

    /// <summary>Settings of a server in the Testing environment, where the fault switch is read.</summary>
    private static Dictionary<string, string> Testing(Dictionary<string, string> faults)
    {
        faults["ASPNETCORE_ENVIRONMENT"] = "Testing";
        return faults;
    }

    private List<TableEntity> Trail(string id) =>
        this.Tables.GetTableClient("AuditTrail").Query<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {id}")).ToList();

    private List<TableEntity> StaffNotifications(string id) =>
        this.Tables.GetTableClient("Notifications").Query<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {"staff"}"))
            .Where(n => n.GetString("ConsultationId") == id).ToList();

    private TaskHubDurableTaskClient Client(string hub)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = this.Storage.ConnectionString }).Build();
        AzureStorageOrchestrationService service = new DurableEngineOptions { TaskHub = hub }.CreateService(configuration, NullLoggerFactory.Instance);
        return new TaskHubDurableTaskClient(service);
    }
}
