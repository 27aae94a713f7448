using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using G7Flows.IntegrationTests.Infrastructure;
using Xunit;

namespace G7Flows.IntegrationTests;

/// <summary>Whole consultations through the server's real HTTP endpoint, on a real Azurite.</summary>
[Collection(ServerCollection.Name)]
public sealed class ConsultationEndToEndTests(ServerFixture fixture)
{
    private readonly Api api = fixture.Api;

    [Fact]
    public async Task Unanimity_adopts_as_soon_as_everyone_approved_or_abstained_and_publishes_the_record()
    {
        // Arrange
        string id = await this.api.StartAsync(Api.Proposal("unanimity", ["FR", "DE", "IT"], "PT2M"));

        // Act
        Assert.Equal(HttpStatusCode.Accepted, (await this.api.RespondAsync(id, "FR", "approve", "Agreed.")).Status);
        Assert.Equal(HttpStatusCode.Accepted, (await this.api.RespondAsync(id, "DE", "abstain")).Status);
        Assert.Equal(HttpStatusCode.Accepted, (await this.api.RespondAsync(id, "IT", "approve")).Status);
        JsonElement closed = await this.api.WaitForRecordAsync(id);

        // Assert
        Assert.Equal("Adopted", closed.GetProperty("status").GetString());
        Assert.All(closed.GetProperty("positions").EnumerateArray(), p => Assert.True(p.GetProperty("counted").GetBoolean()));
        BlobClient blob = fixture.Blobs.GetBlobContainerClient("records").GetBlobClient($"consultations/{id}/record.json");
        var stored = JsonDocument.Parse((await blob.DownloadContentAsync()).Value.Content.ToString()).RootElement;
        Assert.Equal("Adopted", stored.GetProperty("consultation").GetProperty("status").GetString());
        Assert.Equal("Agreed.", stored.GetProperty("consultation").GetProperty("positions")[0].GetProperty("comment").GetString());
        Assert.Equal("application/json", (await blob.GetPropertiesAsync()).Value.ContentType);
        Reply viaApi = await this.api.SendAsync(HttpMethod.Get, $"/api/consultations/{id}/record", Tokens.Reviewer("DE"));
        Assert.Equal(HttpStatusCode.OK, viaApi.Status);
        Assert.Equal(id, viaApi.Body.GetProperty("consultation").GetProperty("id").GetString());
    }

    [Fact]
    public async Task Unanimity_rejects_on_an_objection_without_waiting_for_the_others()
    {
        string id = await this.api.StartAsync(Api.Proposal("unanimity", ["FR", "DE", "IT", "JP"], "PT2M"));

        await this.api.RespondAsync(id, "JP", "object", "Not without a UN mandate.");
        JsonElement closed = await this.api.WaitForRecordAsync(id);

        Assert.Equal("Rejected", closed.GetProperty("status").GetString());
        Assert.Contains("JP", closed.GetProperty("outcome").GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unanimity_expires_at_the_deadline_when_a_nation_is_silent_and_a_late_answer_is_refused()
    {
        string id = await this.api.StartAsync(Api.Proposal("unanimity", ["FR", "DE"], "PT10S"));
        await this.api.RespondAsync(id, "FR", "approve");

        JsonElement closed = await this.api.WaitForRecordAsync(id, TimeSpan.FromSeconds(40));
        Reply late = await this.api.RespondAsync(id, "DE", "approve");

        Assert.Equal("Expired", closed.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, late.Status);
        Assert.EndsWith("consultation-closed", late.Problem, StringComparison.Ordinal);
        Assert.Equal("application/problem+json", late.ContentType);
        JsonElement after = (await this.api.GetAsync(id)).Body;
        Assert.Equal("pending", after.GetProperty("positions")[1].GetProperty("position").GetString());
    }

    [Fact]
    public async Task Silence_procedure_adopts_at_the_deadline_when_nobody_objected()
    {
        string id = await this.api.StartAsync(Api.Proposal("silence", ["GB", "US", "CA"], "PT10S"));
        await this.api.RespondAsync(id, "US", "approve");

        JsonElement closed = await this.api.WaitForRecordAsync(id, TimeSpan.FromSeconds(40));

        Assert.Equal("Adopted", closed.GetProperty("status").GetString());
        Assert.Contains("silent", closed.GetProperty("outcome").GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Silence_is_broken_by_an_objection()
    {
        string id = await this.api.StartAsync(Api.Proposal("silence", ["FR", "DE", "GB"], "PT2M"));

        await this.api.RespondAsync(id, "DE", "object");
        JsonElement closed = await this.api.WaitForRecordAsync(id);

        Assert.Equal("Rejected", closed.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Qualified_majority_adopts_when_the_threshold_is_reached_and_rejects_when_it_cannot_be()
    {
        string adopted = await this.api.StartAsync(Api.Proposal("qualified-majority", ["FR", "DE", "IT", "JP", "GB", "US"], "PT2M", threshold: 0.6));
        string rejected = await this.api.StartAsync(Api.Proposal("qualified-majority", ["FR", "DE", "IT"], "PT2M"));

        foreach (string nation in new[] { "FR", "DE", "IT", "JP" })
        {
            await this.api.RespondAsync(adopted, nation, "approve");
        }

        await this.api.RespondAsync(rejected, "FR", "object");
        await this.api.RespondAsync(rejected, "DE", "abstain");

        JsonElement a = await this.api.WaitForRecordAsync(adopted);
        JsonElement r = await this.api.WaitForRecordAsync(rejected);
        Assert.Equal("Adopted", a.GetProperty("status").GetString());
        Assert.Equal(4, a.GetProperty("requiredApprovals").GetInt32());
        Assert.Equal("Rejected", r.GetProperty("status").GetString());
        Assert.Equal("pending", r.GetProperty("positions")[2].GetProperty("position").GetString());
    }

    [Fact]
    public async Task Withdrawal_closes_the_consultation_and_later_actions_conflict()
    {
        string id = await this.api.StartAsync(Api.Proposal("unanimity", ["FR", "DE", "IT"], "PT2M"));
        await this.api.RespondAsync(id, "FR", "approve");

        Reply withdraw = await this.api.SendAsync(HttpMethod.Post, $"/api/consultations/{id}/withdraw", Tokens.Staff(), new { reason = "Superseded by the Brussels text." });
        JsonElement closed = await this.api.WaitForRecordAsync(id);
        Reply again = await this.api.SendAsync(HttpMethod.Post, $"/api/consultations/{id}/withdraw", Tokens.Staff(), new { reason = "Again." });
        Reply extend = await this.api.SendAsync(HttpMethod.Post, $"/api/consultations/{id}/extend", Tokens.Staff(), new { until = DateTimeOffset.UtcNow.AddDays(8).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture) });
        Reply respond = await this.api.RespondAsync(id, "DE", "approve");

        Assert.Equal(HttpStatusCode.Accepted, withdraw.Status);
        Assert.Equal("Withdrawn", closed.GetProperty("status").GetString());
        Assert.Contains("Brussels", closed.GetProperty("outcome").GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        Assert.Equal(HttpStatusCode.Conflict, extend.Status);
        Assert.Equal(HttpStatusCode.Conflict, respond.Status);
    }

    [Fact]
    public async Task An_extension_moves_the_deadline_so_that_a_response_after_the_first_deadline_counts()
    {
        string id = await this.api.StartAsync(Api.Proposal("unanimity", ["FR", "DE"], "PT10S"));
        await this.api.RespondAsync(id, "FR", "approve");
        DateTimeOffset firstDeadline = (await this.api.GetAsync(id)).Body.GetProperty("deadline").GetDateTimeOffset();

        Reply extend = await this.api.SendAsync(HttpMethod.Post, $"/api/consultations/{id}/extend", Tokens.Staff(), new { until = firstDeadline.AddSeconds(40).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture) });
        await WaitUntilAsync(async () => (await this.api.GetAsync(id)).Body.GetProperty("deadline").GetDateTimeOffset() > firstDeadline);
        TimeSpan untilFirstDeadline = firstDeadline - DateTimeOffset.UtcNow;
        if (untilFirstDeadline > TimeSpan.Zero)
        {
            await Task.Delay(untilFirstDeadline + TimeSpan.FromSeconds(1));
        }

        Reply late = await this.api.RespondAsync(id, "DE", "approve");
        JsonElement closed = await this.api.WaitForRecordAsync(id);

        Assert.Equal(HttpStatusCode.Accepted, extend.Status);
        Assert.Equal(HttpStatusCode.Accepted, late.Status);
        Assert.Equal("Adopted", closed.GetProperty("status").GetString());
        Assert.Equal(1, closed.GetProperty("extensions").GetInt32());
        Assert.Equal(firstDeadline.AddSeconds(40), closed.GetProperty("deadline").GetDateTimeOffset());
    }

    [Fact]
    public async Task The_same_response_twice_gets_the_same_answer_and_a_different_one_conflicts()
    {
        string id = await this.api.StartAsync(Api.Proposal("unanimity", ["FR", "DE", "IT"], "PT2M"));

        Reply first = await this.api.RespondAsync(id, "IT", "approve", "Si.");
        Reply same = await this.api.RespondAsync(id, "IT", "approve", "Si.");
        Reply different = await this.api.RespondAsync(id, "IT", "object", "No.");

        Assert.Equal(HttpStatusCode.Accepted, first.Status);
        Assert.Equal(HttpStatusCode.Accepted, same.Status);
        Assert.Equal(first.Text, same.Text);
        Assert.Equal(HttpStatusCode.Conflict, different.Status);
        Assert.EndsWith("already-answered", different.Problem, StringComparison.Ordinal);
        await this.api.RespondAsync(id, "FR", "approve");
        await this.api.RespondAsync(id, "DE", "approve");
        JsonElement closed = await this.api.WaitForRecordAsync(id);
        Assert.Equal("Adopted", closed.GetProperty("status").GetString());
        TableClient audit = fixture.Tables.GetTableClient("AuditTrail");
        var counted = audit.Query<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {id} and Action eq 'response-counted'")).ToList();
        Assert.Equal(3, counted.Count);
        Assert.Single(counted, e => e.GetString("Nation") == "IT");
    }

    [Fact]
    public async Task A_reviewer_may_not_answer_for_another_nation_nor_read_a_consultation_their_nation_is_not_in()
    {
        string id = await this.api.StartAsync(Api.Proposal("unanimity", ["FR", "DE"], "PT2M"));

        Reply forOther = await this.api.RespondAsync(id, "DE", "approve", token: Tokens.Reviewer("FR"));
        Reply staffForNation = await this.api.RespondAsync(id, "DE", "approve", token: Tokens.Staff());
        Reply outsider = await this.api.GetAsync(id, Tokens.Reviewer("JP"));
        Reply outsiderAnswers = await this.api.RespondAsync(id, "JP", "approve");
        Reply anonymous = await this.api.SendAsync(HttpMethod.Get, $"/api/consultations/{id}", token: null);
        Reply participant = await this.api.GetAsync(id, Tokens.Reviewer("DE"));

        Assert.Equal(HttpStatusCode.Forbidden, forOther.Status);
        Assert.Equal(HttpStatusCode.Forbidden, staffForNation.Status);
        Assert.Equal(HttpStatusCode.Forbidden, outsider.Status);
        Assert.Equal(HttpStatusCode.Forbidden, outsiderAnswers.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.Status);
        Assert.Equal(HttpStatusCode.OK, participant.Status);
        Assert.Equal("pending", participant.Body.GetProperty("positions")[1].GetProperty("position").GetString());
    }

    [Fact]
    public async Task A_reviewer_sees_their_open_tasks_and_answering_removes_one()
    {
        string id = await this.api.StartAsync(Api.Proposal("unanimity", ["EU", "CA"], "PT2M"));
        await WaitUntilAsync(async () => (await this.api.SendAsync(HttpMethod.Get, "/api/tasks", Tokens.Reviewer("EU"))).Text.Contains(id, StringComparison.Ordinal));

        Reply before = await this.api.SendAsync(HttpMethod.Get, "/api/tasks", Tokens.Reviewer("EU"));
        await this.api.RespondAsync(id, "EU", "approve");
        Reply after = await this.api.SendAsync(HttpMethod.Get, "/api/tasks", Tokens.Reviewer("EU"));
        Reply staff = await this.api.SendAsync(HttpMethod.Get, "/api/tasks", Tokens.Staff());

        JsonElement task = before.Body.GetProperty("items").EnumerateArray().Single(t => t.GetProperty("consultationId").GetString() == id);
        Assert.Equal("EU", before.Body.GetProperty("nation").GetString());
        Assert.True(task.GetProperty("due").GetDateTimeOffset() > DateTimeOffset.UtcNow);
        Assert.DoesNotContain(id, after.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, staff.Status);
    }

    [Fact]
    public async Task Reminders_are_stored_as_notifications_for_the_nations_that_have_not_answered()
    {
        string id = await this.api.StartAsync(Api.Proposal("silence", ["GB", "JP", "DE"], "PT12S", reminders: ["PT7S"]));
        await this.api.RespondAsync(id, "GB", "approve");

        await this.api.WaitForRecordAsync(id, TimeSpan.FromSeconds(40));

        TableClient notifications = fixture.Tables.GetTableClient("Notifications");
        var forJapan = notifications.Query<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {"JP"} and ConsultationId eq {id}")).ToList();
        var forBritain = notifications.Query<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {"GB"} and ConsultationId eq {id}")).ToList();
        Assert.Single(forJapan);
        Assert.Equal("reminder", forJapan[0].GetString("Kind"));
        Assert.Empty(forBritain);
    }

    [Fact]
    public async Task An_idempotency_key_returns_the_same_consultation_and_refuses_a_different_body()
    {
        string key = Guid.NewGuid().ToString();
        object proposal = Api.Proposal("silence", ["FR", "IT"], "PT2M", title: "Information-sharing arrangement");
        void WithKey(HttpRequestMessage r) => r.Headers.Add("Idempotency-Key", key);

        Reply first = await this.api.SendAsync(HttpMethod.Post, "/api/consultations", Tokens.Staff(), proposal, WithKey);
        Reply retry = await this.api.SendAsync(HttpMethod.Post, "/api/consultations", Tokens.Staff(), proposal, WithKey);
        Reply other = await this.api.SendAsync(HttpMethod.Post, "/api/consultations", Tokens.Staff(), Api.Proposal("unanimity", ["FR", "IT"]), WithKey);

        Assert.Equal(HttpStatusCode.Accepted, first.Status);
        Assert.Equal(HttpStatusCode.Accepted, retry.Status);
        Assert.Equal(first.Body.GetProperty("id").GetString(), retry.Body.GetProperty("id").GetString());
        Assert.Equal(first.Location, retry.Location);
        Assert.Equal(HttpStatusCode.Conflict, other.Status);
    }

    [Fact]
    public async Task Bad_requests_get_problem_details_and_change_nothing()
    {
        int before = fixture.Tables.GetTableClient("Consultations").Query<TableEntity>().Count();

        Reply invalid = await this.api.SendAsync(HttpMethod.Post, "/api/consultations", Tokens.Staff(), new { title = "", kind = "war", participants = new[] { "FR" }, rule = "majority", responseWindow = "P1Y" });
        Reply notJson = await this.api.SendAsync(HttpMethod.Post, "/api/consultations", Tokens.Staff(), configure: r => r.Content = new StringContent("title=x", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"));
        Reply tooLarge = await this.api.SendAsync(HttpMethod.Post, "/api/consultations", Tokens.Staff(), new string('x', (1024 * 1024) + 10));
        Reply reviewer = await this.api.SendAsync(HttpMethod.Post, "/api/consultations", Tokens.Reviewer("FR"), Api.Proposal());
        Reply unknown = await this.api.GetAsync("abcdefghijklmnopqrstuvwxyz");

        Assert.Equal(HttpStatusCode.BadRequest, invalid.Status);
        foreach (string field in new[] { "title", "kind", "participants", "proposer", "rule", "responseWindow" })
        {
            Assert.True(invalid.Body.GetProperty("errors").TryGetProperty(field, out _), $"no error for {field}: {invalid.Text}");
        }

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, notJson.Status);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.Status);
        Assert.Equal(HttpStatusCode.Forbidden, reviewer.Status);
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.All(new[] { invalid, notJson, tooLarge, reviewer, unknown }, r => Assert.Equal("application/problem+json", r.ContentType));
        Assert.Equal(before, fixture.Tables.GetTableClient("Consultations").Query<TableEntity>().Count());
    }

    [Fact]
    public async Task Staff_list_consultations_newest_first_filtered_by_status_and_nation_with_paging()
    {
        string older = await this.api.StartAsync(Api.Proposal("silence", ["GB", "CA"], "PT2M", title: "Older"));
        string newer = await this.api.StartAsync(Api.Proposal("silence", ["GB", "CA"], "PT2M", title: "Newer"));
        await WaitUntilAsync(async () => (await this.api.SendAsync(HttpMethod.Get, "/api/consultations?nation=CA&status=Open&pageSize=100", Tokens.Staff())).Text.Contains(newer, StringComparison.Ordinal));

        Reply page1 = await this.api.SendAsync(HttpMethod.Get, "/api/consultations?nation=CA&status=Open&pageSize=1", Tokens.Staff());
        string token = page1.Body.GetProperty("continuationToken").GetString()!;
        Reply page2 = await this.api.SendAsync(HttpMethod.Get, $"/api/consultations?nation=CA&status=Open&pageSize=1&continuationToken={Uri.EscapeDataString(token)}", Tokens.Staff());
        Reply otherNation = await this.api.SendAsync(HttpMethod.Get, "/api/consultations?nation=JP&pageSize=100", Tokens.Staff());
        Reply badFilter = await this.api.SendAsync(HttpMethod.Get, "/api/consultations?status=Maybe&nation=XX", Tokens.Staff());

        Assert.Equal(newer, page1.Body.GetProperty("items")[0].GetProperty("id").GetString());
        Assert.Equal(older, page2.Body.GetProperty("items")[0].GetProperty("id").GetString());
        Assert.DoesNotContain(newer, otherNation.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badFilter.Status);
    }

    [Fact]
    public async Task The_html_record_escapes_what_users_wrote()
    {
        string id = await this.api.StartAsync(Api.Proposal("silence", ["FR", "DE"], "PT2M", title: "<script>alert('t')</script> exercise"));
        await this.api.RespondAsync(id, "FR", "approve", "<img src=x onerror=alert(1)>");
        await this.api.RespondAsync(id, "DE", "approve");
        await this.api.WaitForRecordAsync(id);

        Reply html = await this.api.SendAsync(HttpMethod.Get, $"/api/consultations/{id}/record", Tokens.Staff(), configure: r => r.Headers.Accept.ParseAdd("text/html"));

        Assert.Equal(HttpStatusCode.OK, html.Status);
        Assert.StartsWith("text/html", html.ContentType, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html.Text, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html.Text, StringComparison.Ordinal);
    }

    internal static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan? timeout = null)
    {
        DateTime deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The condition did not become true in time.");
            }

            await Task.Delay(200);
        }
    }
}
