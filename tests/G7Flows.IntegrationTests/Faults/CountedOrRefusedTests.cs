using System.Net;
using System.Text.Json;
using G7Flows.IntegrationTests.Infrastructure;
using Xunit;

namespace G7Flows.IntegrationTests.Faults;

/// <summary>
/// An answer is counted in the outcome or refused, never accepted and then ignored: an objection races the other
/// nations' answers, and every answer that got 202 must be in the record's counted set.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class CountedOrRefusedTests(ServerFixture fixture)
{
    private static readonly string[] Seven = ["FR", "DE", "IT", "JP", "GB", "US", "CA"];

    private readonly Api api = fixture.Api;

    [Fact]
    public async Task Every_answer_that_got_202_is_counted_when_an_objection_races_the_others()
    {
        // Arrange
        var ids = new List<string>();
        for (int i = 0; i < 12; i++)
        {
            ids.Add(await this.api.StartAsync(Api.Proposal("unanimity", Seven, "PT5M")));
        }

        // Act: in each consultation, Germany objects while the six others answer at the same moment.
        var races = ids.Select(async id =>
        {
            var answers = Seven.Select(async nation => (nation, reply: await this.api.RespondAsync(id, nation, nation == "DE" ? "object" : "approve")));
            return (id, replies: await Task.WhenAll(answers));
        });
        var results = await Task.WhenAll(races);

        // Assert
        int accepted = 0;
        int refused = 0;
        foreach (var (id, replies) in results)
        {
            JsonElement record = await this.api.WaitForRecordAsync(id);
            Assert.Equal("Rejected", record.GetProperty("status").GetString());
            var counted = record.GetProperty("positions").EnumerateArray()
                .Where(p => p.GetProperty("counted").ValueKind == JsonValueKind.True)
                .Select(p => p.GetProperty("nation").GetString())
                .ToHashSet();
            foreach (var (nation, reply) in replies)
            {
                if (reply.Status == HttpStatusCode.Accepted)
                {
                    accepted++;
                    Assert.True(counted.Contains(nation), $"{id}: {nation} got 202 but is not counted in the record.");
                }
                else
                {
                    refused++;
                    Assert.Equal(HttpStatusCode.Conflict, reply.Status);
                    Assert.EndsWith("consultation-closed", reply.Problem, StringComparison.Ordinal);
                    Assert.False(counted.Contains(nation), $"{id}: {nation} was refused but is counted.");
                }
            }

            Assert.DoesNotContain(record.GetProperty("positions").EnumerateArray(), p => p.GetProperty("late").GetBoolean());
        }

        Assert.Equal(12 * 7, accepted + refused);
        Assert.True(accepted >= 12, "Every consultation took at least the objection.");
    }

    [Fact]
    public async Task The_inbox_shows_a_consultation_as_soon_as_its_start_has_answered()
    {
        for (int i = 0; i < 5; i++)
        {
            // Act
            string id = await this.api.StartAsync(Api.Proposal("unanimity", ["FR", "DE"], "PT5M"));
            Reply inbox = await this.api.SendAsync(HttpMethod.Get, "/api/tasks", Tokens.Reviewer("DE"));

            // Assert: no waiting for the workflow's first step.
            Assert.Equal(HttpStatusCode.OK, inbox.Status);
            Assert.Contains(inbox.Body.GetProperty("items").EnumerateArray(), t => t.GetProperty("consultationId").GetString() == id);
        }
    }

    [Fact]
    public async Task A_retried_extension_extends_once()
    {
        // Arrange
        string id = await this.api.StartAsync(Api.Proposal("unanimity", ["FR", "DE"], "PT5M"));
        DateTimeOffset deadline = (await this.api.GetAsync(id)).Body.GetProperty("deadline").GetDateTimeOffset();
        string until = deadline.AddHours(1).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture);

        // Act
        Reply first = await this.api.SendAsync(HttpMethod.Post, $"/api/consultations/{id}/extend", Tokens.Staff(), new { until });
        Reply retry = await this.api.SendAsync(HttpMethod.Post, $"/api/consultations/{id}/extend", Tokens.Staff(), new { until });
        Reply relative = await this.api.SendAsync(HttpMethod.Post, $"/api/consultations/{id}/extend", Tokens.Staff(), new { by = "P1D" });
        JsonElement stored = (await this.api.GetAsync(id)).Body;

        // Assert
        Assert.Equal(HttpStatusCode.Accepted, first.Status);
        Assert.Equal(HttpStatusCode.Accepted, retry.Status);
        Assert.Equal(HttpStatusCode.BadRequest, relative.Status);
        Assert.Equal(deadline.AddHours(1), stored.GetProperty("deadline").GetDateTimeOffset());
        Assert.Equal(1, stored.GetProperty("extensions").GetInt32());
    }
}
