using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using G7Flows.IntegrationTests.Infrastructure;
using G7Flows.Workflows.Platform.Testing;
using Xunit;
using Xunit.Abstractions;

namespace G7Flows.IntegrationTests;

/// <summary>
/// The server dies (it kills its own process at <see cref="CrashPoints.AfterAnswerStored"/>, so the window between a
/// stored answer and its reply is hit every time) while consultations wait for responses and fifty responses are in
/// flight; it is started again, and every consultation finishes with every response counted once.
/// </summary>
public sealed class DurabilityTests : IAsyncLifetime
{
    private readonly ServerFixture environment = ServerFixture.WithTaskHub("durability");
    private readonly string marker = Path.Combine(Path.GetTempPath(), $"g7flows-durability-{Guid.NewGuid():N}");
    private readonly ITestOutputHelper output;

    public DurabilityTests(ITestOutputHelper output) => this.output = output;

    public Task InitializeAsync() => this.environment.InitializeAsync();

    public Task DisposeAsync()
    {
        File.Delete(this.marker);
        return this.environment.DisposeAsync();
    }

    [Fact]
    public async Task Consultations_survive_a_killed_server_and_count_every_response_once()
    {
        // Arrange: consultations waiting for responses, one nation already answered in each.
        ServerProcess server = this.environment.Server;
        var api = new Api(server);
        var ids = new List<string>();
        for (int i = 0; i < 50; i++)
        {
            ids.Add(await api.StartAsync(Api.Proposal("unanimity", ["FR", "DE", "IT"], "P1D", title: $"Durability {i}")));
        }

        foreach (string id in ids)
        {
            Assert.Equal(HttpStatusCode.Accepted, (await api.RespondAsync(id, "FR", "approve")).Status);
        }

        // Half the consultations also have Germany's answer before the crash; for the rest it is sent during it.
        foreach (string id in ids.Take(25))
        {
            Assert.Equal(HttpStatusCode.Accepted, (await api.RespondAsync(id, "DE", "approve")).Status);
        }

        // Act: the server is restarted so that it dies right after the first answer it stores; then another nation
        // answers everywhere at once.
        await server.StopAsync();
        server.Configure("ASPNETCORE_ENVIRONMENT", "Testing");
        server.Configure("G7Flows__Testing__CrashAt", CrashPoints.AfterAnswerStored);
        server.Configure("G7Flows__Testing__CrashMarker", this.marker);
        await server.StartAsync();
        var inFlight = ids.Skip(25).Select(id => SafeRespondAsync(api, id, "DE"))
            .Concat(ids.Take(25).Select(id => SafeRespondAsync(api, id, "IT"))).ToList();
        Assert.True(await server.WaitForExitAsync(TimeSpan.FromSeconds(60)), $"The server did not die at {CrashPoints.AfterAnswerStored}:\n{server.Output}");
        HttpStatusCode?[] firstAttempt = await Task.WhenAll(inFlight);
        await server.StartAsync();
        var sinceRestart = System.Diagnostics.Stopwatch.StartNew();

        // A client that got no answer retries the same response (a retry of a taken one gets the same answer).
        foreach (string id in ids)
        {
            Assert.Equal(HttpStatusCode.Accepted, (await api.RespondAsync(id, "DE", "approve")).Status);
            Assert.Equal(HttpStatusCode.Accepted, (await api.RespondAsync(id, "IT", "approve")).Status);
        }

        IReadOnlyList<JsonElement> closed = await WaitForAllRecordsAsync(api, ids, TimeSpan.FromSeconds(150));
        TimeSpan recovery = sinceRestart.Elapsed;
        this.output.WriteLine($"Restart (healthy) to the last record published: {recovery.TotalSeconds:F1} s");
        Console.WriteLine($"[durability] restart (healthy) to the last record published: {recovery.TotalSeconds:F1} s");

        // Assert
        // At least the request that stored the answer at the crash point got no reply; its answer is counted once below.
        Assert.Contains(null, firstAttempt);
        Assert.True(recovery < TimeSpan.FromSeconds(60), $"The last record came {recovery.TotalSeconds:F1} s after the restart; the target is under 60 s.");
        Assert.All(firstAttempt, s => Assert.True(s is null || s == HttpStatusCode.Accepted, $"unexpected {s}"));
        var audit = new TableServiceClient(this.environment.Azurite.ConnectionString).GetTableClient("AuditTrail");
        foreach (JsonElement consultation in closed)
        {
            string id = consultation.GetProperty("id").GetString()!;
            Assert.Equal("Adopted", consultation.GetProperty("status").GetString());
            Assert.All(consultation.GetProperty("positions").EnumerateArray(), p => Assert.True(p.GetProperty("counted").GetBoolean()));
            var entries = audit.Query<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {id}")).ToList();
            foreach (string nation in new[] { "FR", "DE", "IT" })
            {
                Assert.Single(entries, e => e.GetString("Action") == "response-submitted" && e.GetString("Nation") == nation);
                Assert.Single(entries, e => e.GetString("Action") == "response-counted" && e.GetString("Nation") == nation);
            }

            Assert.Single(entries, e => e.GetString("Action") == "consultation-closed");
            Assert.Single(entries, e => e.GetString("Action") == "record-published");
        }

        Assert.DoesNotContain("Multiple ExecutionStartedEvent", server.Output, StringComparison.Ordinal);
    }

    /// <summary>Polls every consultation until all have their record; returns them in the order of <paramref name="ids"/>.</summary>
    private static async Task<IReadOnlyList<JsonElement>> WaitForAllRecordsAsync(Api api, IReadOnlyList<string> ids, TimeSpan timeout)
    {
        var done = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        DateTime deadline = DateTime.UtcNow + timeout;
        while (done.Count < ids.Count && DateTime.UtcNow < deadline)
        {
            foreach (string id in ids.Where(i => !done.ContainsKey(i)))
            {
                Reply reply = await api.GetAsync(id);
                if (reply.Body.ValueKind == JsonValueKind.Object && reply.Body.GetProperty("record").ValueKind == JsonValueKind.String)
                {
                    done[id] = reply.Body;
                }
            }

            if (done.Count < ids.Count)
            {
                await Task.Delay(250);
            }
        }

        Assert.True(done.Count == ids.Count, $"{ids.Count - done.Count} of {ids.Count} consultations had no record after {timeout.TotalSeconds} s.");
        return [.. ids.Select(id => done[id])];
    }

    private static async Task<HttpStatusCode?> SafeRespondAsync(Api api, string id, string nation)
    {
        try
        {
            return (await api.RespondAsync(id, nation, "approve")).Status;
        }
        catch (HttpRequestException)
        {
            return null; // the server died before it answered
        }
        catch (TaskCanceledException)
        {
            return null;
        }
    }
}
