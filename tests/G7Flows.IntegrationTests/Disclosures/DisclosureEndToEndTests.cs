using System.Net;
using System.Text.Json;
using Azure.Storage.Blobs;
using G7Flows.IntegrationTests.Infrastructure;
using Xunit;
using static G7Flows.IntegrationTests.Infrastructure.DisclosureClient;

namespace G7Flows.IntegrationTests.Disclosures;

/// <summary>Whole disclosures through the server's real HTTP endpoint, on a real Azurite, with a stand-in publisher.</summary>
[Collection(ServerCollection.Name)]
public sealed class DisclosureEndToEndTests(ServerFixture fixture)
{
    private readonly DisclosureClient api = new(fixture.Server);

    private BlobContainerClient Published => fixture.Blobs.GetBlobContainerClient(G7Flows.TestPublisher.BlobTestPublisher.Container);

    [Fact]
    public async Task A_disclosure_goes_from_submission_through_every_step_to_publication()
    {
        // Arrange
        string id = await this.api.IntoCommentPeriodAsync(Submission(body: "# Policy\n\nText with <script>alert(1)</script> in it."));

        // Act: a comment, published by staff; the period ends; the approver approves.
        Reply comment = await this.api.CommentAsync(id, "We welcome the publication.");
        Expect(HttpStatusCode.Accepted, comment);
        string commentId = comment.Body.GetProperty("id").GetString()!;
        Expect(HttpStatusCode.OK, await this.api.ModerateAsync(id, commentId, "publish"));
        await this.api.WaitForStatusAsync(id, "FinalApproval");
        Expect(HttpStatusCode.Accepted, await this.api.ReviewAsync(id, "final", "approve"));
        JsonElement published = await this.api.WaitAsync(id, d => d.GetProperty("publicAddress").ValueKind == JsonValueKind.String, "published");

        // Assert
        Assert.Equal("Published", published.GetProperty("status").GetString());
        Assert.Equal($"/api/public/disclosures/{id}", published.GetProperty("publicAddress").GetString());
        Assert.Equal(["security", "human-rights", "final"], published.GetProperty("reviews").EnumerateArray().Select(r => r.GetProperty("step").GetString()));
        JsonElement document = JsonDocument.Parse((await this.Published.GetBlobClient($"{id}.json").DownloadContentAsync()).Value.Content.ToString()).RootElement;
        Assert.Equal(id, document.GetProperty("id").GetString());
        Assert.Contains("<script>", document.GetProperty("bodyMarkdown").GetString(), StringComparison.Ordinal);
        string html = (await this.Published.GetBlobClient($"{id}.html").DownloadContentAsync()).Value.Content.ToString();
        Assert.DoesNotContain("<script>alert(1)</script>", html, StringComparison.Ordinal);
        Assert.Contains("We welcome the publication.", html, StringComparison.Ordinal);
    }
}
