using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using G7Flows.IntegrationTests.Infrastructure;
using G7Flows.Workflows.Platform.Storage;
using G7Flows.Workflows.Reports.Facts;
using Xunit;

namespace G7Flows.IntegrationTests.Reports;

/// <summary>Reports through the server's real HTTP endpoint, on a real Azurite: from consultations to published figures.</summary>
[Collection(ServerCollection.Name)]
public sealed class ReportEndToEndTests(ServerFixture fixture)
{
    private readonly Api api = fixture.Api;

    private FactStore Facts => new(StorageClients.FromConnectionString(fixture.Azurite.ConnectionString));

    private BlobContainerClient Reports => fixture.Blobs.GetBlobContainerClient(StorageNames.ReportsContainer);

    private static object Proposal(string kind, string rule, string[] participants, string window = "PT2M") => new
    {
        title = $"<b>{kind}</b> & \"co\"",
        kind,
        summary = "For the report.",
        proposer = participants[0],
        participants,
        rule,
        responseWindow = window,
        reminders = Array.Empty<string>(),
    };

    [Fact]
    public async Task Consultations_run_through_the_api_become_the_figures_of_their_periods_report_in_json_csv_and_html()
    {
        // Arrange: four consultations, one per outcome.
        string adopted = await this.api.StartAsync(Proposal("joint-exercise", "unanimity", ["FR", "DE", "IT"]));
        string rejected = await this.api.StartAsync(Proposal("information-sharing", "silence", ["FR", "JP"]));
        string expired = await this.api.StartAsync(Proposal("mutual-defence", "unanimity", ["FR", "DE"], "PT10S"));
        string withdrawn = await this.api.StartAsync(Proposal("policy-coordination", "unanimity", ["FR", "GB"]));
        await this.api.RespondAsync(adopted, "FR", "approve");
        await this.api.RespondAsync(adopted, "DE", "abstain");
        await this.api.RespondAsync(adopted, "IT", "approve");
        await this.api.RespondAsync(rejected, "JP", "object");
        await this.api.RespondAsync(expired, "FR", "approve");
        Assert.Equal(HttpStatusCode.Accepted, (await this.api.SendAsync(HttpMethod.Post, $"/api/consultations/{withdrawn}/withdraw", Tokens.Staff(), new { reason = "Superseded." })).Status);
        foreach (string id in new[] { adopted, rejected, expired, withdrawn })
        {
            await this.api.WaitForRecordAsync(id, TimeSpan.FromSeconds(60));
        }

        // The close wrote one fact per consultation; a period that has ended is needed for a report, so the four are
        // filed into March 2025 (as the demo data does), which no other test uses.
        string month = FactStore.MonthOf(DateTimeOffset.UtcNow);
        var march = new DateTimeOffset(2025, 3, 14, 12, 0, 0, TimeSpan.Zero);
        var facts = new Dictionary<string, ConsultationFact>();
        foreach (string id in new[] { adopted, rejected, expired, withdrawn })
        {
            await WaitForFactAsync(this.Facts, month, id);
            facts[id] = (await this.Facts.RefileConsultationAsync(id, month, march))!;
        }

        Assert.Equal("Adopted", facts[adopted].Outcome);
        Assert.All(facts[adopted].Answers, a => Assert.Equal(AnswerTimings.OnTime, a.Timing));
        Assert.Equal([("FR", AnswerTimings.Silent), ("JP", AnswerTimings.OnTime)], facts[rejected].Answers.Select(a => (a.Nation, a.Timing)));
        Assert.Equal([("FR", AnswerTimings.OnTime), ("DE", AnswerTimings.Silent)], facts[expired].Answers.Select(a => (a.Nation, a.Timing)));

        // Act
        Reply started = await this.api.RequestAsync("2025-03");
        JsonElement report = await this.api.WaitForReportAsync(fixture.Server, "2025-03");

        // Assert: the answer to the request.
        Assert.Equal(HttpStatusCode.Accepted, started.Status);
        Assert.Equal("/api/public/reports/2025-03", started.Location?.ToString());
        Assert.Equal("report-2025-03", started.Body.GetProperty("instanceId").GetString());

        // Assert: the figures are what was done.
        Assert.Equal((1, "2025-03", 4), (report.GetProperty("schemaVersion").GetInt32(), report.GetProperty("period").GetString(), report.GetProperty("factsRead").GetInt32()));
        JsonElement overall = report.GetProperty("overall");
        Assert.Equal(4, overall.GetProperty("consultations").GetProperty("held").GetInt32());
        JsonElement outcomes = overall.GetProperty("consultations").GetProperty("byOutcome");
        Assert.Equal((1, 1, 1, 1), (outcomes.GetProperty("adopted").GetInt32(), outcomes.GetProperty("rejected").GetInt32(), outcomes.GetProperty("expired").GetInt32(), outcomes.GetProperty("withdrawn").GetInt32()));
        Assert.Equal(1, overall.GetProperty("consultations").GetProperty("exercisesAgreed").GetInt32());
        JsonElement responses = overall.GetProperty("responses");
        Assert.Equal((9, 5, 0, 4), (responses.GetProperty("asked").GetInt32(), responses.GetProperty("onTime").GetInt32(), responses.GetProperty("late").GetInt32(), responses.GetProperty("silent").GetInt32()));
        JsonElement fr = report.GetProperty("nations").EnumerateArray().Single(n => n.GetProperty("nation").GetString() == "FR");
        Assert.Equal(4, fr.GetProperty("consultations").GetProperty("held").GetInt32());
        Assert.Equal((2, 2), (fr.GetProperty("responses").GetProperty("onTime").GetInt32(), fr.GetProperty("responses").GetProperty("silent").GetInt32()));
        Assert.Equal(0, report.GetProperty("nations").EnumerateArray().Single(n => n.GetProperty("nation").GetString() == "CA").GetProperty("consultations").GetProperty("held").GetInt32());
        Assert.Equal(adopted, Assert.Single(report.GetProperty("agreed").EnumerateArray()).GetProperty("consultationId").GetString());

        // Assert: CSV and HTML by Accept, the same figures; the title escaped.
        Reply csv = await this.api.ReadAsync("2025-03", "text/csv");
        Assert.Equal("text/csv; charset=utf-8", csv.ContentType);
        Assert.Contains("2025-03,ALL,consultations,held,4\r\n", csv.Text, StringComparison.Ordinal);
        Reply html = await this.api.ReadAsync("2025-03", "text/html");
        Assert.Equal("text/html; charset=utf-8", html.ContentType);
        Assert.Contains("&lt;b&gt;joint-exercise&lt;/b&gt; &amp; &quot;co&quot;", html.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>joint-exercise", html.Text, StringComparison.Ordinal);

        // Assert: three write-once blobs with their SHA-256, and the index.
        foreach (string format in new[] { "json", "csv", "html" })
        {
            BlobClient blob = this.Reports.GetBlobClient($"2025-03/report.{format}");
            BlobDownloadResult content = (await blob.DownloadContentAsync()).Value;
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content.Content.ToArray())), content.Details.Metadata["sha256"]);
        }

        // Asking again answers with the published report.
        Reply again = await this.api.RequestAsync("2025-03");
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal("published", again.Body.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Concurrent_requests_for_one_period_give_one_report_that_is_never_overwritten()
    {
        // Arrange: 300 facts seeded directly into April 2025.
        var april = new DateTimeOffset(2025, 4, 10, 0, 0, 0, TimeSpan.Zero);
        await this.Facts.WriteBatchAsync(Enumerable.Range(0, 300).Select(i => FactStore.ToEntity(new ConsultationFact(
            $"seeded-{i:D4}", $"Seeded {i}", i % 2 == 0 ? "joint-exercise" : "mutual-defence", i % 3 == 0 ? "Rejected" : "Adopted", "FR",
            april, april.AddHours(i), [new NationAnswer("FR", "approve", AnswerTimings.OnTime, 3600 + i), new NationAnswer("DE", null, AnswerTimings.Silent, null)]))));

        // Act: twelve staff requests at once.
        Reply[] replies = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => this.api.RequestAsync("2025-04", Tokens.Staff($"staff{i}@g7.example"))));
        JsonElement report = await this.api.WaitForReportAsync(fixture.Server, "2025-04");
        var first = await this.BlobsOfAsync("2025-04");

        // And twelve more once it is published.
        Reply[] later = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => this.api.RequestAsync("2025-04")));

        // Assert
        Assert.All(replies, r => Assert.Contains(r.Status, new[] { HttpStatusCode.Accepted, HttpStatusCode.OK }));
        Assert.All(later, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        Assert.Equal(300, report.GetProperty("factsRead").GetInt32());
        Assert.Equal(["2025-04/report.csv", "2025-04/report.html", "2025-04/report.json"], first.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(first, await this.BlobsOfAsync("2025-04"));
        Reply index = await this.api.SendAsync(HttpMethod.Get, "/api/public/reports", null);
        Assert.Single(index.Body.GetProperty("items").EnumerateArray(), i => i.GetProperty("period").GetString() == "2025-04");
    }

    [Fact]
    public async Task A_report_is_refused_before_its_period_ends_and_asking_needs_staff()
    {
        // Act
        Reply current = await this.api.RequestAsync(DateTimeOffset.UtcNow.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture));
        Reply anonymous = await this.api.SendAsync(HttpMethod.Post, "/api/reports", null, new { period = "2025-01" });
        Reply reviewer = await this.api.RequestAsync("2025-01", Tokens.Reviewer("FR"));
        Reply unpublished = await this.api.ReadAsync("2024-02");

        // Assert
        Assert.Equal(HttpStatusCode.Conflict, current.Status);
        Assert.EndsWith("/period-not-ended", current.Problem, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.Status);
        Assert.Equal(HttpStatusCode.Forbidden, reviewer.Status);
        Assert.Equal(HttpStatusCode.NotFound, unpublished.Status);
        Assert.Equal("application/problem+json", unpublished.ContentType);
    }

    private static async Task<ConsultationFact?> WaitForFactAsync(FactStore facts, string month, string id)
    {
        for (int i = 0; i < 40; i++)
        {
            if (await facts.GetConsultationAsync(month, id) is { } fact)
            {
                return fact;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"No fact row was written for consultation {id}.");
    }

    private async Task<Dictionary<string, string>> BlobsOfAsync(string period)
    {
        var blobs = new Dictionary<string, string>();
        await foreach (BlobItem item in this.Reports.GetBlobsAsync(new GetBlobsOptions { Prefix = period + "/" }))
        {
            blobs[item.Name] = $"{item.Properties.ETag}|{item.Properties.LastModified:O}";
        }

        return blobs;
    }
}
