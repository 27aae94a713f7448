using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using G7Flows.IntegrationTests.Disclosures;
using G7Flows.IntegrationTests.Infrastructure;
using G7Flows.IntegrationTests.Reports;
using G7Flows.Workflows;
using G7Flows.Workflows.Disclosures.Publishing;
using Xunit;

namespace G7Flows.IntegrationTests.Contract;

/// <summary>
/// The OpenAPI document the server serves, against the server's real answers: every request below is sent over real
/// HTTP to a server on Azurite; each answer's status must be one its operation documents, and its body must match that
/// status's schema (problem details included). Then every documented status of every route must have been seen, so the
/// document claims nothing a handler cannot produce. The one exception is 503 (storage not answering), which every
/// route documents and Faults/StorageOutageTests produces by stopping Azurite.
/// </summary>
public sealed class ContractConformanceTests : IAsyncLifetime
{
    private readonly ServerFixture environment = ServerFixture.WithTaskHub("contract");
    private readonly List<string> failures = [];
    private readonly HashSet<(string Operation, int Status)> seen = [];
    private ContractCheck check = null!;

    public Task InitializeAsync() => this.environment.InitializeAsync();

    public Task DisposeAsync() => this.environment.DisposeAsync();

    [Fact]
    public async Task Every_answer_matches_the_document_and_every_documented_status_is_produced()
    {
        // Arrange: the document as the server serves it, which is the core's.
        Api api = this.environment.Api;
        Reply served = await api.SendAsync(HttpMethod.Get, "/api/openapi/v1.json", null);
        Assert.Equal(HttpStatusCode.OK, served.Status);
        Assert.Equal(WorkflowApiDocument.Text, served.Text);
        this.check = new ContractCheck(JsonNode.Parse(served.Text)!.AsObject());
        this.Check("GetOpenApiDocument", served);

        string staff = Tokens.Staff();
        string admin = Tokens.Admin();
        string fr = Tokens.Reviewer("FR");
        string de = Tokens.Reviewer("DE");
        string jp = Tokens.Reviewer("JP");
        const string unknown = "aaaaaaaaaaaaaaaaaaaaaaaaaa";
        string tooLarge = "{\"reason\":\"" + new string('x', (1024 * 1024) + 10) + "\"}";
        Action<HttpRequestMessage> plainText = r => r.Content = new StringContent("approve", Encoding.UTF8, "text/plain");
        Action<HttpRequestMessage> html = r => r.Headers.Accept.ParseAdd("text/html");
        object proposal = Api.Proposal("unanimity", ["FR", "DE"], "PT2M");

        // Act and assert, route by route.
        this.Check("Health", await api.SendAsync(HttpMethod.Get, "/api/health", null));

        Reply started = await this.Send(api, "StartConsultation", HttpMethod.Post, "/api/consultations", staff, proposal, r => r.Headers.Add("Idempotency-Key", "contract-a"));
        string a = started.Body.GetProperty("id").GetString()!;
        await this.Send(api, "StartConsultation", HttpMethod.Post, "/api/consultations", staff, Api.Proposal("silence", ["FR", "DE"], "PT2M"), r => r.Headers.Add("Idempotency-Key", "contract-a"));
        await this.Send(api, "StartConsultation", HttpMethod.Post, "/api/consultations", staff, new { title = "", kind = "joint-exercise" });
        await this.Send(api, "StartConsultation", HttpMethod.Post, "/api/consultations", null, proposal);
        await this.Send(api, "StartConsultation", HttpMethod.Post, "/api/consultations", fr, proposal);
        await this.Send(api, "StartConsultation", HttpMethod.Post, "/api/consultations", staff, tooLarge);
        await this.Send(api, "StartConsultation", HttpMethod.Post, "/api/consultations", staff, null, plainText);
        string b = (await this.Send(api, "StartConsultation", HttpMethod.Post, "/api/consultations", staff, Api.Proposal("silence", ["FR", "DE", "JP"], "PT2M"))).Body.GetProperty("id").GetString()!;
        string c = (await this.Send(api, "StartConsultation", HttpMethod.Post, "/api/consultations", staff, Api.Proposal("qualified-majority", ["FR", "DE", "IT"], "PT2M", threshold: 0.6))).Body.GetProperty("id").GetString()!;

        await this.Send(api, "ListConsultations", HttpMethod.Get, "/api/consultations?status=Open&nation=FR&pageSize=2", staff);
        await this.Send(api, "ListConsultations", HttpMethod.Get, "/api/consultations?pageSize=0", staff);
        await this.Send(api, "ListConsultations", HttpMethod.Get, "/api/consultations", null);
        await this.Send(api, "ListConsultations", HttpMethod.Get, "/api/consultations", fr);

        await this.Send(api, "GetConsultation", HttpMethod.Get, $"/api/consultations/{c}", staff);
        await this.Send(api, "GetConsultation", HttpMethod.Get, $"/api/consultations/{a}", jp);
        await this.Send(api, "GetConsultation", HttpMethod.Get, $"/api/consultations/{unknown}", staff);
        await this.Send(api, "GetConsultation", HttpMethod.Get, $"/api/consultations/{a}", null);

        await this.Send(api, "ListTasks", HttpMethod.Get, "/api/tasks", fr);
        await this.Send(api, "ListTasks", HttpMethod.Get, "/api/tasks", staff);
        await this.Send(api, "ListTasks", HttpMethod.Get, "/api/tasks", null);

        Reply me = await this.Send(api, "GetMe", HttpMethod.Get, "/api/me", fr);
        Assert.Equal("FR", me.Body.GetProperty("nation").GetString());
        await this.Send(api, "GetMe", HttpMethod.Get, "/api/me", null);

        string respondA = $"/api/consultations/{a}/responses/FR";
        await this.Send(api, "RespondToConsultation", HttpMethod.Post, respondA, fr, new { position = "approve", comment = "Agreed." });
        await this.Send(api, "RespondToConsultation", HttpMethod.Post, respondA, fr, new { position = "object" });
        await this.Send(api, "RespondToConsultation", HttpMethod.Post, $"/api/consultations/{a}/responses/DE", de, new { position = "maybe" });
        await this.Send(api, "RespondToConsultation", HttpMethod.Post, respondA, de, new { position = "approve" });
        await this.Send(api, "RespondToConsultation", HttpMethod.Post, $"/api/consultations/{unknown}/responses/FR", fr, new { position = "approve" });
        await this.Send(api, "RespondToConsultation", HttpMethod.Post, respondA, null, new { position = "approve" });
        await this.Send(api, "RespondToConsultation", HttpMethod.Post, respondA, fr, tooLarge);
        await this.Send(api, "RespondToConsultation", HttpMethod.Post, respondA, fr, null, plainText);
        await this.Send(api, "RespondToConsultation", HttpMethod.Post, $"/api/consultations/{a}/responses/DE", de, new { position = "approve" });
        await api.WaitForRecordAsync(a);

        await this.Send(api, "GetConsultationRecord", HttpMethod.Get, $"/api/consultations/{a}/record", staff);
        Reply page = await api.SendAsync(HttpMethod.Get, $"/api/consultations/{a}/record", staff, configure: html);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.StartsWith("text/html", page.ContentType, StringComparison.Ordinal);
        await this.Send(api, "GetConsultationRecord", HttpMethod.Get, $"/api/consultations/{b}/record", staff);
        await this.Send(api, "GetConsultationRecord", HttpMethod.Get, $"/api/consultations/{a}/record", jp);
        await this.Send(api, "GetConsultationRecord", HttpMethod.Get, $"/api/consultations/{a}/record", null);
        await this.Send(api, "GetConsultationAudit", HttpMethod.Get, $"/api/consultations/{a}/audit", staff);
        await this.Send(api, "GetConsultationAudit", HttpMethod.Get, $"/api/consultations/{a}/audit", fr);
        await this.Send(api, "GetConsultationAudit", HttpMethod.Get, $"/api/consultations/{a}/audit", null);
        await this.Send(api, "GetConsultationAudit", HttpMethod.Get, $"/api/consultations/{unknown}/audit", staff);
        await this.Send(api, "GetConsultation", HttpMethod.Get, $"/api/consultations/{a}", de);

        string until = DateTimeOffset.UtcNow.AddHours(2).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        await this.Send(api, "ExtendConsultation", HttpMethod.Post, $"/api/consultations/{c}/extend", staff, new { until });
        await this.Send(api, "ExtendConsultation", HttpMethod.Post, $"/api/consultations/{c}/extend", staff, new { by = "P1D" });
        await this.Send(api, "ExtendConsultation", HttpMethod.Post, $"/api/consultations/{a}/extend", staff, new { until });
        await this.Send(api, "ExtendConsultation", HttpMethod.Post, $"/api/consultations/{c}/extend", fr, new { until });
        await this.Send(api, "ExtendConsultation", HttpMethod.Post, $"/api/consultations/{unknown}/extend", staff, new { until });
        await this.Send(api, "ExtendConsultation", HttpMethod.Post, $"/api/consultations/{c}/extend", null, new { until });
        await this.Send(api, "ExtendConsultation", HttpMethod.Post, $"/api/consultations/{c}/extend", staff, tooLarge);
        await this.Send(api, "ExtendConsultation", HttpMethod.Post, $"/api/consultations/{c}/extend", staff, null, plainText);

        await this.Send(api, "WithdrawConsultation", HttpMethod.Post, $"/api/consultations/{b}/withdraw", staff, new { reason = "" });
        await this.Send(api, "WithdrawConsultation", HttpMethod.Post, $"/api/consultations/{b}/withdraw", fr, new { reason = "Not needed." });
        await this.Send(api, "WithdrawConsultation", HttpMethod.Post, $"/api/consultations/{unknown}/withdraw", staff, new { reason = "Not needed." });
        await this.Send(api, "WithdrawConsultation", HttpMethod.Post, $"/api/consultations/{a}/withdraw", staff, new { reason = "Not needed." });
        await this.Send(api, "WithdrawConsultation", HttpMethod.Post, $"/api/consultations/{b}/withdraw", null, new { reason = "Not needed." });
        await this.Send(api, "WithdrawConsultation", HttpMethod.Post, $"/api/consultations/{b}/withdraw", staff, tooLarge);
        await this.Send(api, "WithdrawConsultation", HttpMethod.Post, $"/api/consultations/{b}/withdraw", staff, null, plainText);
        await this.Send(api, "WithdrawConsultation", HttpMethod.Post, $"/api/consultations/{b}/withdraw", staff, new { reason = "Superseded by the ministers' meeting." });

        await this.Send(api, "ListConsultationDisagreements", HttpMethod.Get, "/api/admin/consultations/disagreements", admin);
        await this.Send(api, "ListConsultationDisagreements", HttpMethod.Get, "/api/admin/consultations/disagreements", staff);
        await this.Send(api, "ListConsultationDisagreements", HttpMethod.Get, "/api/admin/consultations/disagreements", null);
        await this.Send(api, "RepairConsultations", HttpMethod.Post, "/api/admin/consultations/repair", admin);
        await this.Send(api, "RepairConsultations", HttpMethod.Post, "/api/admin/consultations/repair", staff);
        await this.Send(api, "RepairConsultations", HttpMethod.Post, "/api/admin/consultations/repair", null);
        Reply crossSite = await this.Send(api, "RepairConsultations", HttpMethod.Post, "/api/admin/consultations/repair", admin, configure: r => r.Headers.Add("Sec-Fetch-Site", "cross-site"));
        Assert.Equal(HttpStatusCode.Forbidden, crossSite.Status);

        await this.DisclosuresAsync(api, staff, fr, tooLarge, plainText);
        await this.PublishedDisclosuresAsync(api);
        await this.ReportsAsync(api, staff, fr, tooLarge, plainText);

        // Assert: every answer conformed, and every documented status but 503 was produced.
        Assert.True(this.failures.Count == 0, "Answers that do not match the document:\n" + string.Join("\n", this.failures));
        var unproduced = this.check.Documented.Where(d => d.Status != 503 && !this.seen.Contains(d)).ToList();
        Assert.True(unproduced.Count == 0, "Documented but never produced: " + string.Join(", ", unproduced));
    }

    /// <summary>
    /// The disclosure workflow's routes: a disclosure in security review, one sent back by screening, one rejected, one
    /// in its comment period and a military-expenditure statement; every refusal of every route; and the inbox of
    /// disclosure reviewers.
    /// </summary>
    private async Task DisclosuresAsync(Api api, string staff, string reviewer, string tooLarge, Action<HttpRequestMessage> plainText)
    {
        var client = new DisclosureClient(this.environment.Server);
        string securityFr = Tokens.SecurityReviewer("FR");
        string civil = Tokens.CivilSociety("Open Budget Watch");
        const string unknown = "daaaaaaaaaaaaaaaaaaaaaaaaa";

        Reply submitted = await this.Send(api, "SubmitDisclosure", HttpMethod.Post, "/api/disclosures", staff, DisclosureClient.Submission(), r => r.Headers.Add("Idempotency-Key", "contract-d"));
        DisclosureClient.Expect(HttpStatusCode.Accepted, submitted);
        string reviewed = submitted.Body.GetProperty("id").GetString()!;
        await this.Send(api, "SubmitDisclosure", HttpMethod.Post, "/api/disclosures", staff, DisclosureClient.Submission(title: "Another title"), r => r.Headers.Add("Idempotency-Key", "contract-d"));
        await this.Send(api, "SubmitDisclosure", HttpMethod.Post, "/api/disclosures", staff, DisclosureClient.Submission(kind: "white-paper"));
        await this.Send(api, "SubmitDisclosure", HttpMethod.Post, "/api/disclosures", null, DisclosureClient.Submission());
        await this.Send(api, "SubmitDisclosure", HttpMethod.Post, "/api/disclosures", reviewer, DisclosureClient.Submission());
        await this.Send(api, "SubmitDisclosure", HttpMethod.Post, "/api/disclosures", staff, tooLarge);
        await this.Send(api, "SubmitDisclosure", HttpMethod.Post, "/api/disclosures", staff, null, plainText);
        string blocked = await client.SubmitAsync(DisclosureClient.Submission(body: "SECRET//NOFORN\n\nThe annex.", title: "Sent back by screening"));
        string rejected = await client.SubmitAsync(DisclosureClient.Submission(title: "To be rejected"));
        var expenditure = new
        {
            year = 2025,
            currency = "EUR",
            gdp = 3_000_000_000_000m,
            amounts = new { personnel = new { land = 20_000_000_000m }, procurementAndConstruction = new { air = 12_000_000_000m } },
        };
        string figures = await client.SubmitAsync(DisclosureClient.Submission(nation: "DE", kind: "military-expenditure", expenditure: expenditure, title: "Military expenditure 2025"));

        await this.Send(api, "ListDisclosures", HttpMethod.Get, "/api/disclosures?nation=FR&pageSize=2", staff);
        await this.Send(api, "ListDisclosures", HttpMethod.Get, "/api/disclosures?status=Drafting", staff);
        await this.Send(api, "ListDisclosures", HttpMethod.Get, "/api/disclosures", null);
        await this.Send(api, "ListDisclosures", HttpMethod.Get, "/api/disclosures", reviewer);

        await client.WaitForStatusAsync(reviewed, "SecurityReview");
        string review = $"/api/disclosures/{reviewed}/reviews/security";
        DisclosureClient.Expect(HttpStatusCode.Accepted, await this.Send(api, "ReviewDisclosure", HttpMethod.Post, review, securityFr, new { decision = "approve" }));
        await this.Send(api, "ReviewDisclosure", HttpMethod.Post, review, securityFr, new { decision = "reject", comment = "Changed my mind." });
        await this.Send(api, "ReviewDisclosure", HttpMethod.Post, review, securityFr, new { decision = "maybe" });
        await this.Send(api, "ReviewDisclosure", HttpMethod.Post, $"/api/disclosures/{reviewed}/reviews/legal", securityFr, new { decision = "approve" });
        await this.Send(api, "ReviewDisclosure", HttpMethod.Post, $"/api/disclosures/{unknown}/reviews/security", securityFr, new { decision = "approve" });
        await this.Send(api, "ReviewDisclosure", HttpMethod.Post, review, null, new { decision = "approve" });
        await this.Send(api, "ReviewDisclosure", HttpMethod.Post, review, Tokens.SecurityReviewer("DE"), new { decision = "approve" });
        await this.Send(api, "ReviewDisclosure", HttpMethod.Post, review, securityFr, tooLarge);
        await this.Send(api, "ReviewDisclosure", HttpMethod.Post, review, securityFr, null, plainText);

        await client.WaitForStatusAsync(blocked, "ChangesRequested");
        DisclosureClient.Expect(HttpStatusCode.OK, await this.Send(api, "GetDisclosure", HttpMethod.Get, $"/api/disclosures/{blocked}", staff));
        DisclosureClient.Expect(HttpStatusCode.OK, await this.Send(api, "GetDisclosure", HttpMethod.Get, $"/api/disclosures/{figures}", staff));
        DisclosureClient.Expect(HttpStatusCode.OK, await this.Send(api, "GetDisclosure", HttpMethod.Get, $"/api/disclosures/{reviewed}", securityFr));
        await this.Send(api, "GetDisclosure", HttpMethod.Get, $"/api/disclosures/{reviewed}", null);
        await this.Send(api, "GetDisclosure", HttpMethod.Get, $"/api/disclosures/{reviewed}", reviewer);
        await this.Send(api, "GetDisclosure", HttpMethod.Get, $"/api/disclosures/{unknown}", staff);
        await this.Send(api, "GetDisclosureAudit", HttpMethod.Get, $"/api/disclosures/{reviewed}/audit", staff);
        await this.Send(api, "GetDisclosureAudit", HttpMethod.Get, $"/api/disclosures/{reviewed}/audit", reviewer);
        await this.Send(api, "GetDisclosureAudit", HttpMethod.Get, $"/api/disclosures/{reviewed}/audit", null);
        await this.Send(api, "GetDisclosureAudit", HttpMethod.Get, $"/api/disclosures/{unknown}/audit", staff);

        string revise = $"/api/disclosures/{blocked}/revisions";
        await this.Send(api, "ReviseDisclosure", HttpMethod.Post, revise, staff, new { body = "" });
        DisclosureClient.Expect(HttpStatusCode.Accepted, await this.Send(api, "ReviseDisclosure", HttpMethod.Post, revise, staff, new { body = "# Policy\n\nThe annex is withdrawn." }));
        await this.Send(api, "ReviseDisclosure", HttpMethod.Post, $"/api/disclosures/{reviewed}/revisions", staff, new { body = "# Another text" });
        await this.Send(api, "ReviseDisclosure", HttpMethod.Post, $"/api/disclosures/{unknown}/revisions", staff, new { body = "# Another text" });
        await this.Send(api, "ReviseDisclosure", HttpMethod.Post, revise, null, new { body = "# Another text" });
        await this.Send(api, "ReviseDisclosure", HttpMethod.Post, revise, reviewer, new { body = "# Another text" });
        await this.Send(api, "ReviseDisclosure", HttpMethod.Post, revise, staff, tooLarge);
        await this.Send(api, "ReviseDisclosure", HttpMethod.Post, revise, staff, null, plainText);

        string diff = $"/api/disclosures/{blocked}/revisions/2/diff";
        DisclosureClient.Expect(HttpStatusCode.OK, await this.Send(api, "DiffDisclosureRevisions", HttpMethod.Get, diff, staff));
        DisclosureClient.Expect(HttpStatusCode.OK, await this.Send(api, "DiffDisclosureRevisions", HttpMethod.Get, diff + "?from=0", staff));
        await this.Send(api, "DiffDisclosureRevisions", HttpMethod.Get, diff + "?from=9", staff);
        await this.Send(api, "DiffDisclosureRevisions", HttpMethod.Get, $"/api/disclosures/{blocked}/revisions/3/diff", staff);
        await this.Send(api, "DiffDisclosureRevisions", HttpMethod.Get, $"/api/disclosures/{unknown}/revisions/1/diff", staff);
        await this.Send(api, "DiffDisclosureRevisions", HttpMethod.Get, diff, null);
        await this.Send(api, "DiffDisclosureRevisions", HttpMethod.Get, diff, reviewer);

        await client.WaitForStatusAsync(rejected, "SecurityReview");
        DisclosureClient.Expect(HttpStatusCode.Accepted, await client.ReviewAsync(rejected, "security", "reject", "Not suitable for release."));
        await client.WaitForStatusAsync(rejected, "Rejected");
        string withdraw = $"/api/disclosures/{blocked}/withdraw";
        await this.Send(api, "WithdrawDisclosure", HttpMethod.Post, withdraw, staff, new { reason = "" });
        DisclosureClient.Expect(HttpStatusCode.Accepted, await this.Send(api, "WithdrawDisclosure", HttpMethod.Post, withdraw, staff, new { reason = "Superseded by the white paper." }));
        await this.Send(api, "WithdrawDisclosure", HttpMethod.Post, $"/api/disclosures/{rejected}/withdraw", staff, new { reason = "Superseded." });
        await this.Send(api, "WithdrawDisclosure", HttpMethod.Post, $"/api/disclosures/{unknown}/withdraw", staff, new { reason = "Superseded." });
        await this.Send(api, "WithdrawDisclosure", HttpMethod.Post, withdraw, null, new { reason = "Superseded." });
        await this.Send(api, "WithdrawDisclosure", HttpMethod.Post, withdraw, reviewer, new { reason = "Superseded." });
        await this.Send(api, "WithdrawDisclosure", HttpMethod.Post, withdraw, staff, tooLarge);
        await this.Send(api, "WithdrawDisclosure", HttpMethod.Post, withdraw, staff, null, plainText);

        string open = await client.IntoCommentPeriodAsync(DisclosureClient.Submission(commentPeriod: "PT10M", title: "Open for comment"));
        string comment = $"/api/disclosures/{open}/comments";
        Reply posted = await this.Send(api, "CommentOnDisclosure", HttpMethod.Post, comment, civil, new { text = "The figures should be broken down by service." });
        DisclosureClient.Expect(HttpStatusCode.Accepted, posted);
        string commentId = posted.Body.GetProperty("id").GetString()!;
        await this.Send(api, "CommentOnDisclosure", HttpMethod.Post, comment, civil, new { text = "" });
        await this.Send(api, "CommentOnDisclosure", HttpMethod.Post, $"/api/disclosures/{reviewed}/comments", civil, new { text = "Too early." });
        await this.Send(api, "CommentOnDisclosure", HttpMethod.Post, $"/api/disclosures/{unknown}/comments", civil, new { text = "Nowhere." });
        await this.Send(api, "CommentOnDisclosure", HttpMethod.Post, comment, null, new { text = "Anonymous." });
        await this.Send(api, "CommentOnDisclosure", HttpMethod.Post, comment, staff, new { text = "Staff may not comment." });
        await this.Send(api, "CommentOnDisclosure", HttpMethod.Post, comment, civil, tooLarge);
        await this.Send(api, "CommentOnDisclosure", HttpMethod.Post, comment, civil, null, plainText);
        string prolific = Tokens.CivilSociety("Prolific Forum");
        for (int i = 1; i <= 20; i++)
        {
            DisclosureClient.Expect(HttpStatusCode.Accepted, await this.Send(api, "CommentOnDisclosure", HttpMethod.Post, comment, prolific, new { text = $"Comment {i}." }));
        }

        Reply limited = await this.Send(api, "CommentOnDisclosure", HttpMethod.Post, comment, prolific, new { text = "One too many." });
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.Status);

        string moderate = $"/api/disclosures/{open}/comments/{commentId}/moderation";
        DisclosureClient.Expect(HttpStatusCode.OK, await this.Send(api, "ModerateDisclosureComment", HttpMethod.Post, moderate, staff, new { decision = "publish" }));
        await this.Send(api, "ModerateDisclosureComment", HttpMethod.Post, moderate, staff, new { decision = "reject", reason = "Changed my mind." });
        await this.Send(api, "ModerateDisclosureComment", HttpMethod.Post, moderate, staff, new { decision = "maybe" });
        await this.Send(api, "ModerateDisclosureComment", HttpMethod.Post, $"/api/disclosures/{open}/comments/caaaaaaaaaaaaaaaaaaaaaaaaa/moderation", staff, new { decision = "publish" });
        await this.Send(api, "ModerateDisclosureComment", HttpMethod.Post, moderate, null, new { decision = "publish" });
        await this.Send(api, "ModerateDisclosureComment", HttpMethod.Post, moderate, reviewer, new { decision = "publish" });
        await this.Send(api, "ModerateDisclosureComment", HttpMethod.Post, moderate, staff, tooLarge);
        await this.Send(api, "ModerateDisclosureComment", HttpMethod.Post, moderate, staff, null, plainText);
        DisclosureClient.Expect(HttpStatusCode.OK, await this.Send(api, "GetDisclosure", HttpMethod.Get, $"/api/disclosures/{open}", staff));
        DisclosureClient.Expect(HttpStatusCode.OK, await this.Send(api, "GetDisclosure", HttpMethod.Get, $"/api/disclosures/{open}", civil));

        await client.WaitForStatusAsync(reviewed, "HumanRightsReview");
        await client.WaitForStatusAsync(figures, "SecurityReview");
        Reply securityInbox = await this.Send(api, "ListTasks", HttpMethod.Get, "/api/tasks", Tokens.SecurityReviewer("DE"));
        Assert.Contains(securityInbox.Body.GetProperty("items").EnumerateArray(), t => t.GetProperty("id").GetString() == figures);
        Reply humanRightsInbox = await this.Send(api, "ListTasks", HttpMethod.Get, "/api/tasks", Tokens.HumanRightsReviewer());
        Assert.Contains(humanRightsInbox.Body.GetProperty("items").EnumerateArray(), t => t.GetProperty("id").GetString() == reviewed);
    }

    /// <summary>The anonymous routes of published disclosures: JSON and HTML, pages, validators and 304, refusals.</summary>
    private async Task PublishedDisclosuresAsync(Api api)
    {
        DisclosurePublisher publisher = PublicDisclosures.Publisher(this.environment.Azurite.ConnectionString);
        string policy = PublicDisclosures.NewId("contract-policy");
        string expenditure = PublicDisclosures.NewId("contract-expenditure");
        await publisher.PublishAsync(PublicDisclosures.Policy(policy));
        await publisher.PublishAsync(PublicDisclosures.Expenditure(expenditure));
        Action<HttpRequestMessage> html = r => r.Headers.Accept.ParseAdd("text/html");
        Action<HttpRequestMessage> IfNoneMatch(Reply reply) => r => r.Headers.TryAddWithoutValidation("If-None-Match", reply.Header("ETag"));

        Reply first = await this.Send(api, "ListPublicDisclosures", HttpMethod.Get, "/api/public/disclosures?pageSize=1", null);
        string next = first.Body.GetProperty("continuationToken").GetString()!;
        Assert.Single(first.Body.GetProperty("items").EnumerateArray());
        Reply second = await this.Send(api, "ListPublicDisclosures", HttpMethod.Get, $"/api/public/disclosures?pageSize=1&continuationToken={Uri.EscapeDataString(next)}", null);
        Assert.Equal(HttpStatusCode.OK, second.Status);
        AssertHtml(await this.Send(api, "ListPublicDisclosures", HttpMethod.Get, "/api/public/disclosures", null, configure: html));
        Assert.Equal(HttpStatusCode.NotModified, (await this.Send(api, "ListPublicDisclosures", HttpMethod.Get, "/api/public/disclosures?pageSize=1", null, configure: IfNoneMatch(first))).Status);
        await this.Send(api, "ListPublicDisclosures", HttpMethod.Get, "/api/public/disclosures?pageSize=0", null);
        await this.Send(api, "ListPublicDisclosures", HttpMethod.Get, "/api/public/disclosures?continuationToken=garbage", null);

        Reply feed = await this.Send(api, "GetPublicDisclosuresFeed", HttpMethod.Get, "/api/public/disclosures/feed.atom", null);
        Assert.StartsWith("application/atom+xml", feed.ContentType, StringComparison.Ordinal);
        Assert.Contains(expenditure, feed.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotModified, (await this.Send(api, "GetPublicDisclosuresFeed", HttpMethod.Get, "/api/public/disclosures/feed.atom", null, configure: IfNoneMatch(feed))).Status);

        Reply figures = await this.Send(api, "GetPublicDisclosure", HttpMethod.Get, $"/api/public/disclosures/{expenditure}", null);
        Assert.Equal(HttpStatusCode.OK, figures.Status);
        Assert.Equal(JsonValueKind.Object, figures.Body.GetProperty("expenditure").ValueKind);
        Reply plain = await this.Send(api, "GetPublicDisclosure", HttpMethod.Get, $"/api/public/disclosures/{policy}", null);
        Assert.Equal(JsonValueKind.Null, plain.Body.GetProperty("expenditure").ValueKind);
        AssertHtml(await this.Send(api, "GetPublicDisclosure", HttpMethod.Get, $"/api/public/disclosures/{policy}", null, configure: html));
        Assert.Equal(HttpStatusCode.NotModified, (await this.Send(api, "GetPublicDisclosure", HttpMethod.Get, $"/api/public/disclosures/{policy}", null, configure: IfNoneMatch(plain))).Status);
        await this.Send(api, "GetPublicDisclosure", HttpMethod.Get, "/api/public/disclosures/never-published", null);
    }

    /// <summary>Reports: a request that starts one and one that finds it published, every refusal, and each rendering.</summary>
    private async Task ReportsAsync(Api api, string staff, string reviewer, string tooLarge, Action<HttpRequestMessage> plainText)
    {
        Reply started = await this.Send(api, "StartReport", HttpMethod.Post, "/api/reports", staff, new { period = "2001-01" });
        Assert.Equal(HttpStatusCode.Accepted, started.Status);
        await api.WaitForReportAsync(this.environment.Server, "2001-01");
        Assert.Equal(HttpStatusCode.OK, (await this.Send(api, "StartReport", HttpMethod.Post, "/api/reports", staff, new { period = "2001-01" })).Status);
        await this.Send(api, "StartReport", HttpMethod.Post, "/api/reports", staff, new { period = "January" });
        await this.Send(api, "StartReport", HttpMethod.Post, "/api/reports", null, new { period = "2001-01" });
        await this.Send(api, "StartReport", HttpMethod.Post, "/api/reports", reviewer, new { period = "2001-01" });
        await this.Send(api, "StartReport", HttpMethod.Post, "/api/reports", staff, new { period = "2999-12" });
        await this.Send(api, "StartReport", HttpMethod.Post, "/api/reports", staff, tooLarge);
        await this.Send(api, "StartReport", HttpMethod.Post, "/api/reports", staff, null, plainText);

        Reply index = await this.Send(api, "ListReports", HttpMethod.Get, "/api/public/reports", null);
        Assert.Contains(index.Body.GetProperty("items").EnumerateArray(), i => i.GetProperty("period").GetString() == "2001-01");

        Assert.Equal(HttpStatusCode.OK, (await this.Send(api, "GetReport", HttpMethod.Get, "/api/public/reports/2001-01", null)).Status);
        Reply csv = await this.Send(api, "GetReport", HttpMethod.Get, "/api/public/reports/2001-01", null, configure: r => r.Headers.Accept.ParseAdd("text/csv"));
        Assert.StartsWith("text/csv", csv.ContentType, StringComparison.Ordinal);
        AssertHtml(await this.Send(api, "GetReport", HttpMethod.Get, "/api/public/reports/2001-01?format=html", null));
        await this.Send(api, "GetReport", HttpMethod.Get, "/api/public/reports/2001-01?format=pdf", null);
        await this.Send(api, "GetReport", HttpMethod.Get, "/api/public/reports/2001-02", null);
        await this.Send(api, "GetReport", HttpMethod.Get, "/api/public/reports/9999-01", null);
    }

    private static void AssertHtml(Reply reply)
    {
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.StartsWith("text/html", reply.ContentType, StringComparison.Ordinal);
    }

    private async Task<Reply> Send(Api api, string operation, HttpMethod method, string path, string? token, object? body = null, Action<HttpRequestMessage>? configure = null)
    {
        Reply reply = await api.SendAsync(method, path, token, body, configure);
        this.Check(operation, reply);
        return reply;
    }

    /// <summary>The status is documented for the operation, and the body matches the documented media type and schema.</summary>
    private void Check(string operation, Reply reply)
    {
        this.seen.Add((operation, (int)reply.Status));
        this.failures.AddRange(this.check.Problems(operation, (int)reply.Status, reply.ContentType?.Split(';')[0].Trim(), reply.Text, reply.Location is not null));
    }
}
