using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using G7Flows.IntegrationTests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace G7Flows.IntegrationTests.Faults;

/// <summary>
/// Two server processes on one Azurite and one task hub, behind the same clients: the engine balances its control-queue
/// partitions between them with leases. Both take work; every consultation closes once with every answer counted; when
/// one is killed with SIGKILL the other takes over its partitions and finishes its consultations within the recovery
/// target.
/// </summary>
public sealed partial class TwoServersTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string TaskHub = "pair";
    private static readonly string[] Nations = ["FR", "DE", "IT"];
    private static readonly TimeSpan RecoveryTarget = TimeSpan.FromSeconds(60);

    private Azurite? azurite;
    private ServerProcess? first;
    private ServerProcess? second;

    public async Task InitializeAsync()
    {
        this.azurite = await Azurite.StartAsync();
        this.first = await ServerProcess.StartAsync(this.azurite.ConnectionString, TaskHub);
        this.second = await ServerProcess.StartAsync(this.azurite.ConnectionString, TaskHub);
    }

    public async Task DisposeAsync()
    {
        foreach (ServerProcess? server in new[] { this.first, this.second })
        {
            if (server is not null)
            {
                await server.DisposeAsync();
            }
        }

        if (this.azurite is not null)
        {
            await this.azurite.DisposeAsync();
        }
    }

    [Fact]
    public async Task Both_servers_take_work_and_the_survivor_finishes_the_killed_ones_consultations()
    {
        ServerProcess a = this.first!, b = this.second!;
        Api[] apis = [new Api(a), new Api(b)];
        var all = new List<string>();

        // Arrange: rounds of consultations through both servers until each has closed some (the second server takes
        // its share of the partitions from the first within a few lease intervals).
        var balancing = Stopwatch.StartNew();
        int round = 0;
        while (ClosedBy(a) == 0 || ClosedBy(b) == 0)
        {
            Assert.True(balancing.Elapsed < TimeSpan.FromSeconds(120), $"After {balancing.Elapsed.TotalSeconds:F0} s one server had closed nothing: {ClosedBy(a)} and {ClosedBy(b)}.");
            var ids = await StartAsync(apis, 8, $"Pair round {round++}");
            foreach (string id in ids)
            {
                foreach (string nation in Nations)
                {
                    Assert.Equal(HttpStatusCode.Accepted, (await apis[Random.Shared.Next(2)].RespondAsync(id, nation, "approve")).Status);
                }
            }

            foreach (string id in ids)
            {
                await apis[1].WaitForRecordAsync(id, TimeSpan.FromSeconds(60));
            }

            all.AddRange(ids);
        }

        output.WriteLine($"Both servers closed consultations after {balancing.Elapsed.TotalSeconds:F1} s ({ClosedBy(a)} and {ClosedBy(b)}).");

        // Act: consultations waiting on both servers; France and Germany answered, then Italy's deciding answers go
        // to both servers and the first is killed while they are in flight.
        var pending = await StartAsync(apis, 20, "Pair crash");
        foreach (string id in pending)
        {
            Assert.Equal(HttpStatusCode.Accepted, (await apis[1].RespondAsync(id, "FR", "approve")).Status);
            Assert.Equal(HttpStatusCode.Accepted, (await apis[0].RespondAsync(id, "DE", "approve")).Status);
        }

        int closedByFirstBefore = ClosedBy(a);
        var deciding = pending.Select((id, i) => SafeRespondAsync(apis[i % 2], id, "IT")).ToList();
        await Task.Delay(150);
        await a.KillAsync();
        var sinceKill = Stopwatch.StartNew();
        HttpStatusCode?[] replies = await Task.WhenAll(deciding);

        // A client that got no answer from the dead server sends the same answer to the other (same answer, same reply).
        for (int i = 0; i < pending.Count; i++)
        {
            if (replies[i] != HttpStatusCode.Accepted)
            {
                Assert.Equal(HttpStatusCode.Accepted, (await apis[1].RespondAsync(pending[i], "IT", "approve")).Status);
            }
        }

        var records = new List<JsonElement>();
        foreach (string id in pending)
        {
            records.Add(await apis[1].WaitForRecordAsync(id, RecoveryTarget + TimeSpan.FromSeconds(30)));
        }

        TimeSpan recovery = sinceKill.Elapsed;
        output.WriteLine($"SIGKILL of one server to the last record published by the other: {recovery.TotalSeconds:F1} s");
        Console.WriteLine($"[two servers] SIGKILL of one to the last record published by the other: {recovery.TotalSeconds:F1} s");
        all.AddRange(pending);

        // Assert
        Assert.All(replies, r => Assert.True(r is null || r == HttpStatusCode.Accepted, $"unexpected {r}"));
        Assert.True(recovery < RecoveryTarget, $"The survivor finished {recovery.TotalSeconds:F1} s after the kill; the target is under {RecoveryTarget.TotalSeconds} s.");
        Assert.True(ClosedBy(b) > 0 && closedByFirstBefore > 0, "Both servers ran orchestrations before the kill.");
        foreach (JsonElement record in records)
        {
            Assert.Equal("Adopted", record.GetProperty("status").GetString());
            Assert.All(record.GetProperty("positions").EnumerateArray(), p => Assert.True(p.GetProperty("counted").GetBoolean()));
        }

        TableClient audit = new TableServiceClient(this.azurite!.ConnectionString).GetTableClient("AuditTrail");
        foreach (string id in all)
        {
            var entries = audit.Query<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {id}")).ToList();
            Assert.Single(entries, e => e.GetString("Action") == "consultation-closed");
            Assert.Single(entries, e => e.GetString("Action") == "record-published");
            foreach (string nation in Nations)
            {
                Assert.Single(entries, e => e.GetString("Action") == "response-counted" && e.GetString("Nation") == nation);
            }
        }

        Assert.DoesNotContain("Multiple ExecutionStartedEvent", b.Output, StringComparison.Ordinal);
    }

    private static async Task<List<string>> StartAsync(Api[] apis, int count, string title)
    {
        var ids = new List<string>();
        for (int i = 0; i < count; i++)
        {
            ids.Add(await apis[i % apis.Length].StartAsync(Api.Proposal("unanimity", Nations, "P1D", title: $"{title} {i}")));
        }

        return ids;
    }

    /// <summary>How many consultations this server's engine closed (its orchestrator logs each close once, replay-safe).</summary>
    private static int ClosedBy(ServerProcess server) => ClosedLine().Count(server.Output);

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

    [GeneratedRegex(@"Consultation \S+ closed as ")]
    private static partial Regex ClosedLine();
}
