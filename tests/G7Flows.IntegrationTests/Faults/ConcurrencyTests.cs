using System.Net;
using System.Text.Json;
using DurableTask.AzureStorage;
using G7Flows.IntegrationTests.Infrastructure;
using G7Flows.Server.Durable;
using G7Flows.Workflows.Consultations.Domain;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace G7Flows.IntegrationTests.Faults;

/// <summary>Duplicate deliveries and simultaneous conflicting responses.</summary>
[Collection(ServerCollection.Name)]
public sealed class ConcurrencyTests(ServerFixture fixture)
{
    private readonly Api api = fixture.Api;

    [Fact]
    public async Task Two_different_responses_for_the_same_nation_at_the_same_moment_take_exactly_one()
    {
        // Arrange
        var ids = new List<string>();
        for (int i = 0; i < 10; i++)
        {
            ids.Add(await this.api.StartAsync(Api.Proposal("unanimity", ["FR", "DE"], "PT5M")));
        }

        // Act
        var races = ids.Select(async id =>
        {
            Reply[] replies = await Task.WhenAll(this.api.RespondAsync(id, "DE", "approve", "yes"), this.api.RespondAsync(id, "DE", "object", "no"));
            return (id, replies);
        });
        var results = await Task.WhenAll(races);

        // Assert
        foreach (var (id, replies) in results)
        {
            Assert.Single(replies, r => r.Status == HttpStatusCode.Accepted);
            Assert.Single(replies, r => r.Status == HttpStatusCode.Conflict);
            string taken = replies.Single(r => r.Status == HttpStatusCode.Accepted).Body.GetProperty("position").GetString()!;
            JsonElement stored = (await this.api.GetAsync(id)).Body;
            Assert.Equal(taken, stored.GetProperty("positions")[1].GetProperty("position").GetString());
        }
    }

    [Fact]
    public async Task A_response_event_delivered_more_than_once_is_counted_once()
    {
        // Arrange: two approvals of three are needed; France's approval is stored, and its event then arrives twice.
        string id = await this.api.StartAsync(Api.Proposal("qualified-majority", ["FR", "DE", "IT"], "PT5M"));
        Reply france = await this.api.RespondAsync(id, "FR", "approve");
        await using var client = CreateClient();
        var again = new ResponseEvent("FR", Position.Approve, "reviewer.fr@g7.example", france.Body.GetProperty("respondedAt").GetDateTimeOffset().UtcDateTime);

        // Act
        await client.RaiseEventAsync(id, ConsultationEvents.Response, again);
        await client.RaiseEventAsync(id, ConsultationEvents.Response, again);

        // The positive signal that the orchestration has processed both deliveries (France's answer itself raised none:
        // alone it cannot decide the outcome): the engine has committed them to its history. Only then is "still open"
        // worth asserting.
        await EngineHistory.WaitForAsync(fixture.Tables, "e2e", id, "EventRaised", 2, ConsultationEvents.Response);
        string stillOpen = (await this.api.GetAsync(id)).Body.GetProperty("status").GetString()!;
        await this.api.RespondAsync(id, "DE", "approve");
        JsonElement closed = await this.api.WaitForRecordAsync(id);

        // Assert
        Assert.Equal("Open", stillOpen);
        Assert.Equal("Adopted", closed.GetProperty("status").GetString());
        Assert.Contains("2 of 3 approved", closed.GetProperty("outcome").GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    private TaskHubDurableTaskClient CreateClient()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = fixture.Azurite.ConnectionString }).Build();
        AzureStorageOrchestrationService service = new DurableEngineOptions { TaskHub = "e2e" }.CreateService(configuration, NullLoggerFactory.Instance);
        return new TaskHubDurableTaskClient(service);
    }
}
