using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using G7Flows.IntegrationTests.Infrastructure;
using Xunit;
using static G7Flows.IntegrationTests.Infrastructure.DisclosureClient;

namespace G7Flows.IntegrationTests.Disclosures;

/// <summary>
/// Disclosures on a server that is killed with SIGKILL and started again: the comment limit holds across the restart
/// (its count lives with the disclosure), and disclosures at several steps with answers in flight all finish, with
/// nothing lost and each publication made once.
/// </summary>
public sealed class DisclosureDurabilityTests : IAsyncLifetime
{
    private readonly ServerFixture environment = ServerFixture.WithTaskHub("disclosures");

    public Task InitializeAsync() => this.environment.InitializeAsync();

    public Task DisposeAsync() => this.environment.DisposeAsync();

    [Fact]
    public async Task The_comment_limit_per_organisation_holds_across_a_killed_server()
    {
        // Arrange
        ServerProcess server = this.environment.Server;
        var api = new DisclosureClient(server);
        string id = await api.IntoCommentPeriodAsync(Submission(commentPeriod: "P1D"));
        for (int i = 1; i <= 15; i++)
        {
            Expect(HttpStatusCode.Accepted, await api.CommentAsync(id, $"Remark {i}."));
        }

        // Act: the server dies and comes back; the organisation goes on posting.
        await server.KillAsync();
        await server.StartAsync();
        var statuses = new List<HttpStatusCode>();
        for (int i = 16; i <= 21; i++)
        {
            statuses.Add((await api.CommentAsync(id, $"Remark {i}.")).Status);
        }

        Reply refused = await api.CommentAsync(id, "One more.");
        Reply other = await api.CommentAsync(id, "Another organisation's first remark.", org: "Peace Research Institute");

        // Assert
        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Accepted, 5), HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        Assert.Equal("https://g7flows.dev/problems/comment-limit-reached", refused.Problem);
        Assert.Contains("20", refused.Body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, other.Status);
        JsonElement stored = (await api.GetAsync(id)).Body;
        Assert.Equal(21, stored.GetProperty("comments").GetArrayLength());
    }

    [Fact]
    public async Task Disclosures_at_several_steps_survive_a_killed_server_and_each_is_published_once()
    {
        // Arrange: two disclosures waiting for security, two for human rights, two in their comment period.
        ServerProcess server = this.environment.Server;
        var api = new DisclosureClient(server);
        var security = new List<string>();
        var humanRights = new List<string>();
        var commenting = new List<string>();
        for (int i = 0; i < 2; i++)
        {
            security.Add(await api.SubmitAsync(Submission(commentPeriod: "PT15S", title: $"Security {i}")));
            string hr = await api.SubmitAsync(Submission(commentPeriod: "PT15S", title: $"Human rights {i}"));
            await api.WaitForStatusAsync(hr, "SecurityReview");
            Expect(HttpStatusCode.Accepted, await api.ReviewAsync(hr, "security", "approve"));
            humanRights.Add(hr);
            commenting.Add(await api.IntoCommentPeriodAsync(Submission(commentPeriod: "PT15S", title: $"Comment {i}")));
        }

        foreach (string id in security)
        {
            await api.WaitForStatusAsync(id, "SecurityReview");
        }

        foreach (string id in humanRights)
        {
            await api.WaitForStatusAsync(id, "HumanRightsReview");
        }

        // Act: answers in flight while the server is killed.
        var inFlight = security.Select(id => SafeAsync(() => api.ReviewAsync(id, "security", "approve")))
            .Concat(humanRights.Select(id => SafeAsync(() => api.ReviewAsync(id, "human-rights", "approve"))))
            .Concat(commenting.Select(id => SafeAsync(() => api.CommentAsync(id, "Sent during the crash."))))
            .ToList();
        await Task.Delay(150);
        await server.KillAsync();
        HttpStatusCode?[] firstAttempt = await Task.WhenAll(inFlight);
        await server.StartAsync();

        // Clients that got no answer send the same answer again.
        foreach (string id in security)
        {
            Expect(HttpStatusCode.Accepted, await api.ReviewAsync(id, "security", "approve"));
        }

        foreach (string id in humanRights)
        {
            Expect(HttpStatusCode.Accepted, await api.ReviewAsync(id, "human-rights", "approve"));
        }

        // Every disclosure walks on to publication.
        string[] all = [.. security, .. humanRights, .. commenting];
        foreach (string id in all)
        {
            JsonElement d = await api.WaitAsync(id, x => x.GetProperty("status").GetString() is "HumanRightsReview" or "PublicComment" or "FinalApproval", "past security", TimeSpan.FromSeconds(120));
            if (d.GetProperty("status").GetString() == "HumanRightsReview")
            {
                await api.WaitForStatusAsync(id, "HumanRightsReview");
                Expect(HttpStatusCode.Accepted, await api.ReviewAsync(id, "human-rights", "approve"));
            }
        }

        foreach (string id in all)
        {
            JsonElement d = await api.WaitForStatusAsync(id, "FinalApproval", TimeSpan.FromSeconds(120));
            foreach (JsonElement c in d.GetProperty("comments").EnumerateArray().Where(c => c.GetProperty("moderation").GetString() == "pending"))
            {
                Expect(HttpStatusCode.OK, await api.ModerateAsync(id, c.GetProperty("id").GetString()!, "publish"));
            }

            Expect(HttpStatusCode.Accepted, await api.ReviewAsync(id, "final", "approve"));
        }

        var published = new List<JsonElement>();
        foreach (string id in all)
        {
            published.Add(await api.WaitAsync(id, x => x.GetProperty("publicAddress").ValueKind == JsonValueKind.String, "published", TimeSpan.FromSeconds(120)));
        }

        // Assert
        Assert.All(firstAttempt, s => Assert.True(s is null || s == HttpStatusCode.Accepted, $"unexpected {s}"));
        var audit = new TableServiceClient(this.environment.Azurite.ConnectionString).GetTableClient("AuditTrail");
        var container = this.environment.Blobs.GetBlobContainerClient(G7Flows.Workflows.Platform.Storage.StorageNames.PublicDisclosuresContainer);
        foreach (JsonElement d in published)
        {
            string id = d.GetProperty("id").GetString()!;
            Assert.Equal("Published", d.GetProperty("status").GetString());
            Assert.Equal(3, d.GetProperty("reviews").GetArrayLength());
            var entries = audit.Query<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {id}")).ToList();
            foreach (string step in new[] { "security", "human-rights", "final" })
            {
                Assert.Single(entries, e => e.GetString("Action") == "review-submitted" && e.GetString("Detail")!.StartsWith(step + ":", StringComparison.Ordinal));
            }

            Assert.Single(entries, e => e.GetString("Action") == "published");
            Assert.Single(entries, e => e.GetString("Action") == "disclosure-submitted");
            Assert.True(await container.GetBlobClient(G7Flows.Workflows.Disclosures.Publishing.DisclosurePublisher.JsonBlobName(id)).ExistsAsync());
            string sha = (await container.GetBlobClient(G7Flows.Workflows.Disclosures.Publishing.DisclosurePublisher.JsonBlobName(id)).GetPropertiesAsync()).Value.Metadata["sha256"];
            Assert.Equal(sha, d.GetProperty("publicSha256").GetString());
        }
    }

    private static async Task<HttpStatusCode?> SafeAsync(Func<Task<Reply>> send)
    {
        try
        {
            return (await send()).Status;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            return null;
        }
    }
}
