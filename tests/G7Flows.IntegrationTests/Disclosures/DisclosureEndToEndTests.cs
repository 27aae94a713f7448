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

    private BlobContainerClient Published => fixture.Blobs.GetBlobContainerClient(G7Flows.Workflows.Platform.Storage.StorageNames.PublicDisclosuresContainer);

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
        JsonElement document = JsonDocument.Parse((await this.Published.GetBlobClient(G7Flows.Workflows.Disclosures.Publishing.DisclosurePublisher.JsonBlobName(id)).DownloadContentAsync()).Value.Content.ToString()).RootElement;
        Assert.Equal(id, document.GetProperty("id").GetString());
        Assert.Contains("<script>", document.GetProperty("bodyMarkdown").GetString(), StringComparison.Ordinal);
        string html = (await this.Published.GetBlobClient(G7Flows.Workflows.Disclosures.Publishing.DisclosurePublisher.HtmlBlobName(id)).DownloadContentAsync()).Value.Content.ToString();
        Assert.DoesNotContain("<script>alert(1)</script>", html, StringComparison.Ordinal);
        Assert.Contains("We welcome the publication.", html, StringComparison.Ordinal);

        // The document pins the audit chain as it stood when the disclosure was marked published; the chain still holds.
        string pinned = document.GetProperty("auditHeadHash").GetString()!;
        Reply audit = await this.api.SendAsync(HttpMethod.Get, $"/api/disclosures/{id}/audit", Tokens.Staff());
        Expect(HttpStatusCode.OK, audit);
        Assert.True(audit.Body.GetProperty("verification").GetProperty("valid").GetBoolean(), audit.Text);
        JsonElement pinnedEntry = Assert.Single(audit.Body.GetProperty("entries").EnumerateArray(), e => e.GetProperty("hash").GetString() == pinned);
        JsonElement publishedEntry = Assert.Single(audit.Body.GetProperty("entries").EnumerateArray(), e => e.GetProperty("action").GetString() == "published");
        Assert.True(publishedEntry.GetProperty("sequence").GetInt64() > pinnedEntry.GetProperty("sequence").GetInt64());
        Assert.Contains(pinned, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_blocking_finding_sends_it_back_before_review_and_a_clean_revision_is_screened_again()
    {
        // Arrange
        string id = await this.api.SubmitAsync(Submission(body: "SECRET//NOFORN\n\nContact desk.officer@defense.gouv.fr about the annex."));

        // Act
        JsonElement sentBack = await this.api.WaitForStatusAsync(id, "ChangesRequested");

        // Assert: findings with masked excerpts; nobody was asked to review.
        JsonElement[] findings = [.. sentBack.GetProperty("findings").EnumerateArray()];
        Assert.Contains(findings, f => f.GetProperty("kind").GetString() == "classification-marking" && f.GetProperty("severity").GetString() == "blocking");
        Assert.Contains(findings, f => f.GetProperty("kind").GetString() == "email-address");
        Assert.DoesNotContain(findings, f => f.GetProperty("excerpt").GetString()!.Contains("desk.officer", StringComparison.Ordinal));
        Assert.Empty(sentBack.GetProperty("reviews").EnumerateArray());
        Assert.DoesNotContain(await this.InboxAsync(Tokens.SecurityReviewer("FR")), t => t == id);

        // Act: a clean revision.
        Expect(HttpStatusCode.Accepted, await this.api.ReviseAsync(id, "# Policy\n\nThe annex is withdrawn."));
        JsonElement screened = await this.api.WaitForStatusAsync(id, "SecurityReview");

        // Assert
        Assert.Equal(2, screened.GetProperty("revision").GetInt32());
        Assert.Empty(screened.GetProperty("findings").EnumerateArray());
        Assert.Equal([true, false], screened.GetProperty("revisions").EnumerateArray().Select(r => r.GetProperty("blocked").GetBoolean()));
        Assert.Contains(await this.InboxAsync(Tokens.SecurityReviewer("FR")), t => t == id);
    }

    [Theory]
    [InlineData("security")]
    [InlineData("human-rights")]
    public async Task Requested_changes_return_it_to_the_submitter_and_review_starts_again_at_security(string step)
    {
        // Arrange
        string id = await this.api.SubmitAsync(Submission());
        await this.api.WaitForStatusAsync(id, "SecurityReview");
        if (step == "human-rights")
        {
            Expect(HttpStatusCode.Accepted, await this.api.ReviewAsync(id, "security", "approve"));
            await this.api.WaitForStatusAsync(id, "HumanRightsReview");
        }

        // Act
        Expect(HttpStatusCode.Accepted, await this.api.ReviewAsync(id, step, "request-changes", "Name the units concerned."));
        await this.api.WaitForStatusAsync(id, "ChangesRequested");
        Reply early = await this.api.ReviewAsync(id, step, "approve");
        Expect(HttpStatusCode.Accepted, await this.api.ReviseAsync(id, "# Policy\n\nThe units concerned are named."));
        JsonElement again = await this.api.WaitForStatusAsync(id, "SecurityReview");

        // Assert
        Assert.Equal(HttpStatusCode.Conflict, early.Status);
        Assert.Equal(2, again.GetProperty("revision").GetInt32());
        Assert.Equal("security", again.GetProperty("currentStep").GetString());
        Assert.Equal(1, again.GetProperty("changeRequests").GetInt32());
        Assert.Equal(HttpStatusCode.Conflict, (await this.api.ReviseAsync(id, "# A third text")).Status);
    }

    [Theory]
    [InlineData("security")]
    [InlineData("human-rights")]
    [InlineData("final")]
    public async Task A_rejection_at_any_step_ends_it_unpublished_with_no_task_left(string step)
    {
        // Arrange
        string id = step == "final" ? await this.api.IntoCommentPeriodAsync(Submission()) : await this.api.SubmitAsync(Submission());
        string status = step switch { "security" => "SecurityReview", "human-rights" => "HumanRightsReview", _ => "FinalApproval" };
        if (step == "human-rights")
        {
            await this.api.WaitForStatusAsync(id, "SecurityReview");
            Expect(HttpStatusCode.Accepted, await this.api.ReviewAsync(id, "security", "approve"));
        }

        await this.api.WaitForStatusAsync(id, status);

        // Act
        Expect(HttpStatusCode.Accepted, await this.api.ReviewAsync(id, step, "reject", "Not suitable for release."));
        JsonElement rejected = await this.api.WaitForStatusAsync(id, "Rejected");

        // Assert
        Assert.Contains("Not suitable for release.", rejected.GetProperty("outcomeReason").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, (await this.api.WithdrawAsync(id)).Status);
        Assert.DoesNotContain(await this.InboxAsync(DisclosureClient.TokenFor(step)), t => t == id);
        Assert.False(await this.Published.GetBlobClient(G7Flows.Workflows.Disclosures.Publishing.DisclosurePublisher.JsonBlobName(id)).ExistsAsync());
    }

    [Fact]
    public async Task Comments_are_moderated_a_late_one_is_refused_and_only_published_ones_go_public()
    {
        // Arrange
        string id = await this.api.IntoCommentPeriodAsync(Submission(commentPeriod: "PT12S"));

        // Act
        Reply kept = await this.api.CommentAsync(id, "The figures should be broken down by service.");
        Reply dropped = await this.api.CommentAsync(id, "Off-topic advertising.", org: "Spam Inc");
        Expect(HttpStatusCode.Accepted, kept);
        Expect(HttpStatusCode.Accepted, dropped);
        string keptId = kept.Body.GetProperty("id").GetString()!;
        string droppedId = dropped.Body.GetProperty("id").GetString()!;
        Expect(HttpStatusCode.OK, await this.api.ModerateAsync(id, keptId, "publish"));
        Expect(HttpStatusCode.OK, await this.api.ModerateAsync(id, droppedId, "reject", "Advertising."));
        Reply twice = await this.api.ModerateAsync(id, droppedId, "publish");
        JsonElement ended = await this.api.WaitForStatusAsync(id, "FinalApproval");
        Reply late = await this.api.CommentAsync(id, "One more thing.");

        // Assert
        Assert.Equal(HttpStatusCode.Conflict, twice.Status);
        Assert.Equal(HttpStatusCode.Conflict, late.Status);
        Assert.Equal("https://g7flows.dev/problems/comment-period-closed", late.Problem);
        JsonElement[] forStaff = [.. ended.GetProperty("comments").EnumerateArray()];
        Assert.Equal(["published", "rejected"], forStaff.Select(c => c.GetProperty("moderation").GetString()).Order());
        JsonElement forApprover = (await this.api.GetAsync(id, Tokens.Approver("FR"))).Body;
        Assert.Equal(2, forApprover.GetProperty("comments").GetArrayLength());
        JsonElement forSecurity = (await this.api.GetAsync(id, Tokens.SecurityReviewer("FR"))).Body;
        Assert.Equal([keptId], forSecurity.GetProperty("comments").EnumerateArray().Select(c => c.GetProperty("id").GetString()));
        Expect(HttpStatusCode.Accepted, await this.api.ReviewAsync(id, "final", "approve"));
        await this.api.WaitAsync(id, d => d.GetProperty("publicAddress").ValueKind == JsonValueKind.String, "published");
        JsonElement document = JsonDocument.Parse((await this.Published.GetBlobClient(G7Flows.Workflows.Disclosures.Publishing.DisclosurePublisher.JsonBlobName(id)).DownloadContentAsync()).Value.Content.ToString()).RootElement;
        Assert.Equal([keptId], document.GetProperty("comments").EnumerateArray().Select(c => c.GetProperty("id").GetString()));
        var trail = new List<Azure.Data.Tables.TableEntity>();
        await foreach (var entry in fixture.Tables.GetTableClient("AuditTrail").QueryAsync<Azure.Data.Tables.TableEntity>(e => e.PartitionKey == id))
        {
            trail.Add(entry);
        }

        Assert.Contains(trail, e => e.GetString("Action") == "comment-rejected" && e.GetString("Detail")!.Contains("Off-topic advertising.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Final_approval_waits_for_every_comment_to_be_moderated()
    {
        // Arrange
        string id = await this.api.IntoCommentPeriodAsync(Submission());
        Reply first = await this.api.CommentAsync(id, "First remark.");
        Reply second = await this.api.CommentAsync(id, "Second remark.", org: "Peace Research Institute");
        await this.api.WaitForStatusAsync(id, "FinalApproval");

        // Act
        Reply blocked = await this.api.ReviewAsync(id, "final", "approve");
        Expect(HttpStatusCode.OK, await this.api.ModerateAsync(id, first.Body.GetProperty("id").GetString()!, "publish"));
        Reply stillBlocked = await this.api.ReviewAsync(id, "final", "approve");
        Expect(HttpStatusCode.OK, await this.api.ModerateAsync(id, second.Body.GetProperty("id").GetString()!, "reject", "Duplicate."));
        Reply approved = await this.api.ReviewAsync(id, "final", "approve");

        // Assert
        Assert.Equal(HttpStatusCode.Conflict, blocked.Status);
        Assert.Equal(2, blocked.Body.GetProperty("pendingComments").GetInt32());
        Assert.Equal(1, stillBlocked.Body.GetProperty("pendingComments").GetInt32());
        Expect(HttpStatusCode.Accepted, approved);
        await this.api.WaitForStatusAsync(id, "Published");
    }

    [Fact]
    public async Task An_embargo_holds_publication_until_its_time_and_staff_may_withdraw_during_it()
    {
        // Arrange: two disclosures under the same embargo.
        string embargo = DateTimeOffset.UtcNow.AddSeconds(40).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        Task<string> keptTask = this.ApprovedAsync(Submission(embargoUntil: embargo, title: "Kept"));
        Task<string> withdrawnTask = this.ApprovedAsync(Submission(embargoUntil: embargo, title: "Withdrawn"));
        string kept = await keptTask;
        string withdrawn = await withdrawnTask;
        await this.api.WaitForStatusAsync(kept, "Embargoed");
        await this.api.WaitForStatusAsync(withdrawn, "Embargoed");

        // Act
        Assert.False(await this.Published.GetBlobClient(G7Flows.Workflows.Disclosures.Publishing.DisclosurePublisher.JsonBlobName(kept)).ExistsAsync());
        Expect(HttpStatusCode.Accepted, await this.api.WithdrawAsync(withdrawn, "The delegation asked for more time."));
        JsonElement published = await this.api.WaitAsync(kept, d => d.GetProperty("publicAddress").ValueKind == JsonValueKind.String, "published", TimeSpan.FromSeconds(90));
        JsonElement after = (await this.api.GetAsync(withdrawn)).Body;

        // Assert
        DateTimeOffset publishedAt = published.GetProperty("publishedAt").GetDateTimeOffset();
        Assert.True(publishedAt >= DateTimeOffset.Parse(embargo, System.Globalization.CultureInfo.InvariantCulture), $"Published at {publishedAt:O}, before the embargo {embargo}.");
        Assert.True(await this.Published.GetBlobClient(G7Flows.Workflows.Disclosures.Publishing.DisclosurePublisher.JsonBlobName(kept)).ExistsAsync());
        Assert.Equal("Withdrawn", after.GetProperty("status").GetString());
        Assert.False(await this.Published.GetBlobClient(G7Flows.Workflows.Disclosures.Publishing.DisclosurePublisher.JsonBlobName(withdrawn)).ExistsAsync());
        Assert.Equal(HttpStatusCode.Conflict, (await this.api.WithdrawAsync(kept)).Status);
    }

    [Fact]
    public async Task A_military_expenditure_disclosure_shows_its_computed_figures_from_submission_on()
    {
        // Arrange
        var expenditure = new
        {
            year = 2025,
            currency = "EUR",
            gdp = 3_000_000_000_000m,
            amounts = new
            {
                personnel = new { land = 20_000_000_000m, air = 10_000_000_000m },
                operationsAndMaintenance = new { naval = 12_000_000_000m },
                procurementAndConstruction = new { air = 12_000_000_000m, naval = 4_000_000_000m },
                researchAndDevelopment = new { strategic = 2_000_000_000m },
            },
        };

        // Act
        Reply badCurrency = await this.api.SendAsync(HttpMethod.Post, "/api/disclosures", Tokens.Staff(),
            Submission(kind: "military-expenditure", expenditure: expenditure with { currency = "USD" }));
        string id = await this.api.SubmitAsync(Submission(kind: "military-expenditure", expenditure: expenditure));
        JsonElement got = (await this.api.GetAsync(id)).Body;

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, badCurrency.Status);
        Assert.True(badCurrency.Body.GetProperty("errors").TryGetProperty("expenditure.currency", out _));
        JsonElement figures = got.GetProperty("expenditure");
        Assert.Equal(60_000_000_000m, figures.GetProperty("total").GetDecimal());
        Assert.Equal(0.02m, figures.GetProperty("shareOfGdp").GetDecimal());
        Assert.Equal(0.3m, figures.GetProperty("equipmentShare").GetDecimal());
        Assert.True(figures.GetProperty("meetsGdpGuideline").GetBoolean());
        Assert.True(figures.GetProperty("meetsEquipmentGuideline").GetBoolean());
        Assert.Equal(30_000_000_000m, figures.GetProperty("totalsByCategory").GetProperty("personnel").GetDecimal());
    }

    [Fact]
    public async Task Answers_are_taken_once_by_the_right_reviewer_for_the_current_step()
    {
        // Arrange
        string id = await this.api.SubmitAsync(Submission());
        await this.api.WaitForStatusAsync(id, "SecurityReview");

        // Act
        Reply wrongNation = await this.api.ReviewAsync(id, "security", "approve", token: Tokens.SecurityReviewer("DE"));
        Reply wrongRole = await this.api.ReviewAsync(id, "security", "approve", token: Tokens.Approver("FR"));
        Reply outOfStep = await this.api.ReviewAsync(id, "human-rights", "approve");
        Reply unknownStep = await this.api.SendAsync(HttpMethod.Post, $"/api/disclosures/{id}/reviews/legal", Tokens.SecurityReviewer("FR"), new { decision = "approve" });
        Reply first = await this.api.ReviewAsync(id, "security", "approve", "Fine.");
        Reply again = await this.api.ReviewAsync(id, "security", "approve", "Fine.");
        Reply changed = await this.api.ReviewAsync(id, "security", "reject", "On reflection, no.");
        Reply civilBeforeComment = await this.api.GetAsync(id, Tokens.CivilSociety("Open Budget Watch"));

        // Assert
        Assert.Equal(HttpStatusCode.Forbidden, wrongNation.Status);
        Assert.Equal(HttpStatusCode.Forbidden, wrongRole.Status);
        Assert.Equal(HttpStatusCode.Conflict, outOfStep.Status);
        Assert.Equal(HttpStatusCode.NotFound, unknownStep.Status);
        Assert.Equal(HttpStatusCode.Accepted, first.Status);
        Assert.Equal(HttpStatusCode.Accepted, again.Status);
        Assert.Equal(first.Body.GetProperty("reviewedAt").GetString(), again.Body.GetProperty("reviewedAt").GetString());
        Assert.Equal(HttpStatusCode.Conflict, changed.Status);
        Assert.Equal(HttpStatusCode.Forbidden, civilBeforeComment.Status);
        JsonElement moved = await this.api.WaitForStatusAsync(id, "HumanRightsReview");
        Assert.Single(moved.GetProperty("reviews").EnumerateArray());
    }

    [Fact]
    public async Task One_inbox_holds_each_reviewer_kinds_tasks_with_due_times_and_the_route_to_act()
    {
        // Arrange
        string id = await this.api.SubmitAsync(Submission(nation: "DE", body: "# Verteidigungspolitik\n\nDer Haushalt steigt."));
        await this.api.WaitForStatusAsync(id, "SecurityReview");

        // Act: the status changes when screening ends; the step (and its task) opens in the workflow's next activity.
        Reply inbox = await this.api.SendAsync(HttpMethod.Get, "/api/tasks", Tokens.SecurityReviewer("DE"));
        for (DateTime giveUp = DateTime.UtcNow.AddSeconds(30); !HasTask(inbox, id) && DateTime.UtcNow < giveUp;)
        {
            await Task.Delay(100);
            inbox = await this.api.SendAsync(HttpMethod.Get, "/api/tasks", Tokens.SecurityReviewer("DE"));
        }

        Reply otherNation = await this.api.SendAsync(HttpMethod.Get, "/api/tasks", Tokens.SecurityReviewer("FR"));
        Reply civil = await this.api.SendAsync(HttpMethod.Get, "/api/tasks", Tokens.CivilSociety("Open Budget Watch"));

        // Assert
        JsonElement task = Assert.Single(inbox.Body.GetProperty("items").EnumerateArray(), t => t.GetProperty("id").GetString() == id);
        Assert.Equal("disclosure", task.GetProperty("workflow").GetString());
        Assert.Equal("security", task.GetProperty("step").GetString());
        Assert.Equal($"POST /api/disclosures/{id}/reviews/security", task.GetProperty("act").GetString());
        Assert.True(task.GetProperty("due").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddDays(4));
        Assert.DoesNotContain(otherNation.Body.GetProperty("items").EnumerateArray(), t => t.GetProperty("id").GetString() == id);
        Assert.Equal(HttpStatusCode.Forbidden, civil.Status);
    }

    private static bool HasTask(Reply inbox, string id) =>
        inbox.Status == HttpStatusCode.OK && inbox.Body.GetProperty("items").EnumerateArray().Any(t => t.GetProperty("id").GetString() == id);

    private async Task<string> ApprovedAsync(Dictionary<string, object?> submission)
    {
        string id = await this.api.IntoCommentPeriodAsync(submission);
        await this.api.WaitForStatusAsync(id, "FinalApproval");
        Expect(HttpStatusCode.Accepted, await this.api.ReviewAsync(id, "final", "approve"));
        return id;
    }

    private async Task<IReadOnlyList<string?>> InboxAsync(string token)
    {
        Reply reply = await this.api.SendAsync(HttpMethod.Get, "/api/tasks", token);
        Expect(HttpStatusCode.OK, reply);
        return [.. reply.Body.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetString())];
    }
}
