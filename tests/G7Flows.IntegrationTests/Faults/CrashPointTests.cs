using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using G7Flows.IntegrationTests.Infrastructure;
using G7Flows.Workflows.Consultations.Domain;
using G7Flows.Workflows.Platform.Testing;
using Xunit;

namespace G7Flows.IntegrationTests.Faults;

/// <summary>
/// The server kills itself (SIGKILL of its own process) at a named point of a consultation's life, once (a marker
/// file remembers), and is started again: nothing is lost, nothing is counted twice, one record is published, and
/// every copy (listing, inbox tasks, audit trail) converges on the final state. The crash window is hit every time,
/// because the point is where the process dies.
/// </summary>
public sealed class CrashPointTests : IAsyncLifetime
{
    private static readonly string[] Nations = ["FR", "DE", "IT"];

    private readonly string marker = Path.Combine(Path.GetTempPath(), $"g7flows-crash-{Guid.NewGuid():N}");
    private Azurite? azurite;

    private Azurite Storage => this.azurite ?? throw new InvalidOperationException("Not started.");

    public static TheoryData<string> WorkflowPoints() =>
    [
        CrashPoints.AfterCloseBeforeSettle,
        CrashPoints.AfterSettleWrite(1), // the listing is final; the unanswered nations' inbox tasks are still there
        CrashPoints.AfterSettleWrite(2), // and the first unanswered nation's task is gone
        CrashPoints.AfterSettleWrite(3), // every copy is final; the audit entries are not written
        CrashPoints.BeforePublish,
    ];

    public async Task InitializeAsync() => this.azurite = await Azurite.StartAsync();

    public async Task DisposeAsync()
    {
        File.Delete(this.marker);
        if (this.azurite is not null)
        {
            await this.azurite.DisposeAsync();
        }
    }

    [Theory]
    [MemberData(nameof(WorkflowPoints))]
    public async Task A_crash_while_the_workflow_closes_loses_nothing_and_every_copy_converges(string point)
    {
        // Arrange: nobody has answered; every nation's inbox task is open (an answer removes its own, so the close's
        // settling writes are the listing and the tasks of France and Italy, which will not have answered).
        await using ServerProcess server = await this.StartCrashingServerAsync(point);
        var api = new Api(server);
        string id = await api.StartAsync(Api.Proposal("unanimity", Nations, "PT10M", title: $"Crash at {point}"));

        // Act: Germany's objection makes the outcome certain; the workflow closes and the process dies at the point.
        Assert.Equal(HttpStatusCode.Accepted, (await api.RespondAsync(id, "DE", "object")).Status);
        await this.AssertCrashedAsync(server, point);
        await server.StartAsync();
        JsonElement closed = await api.WaitForRecordAsync(id, TimeSpan.FromSeconds(120));

        // Assert
        Assert.Equal("Rejected", closed.GetProperty("status").GetString());
        await this.AssertConvergedAsync(api, id, "Rejected", ["DE"]);
    }

    [Fact]
    public async Task A_crash_after_an_answer_is_stored_and_before_its_event_loses_nothing_and_counts_it_once()
    {
        // Arrange
        await using ServerProcess server = await this.StartCrashingServerAsync(CrashPoints.AfterAnswerStored);
        var api = new Api(server);
        string id = await api.StartAsync(Api.Proposal("unanimity", Nations, "PT10M", title: "Crash after an answer is stored"));

        // Act: France's answer is stored, then the process dies before it answers; the reviewer sends it again.
        HttpStatusCode? first = await TryAsync(() => api.RespondAsync(id, "FR", "approve", "Agreed."));
        await this.AssertCrashedAsync(server, CrashPoints.AfterAnswerStored);
        await server.StartAsync();
        Reply retried = await api.RespondAsync(id, "FR", "approve", "Agreed.");
        Reply changed = await api.RespondAsync(id, "FR", "object", "Changed my mind.");
        Assert.Equal(HttpStatusCode.Accepted, (await api.RespondAsync(id, "DE", "approve")).Status);
        Assert.Equal(HttpStatusCode.Accepted, (await api.RespondAsync(id, "IT", "approve")).Status);
        JsonElement closed = await api.WaitForRecordAsync(id, TimeSpan.FromSeconds(120));

        // Assert: the first attempt got no answer; its stored answer is the one counted.
        Assert.Null(first);
        Assert.Equal(HttpStatusCode.Accepted, retried.Status);
        Assert.Equal(HttpStatusCode.Conflict, changed.Status);
        Assert.Equal("Adopted", closed.GetProperty("status").GetString());
        await this.AssertConvergedAsync(api, id, "Adopted", Nations);
    }

    [Fact]
    public async Task A_crash_after_a_deciding_answers_202_and_before_its_event_is_closed_by_the_decision_sweep_within_a_minute()
    {
        // Arrange
        await using ServerProcess server = await this.StartCrashingServerAsync(CrashPoints.AfterDecisiveAnswerAccepted, crashDelay: "00:00:00.500");
        var api = new Api(server);
        string id = await api.StartAsync(Api.Proposal("unanimity", Nations, "PT10M", title: "Crash after a deciding answer's 202"));

        // Act: Germany's objection decides; its 202 goes out, then the process dies before it wakes the orchestration.
        Reply objection = await api.RespondAsync(id, "DE", "object", "Not this year.");
        await this.AssertCrashedAsync(server, CrashPoints.AfterDecisiveAnswerAccepted);
        await server.StartAsync();
        var sinceRestart = System.Diagnostics.Stopwatch.StartNew();
        JsonElement closed = await api.WaitForRecordAsync(id, TimeSpan.FromSeconds(120));
        sinceRestart.Stop();
        Console.WriteLine($"[decision sweep] restart (healthy) to the record published: {sinceRestart.Elapsed.TotalSeconds:F1} s");

        // Assert: the reviewer was told 202, and the consultation closed from the stored answer long before its deadline
        // (ten minutes away): the sweep woke it (the row says decided, and nothing else would before the deadline).
        Assert.Equal(HttpStatusCode.Accepted, objection.Status);
        Assert.Equal("Rejected", closed.GetProperty("status").GetString());
        Assert.True(sinceRestart.Elapsed < TimeSpan.FromSeconds(60), $"The record came {sinceRestart.Elapsed.TotalSeconds:F1} s after the restart.");
        await this.AssertConvergedAsync(api, id, "Rejected", ["DE"]);
        Assert.Contains("woken again", server.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_crash_after_a_start_is_stored_is_completed_by_the_retried_request_and_nothing_is_doubled()
    {
        // Arrange
        await using ServerProcess server = await this.StartCrashingServerAsync(CrashPoints.AfterStartStored);
        var api = new Api(server);
        const string Key = "crash-after-start-stored";
        object proposal = Api.Proposal("unanimity", Nations, "PT10M", title: "Crash after the start is stored");
        string id = ConsultationIds.FromIdempotencyKey("staff@g7.example", Key);

        // Act: the consultation is stored, then the process dies before tasks, listing, audit entry and workflow.
        HttpStatusCode? first = await TryAsync(() => api.SendAsync(HttpMethod.Post, "/api/consultations", Tokens.Staff(), proposal, r => r.Headers.Add("Idempotency-Key", Key)));
        await this.AssertCrashedAsync(server, CrashPoints.AfterStartStored);
        await server.StartAsync();
        Reply disagreements = await api.SendAsync(HttpMethod.Get, "/api/admin/consultations/disagreements", Tokens.Admin());
        Reply retried = await api.SendAsync(HttpMethod.Post, "/api/consultations", Tokens.Staff(), proposal, r => r.Headers.Add("Idempotency-Key", Key));
        Reply tasks = await api.SendAsync(HttpMethod.Get, "/api/tasks", Tokens.Reviewer("DE"));
        foreach (string nation in Nations)
        {
            Assert.Equal(HttpStatusCode.Accepted, (await api.RespondAsync(id, nation, "approve")).Status);
        }

        JsonElement closed = await api.WaitForRecordAsync(id, TimeSpan.FromSeconds(120));

        // Assert
        Assert.Null(first);
        JsonElement missing = Assert.Single(disagreements.Body.GetProperty("items").EnumerateArray(), d => d.GetProperty("consultationId").GetString() == id);
        Assert.Equal("workflow-missing", missing.GetProperty("problem").GetString());
        Assert.Equal(HttpStatusCode.Accepted, retried.Status);
        Assert.Equal(id, retried.Body.GetProperty("id").GetString());
        Assert.Contains(id, tasks.Text, StringComparison.Ordinal);
        Assert.Equal("Adopted", closed.GetProperty("status").GetString());
        await this.AssertConvergedAsync(api, id, "Adopted", Nations);
        Assert.Single(this.Trail(id), e => e.GetString("Action") == "consultation-started");
    }

    /// <param name="crashDelay">How long the process waits at the point before it dies (a response it has handed to
    /// the server then reaches the client first).</param>
    private async Task<ServerProcess> StartCrashingServerAsync(string point, string crashDelay = "00:00:00") =>
        await ServerProcess.StartAsync(this.Storage.ConnectionString, "crash", new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["G7Flows__Testing__CrashAt"] = point,
            ["G7Flows__Testing__CrashMarker"] = this.marker,
            ["G7Flows__Testing__CrashDelay"] = crashDelay,

            // A work item the dead process had taken is visible again after this long.
            ["G7Flows__Durable__WorkItemQueueVisibilityTimeout"] = "00:00:10",
            ["G7Flows__Durable__ControlQueueVisibilityTimeout"] = "00:00:10",
        });

    /// <summary>The positive signal that the crash happened where it was asked for: the process ended and left its marker.</summary>
    private async Task AssertCrashedAsync(ServerProcess server, string point)
    {
        Assert.True(await server.WaitForExitAsync(TimeSpan.FromSeconds(90)), $"The server did not crash at {point}:\n{server.Output}");
        Assert.True(File.Exists(this.marker), $"The server ended without reaching {point}.");
    }

    /// <summary>Every copy agrees with the closed consultation, each answering nation's answer is counted once (and only
    /// theirs), no inbox task is left, and one record exists.</summary>
    private async Task AssertConvergedAsync(Api api, string id, string status, IReadOnlyList<string> nations)
    {
        JsonElement consultation = (await api.GetAsync(id)).Body;
        Assert.Equal(status, consultation.GetProperty("status").GetString());
        Assert.All(
            consultation.GetProperty("positions").EnumerateArray(),
            p => Assert.Equal(nations.Contains(p.GetProperty("nation").GetString()), p.GetProperty("counted").ValueKind == JsonValueKind.True));

        var tables = new TableServiceClient(this.Storage.ConnectionString);
        TableEntity listing = Assert.Single(tables.GetTableClient("ConsultationIndex").Query<TableEntity>(e => e.GetString("ConsultationId") == id));
        Assert.Equal(status, listing.GetString("Status"));
        Assert.Empty(tables.GetTableClient("ReviewTasks").Query<TableEntity>(TableClient.CreateQueryFilter($"RowKey eq {id}")));

        var trail = this.Trail(id);
        foreach (string nation in nations)
        {
            Assert.Single(trail, e => e.GetString("Action") == "response-submitted" && e.GetString("Nation") == nation);
            Assert.Single(trail, e => e.GetString("Action") == "response-counted" && e.GetString("Nation") == nation);
        }

        Assert.Single(trail, e => e.GetString("Action") == "consultation-closed");
        Assert.Single(trail, e => e.GetString("Action") == "record-published");
        Assert.DoesNotContain(trail, e => e.GetString("Action") == "workflow-failed");

        var blobs = new BlobServiceClient(this.Storage.ConnectionString, new BlobClientOptions(BlobClientOptions.ServiceVersion.V2025_01_05)).GetBlobContainerClient("records");
        var names = new List<string>();
        await foreach (var blob in blobs.GetBlobsAsync(new GetBlobsOptions { Prefix = $"consultations/{id}/" }))
        {
            names.Add(blob.Name);
        }

        Assert.Equal([$"consultations/{id}/record.html", $"consultations/{id}/record.json"], names.Order(StringComparer.Ordinal));
    }

    private List<TableEntity> Trail(string id) =>
        new TableServiceClient(this.Storage.ConnectionString).GetTableClient("AuditTrail")
            .Query<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {id}")).ToList();

    /// <summary>The status of a request to a server that may die while answering it; null when it died first.</summary>
    private static async Task<HttpStatusCode?> TryAsync(Func<Task<Reply>> send)
    {
        try
        {
            return (await send()).Status;
        }
        catch (HttpRequestException)
        {
            return null;
        }
        catch (TaskCanceledException)
        {
            return null;
        }
    }
}
