using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using G7Flows.IntegrationTests.Infrastructure;
using Xunit;

namespace G7Flows.IntegrationTests.Production;

/// <summary>
/// The server as it runs in Production: the HTML policy on every HTML response, no API reference, only its own host
/// names, forwarded headers only from configured proxies, refusals recorded once, and no positions in the logs.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed partial class ProductionDefaultsTests(ServerFixture fixture)
{
    private const string ForgedClient = "203.0.113.7";

    private readonly Api api = fixture.Api;

    [Fact]
    public async Task An_HTML_response_carries_the_content_security_policy_and_nosniff_and_JSON_carries_nosniff()
    {
        // Arrange: a closed consultation, so that its record exists as HTML.
        string id = await this.api.StartAsync(Api.Proposal("unanimity", ["FR", "DE"], "PT5M", title: "HTML policy"));
        await this.api.RespondAsync(id, "FR", "approve");
        await this.api.RespondAsync(id, "DE", "approve");
        await this.api.WaitForRecordAsync(id);

        // Act
        Reply html = await this.api.SendAsync(HttpMethod.Get, $"/api/consultations/{id}/record", Tokens.Staff(), configure: r => r.Headers.Accept.ParseAdd("text/html"));
        Reply json = await this.api.SendAsync(HttpMethod.Get, $"/api/consultations/{id}/record", Tokens.Staff());

        // Assert
        Assert.StartsWith("text/html", html.ContentType, StringComparison.Ordinal);
        Assert.Equal("default-src 'none'; style-src 'unsafe-inline'", html.Header("Content-Security-Policy"));
        Assert.Equal("nosniff", html.Header("X-Content-Type-Options"));
        Assert.StartsWith("application/json", json.ContentType, StringComparison.Ordinal);
        Assert.Equal("nosniff", json.Header("X-Content-Type-Options"));
        Assert.Null(json.Header("Content-Security-Policy"));
    }

    [Fact]
    public async Task The_API_reference_is_not_served_in_Production()
    {
        // Act: as staff, so that the answer is about the route, not about the caller.
        Reply reference = await this.api.SendAsync(HttpMethod.Get, "/scalar/v1", Tokens.Staff());
        Reply contract = await this.api.SendAsync(HttpMethod.Get, "/api/openapi/v1.json", null);

        // Assert: the contract is public (clients are generated from it); the browsable reference is for developers only.
        Assert.Equal(HttpStatusCode.OK, contract.Status);
        Assert.Contains("\"openapi\"", contract.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, reference.Status);
        Assert.DoesNotContain("scalar", reference.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_request_for_a_host_name_that_is_not_allowed_is_refused()
    {
        // Act
        Reply foreign = await this.api.SendAsync(HttpMethod.Get, "/api/health", null, configure: r => r.Headers.Host = "g7flows.attacker.example");
        Reply own = await this.api.SendAsync(HttpMethod.Get, "/api/health", null, configure: r => r.Headers.Host = "localhost");

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, foreign.Status);
        Assert.Equal(HttpStatusCode.OK, own.Status);
    }

    [Fact]
    public async Task A_forged_X_Forwarded_For_from_a_client_that_is_not_a_proxy_is_ignored()
    {
        // Act
        Reply started = await this.api.SendAsync(
            HttpMethod.Post, "/api/consultations", Tokens.Staff(), Api.Proposal(title: "Forged forwarding"), r => r.Headers.Add("X-Forwarded-For", ForgedClient));
        string id = started.Body.GetProperty("id").GetString()!;

        // Assert: the start's audit facts (stored on the consultation row, and copied to the trail at the close) have the
        // address the request really came from.
        Assert.Equal(HttpStatusCode.Accepted, started.Status);
        TableEntity row = (await fixture.Tables.GetTableClient("Consultations").GetEntityAsync<TableEntity>(id, G7Flows.Workflows.Consultations.Storage.ConsultationEntity.Row)).Value;
        Assert.Equal("127.0.0.1", row.GetString("CreatedFrom"));
    }

    [Fact]
    public async Task Forwarded_headers_from_a_configured_proxy_are_honoured_and_no_position_is_logged_at_Information()
    {
        // Arrange: a second server on the same storage (its own task hub) that trusts loopback as its proxy and logs
        // everything at Information.
        await using ServerProcess proxied = await ServerProcess.StartAsync(fixture.Azurite.ConnectionString, "proxied", new Dictionary<string, string>
        {
            ["G7Flows__ForwardedHeaders__KnownProxies__0"] = "127.0.0.1",
            ["Logging__LogLevel__Default"] = "Information",
            ["Logging__LogLevel__Microsoft.AspNetCore"] = "Information",
        });
        var behindProxy = new Api(proxied);
        const string Comment = "Sensitive national position 7f3c9e";

        // Act
        Reply started = await behindProxy.SendAsync(
            HttpMethod.Post, "/api/consultations", Tokens.Staff(), Api.Proposal("unanimity", ["FR", "DE"], "PT5M", title: "Behind a proxy"), r => r.Headers.Add("X-Forwarded-For", ForgedClient));
        string id = started.Body.GetProperty("id").GetString()!;
        await behindProxy.RespondAsync(id, "FR", "approve", Comment);
        await behindProxy.RespondAsync(id, "DE", "object", Comment);
        JsonElement closed = await behindProxy.WaitForRecordAsync(id);
        await proxied.StopAsync();

        // Assert
        Assert.Equal(ForgedClient, await this.SourceOfAsync(fixture.Tables, id, "consultation-started"));
        Assert.Equal("Rejected", closed.GetProperty("status").GetString());
        string log = proxied.Output;
        Assert.Contains("closed as Rejected", log, StringComparison.Ordinal); // Information is on: the log is there to read
        Assert.DoesNotContain(Comment, log, StringComparison.Ordinal);
        Assert.DoesNotContain(log.Split('\n'), line => PositionWord().IsMatch(line));
    }

    [Fact]
    public async Task Refused_requests_repeated_by_the_same_caller_add_one_audit_entry_per_reason()
    {
        // Arrange: France has answered an open consultation; Germany objects to a closed one.
        string open = await this.api.StartAsync(Api.Proposal("unanimity", ["FR", "DE", "IT"], "PT5M", title: "Refusals, open"));
        Assert.Equal(HttpStatusCode.Accepted, (await this.api.RespondAsync(open, "FR", "approve")).Status);
        string closed = await this.api.StartAsync(Api.Proposal("unanimity", ["FR", "DE", "IT"], "PT5M", title: "Refusals, closed"));
        Assert.Equal(HttpStatusCode.Accepted, (await this.api.RespondAsync(closed, "DE", "object")).Status);
        await this.api.WaitForRecordAsync(closed);

        // Act: each refused request five times.
        var refusals = new List<Reply>();
        for (int i = 0; i < 5; i++)
        {
            refusals.Add(await this.api.RespondAsync(open, "FR", "object", $"changed my mind {i}"));
            refusals.Add(await this.api.RespondAsync(closed, "IT", "approve", $"late {i}"));
        }

        // Assert
        Assert.All(refusals, r => Assert.Equal(HttpStatusCode.Conflict, r.Status));
        TableClient audit = fixture.Tables.GetTableClient("AuditTrail");
        var openTrail = audit.Query<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {open}")).ToList();
        var closedTrail = audit.Query<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {closed}")).ToList();
        Assert.Single(openTrail, e => e.GetString("Action") == "answer-change-refused" && e.GetString("Nation") == "FR");
        Assert.True(
            closedTrail.Count(e => e.GetString("Action") == "late-response-refused" && e.GetString("Nation") == "IT") == 1,
            string.Join("; ", closedTrail.Select(e => $"{e.RowKey} {e.GetString("Action")} {e.GetString("Nation")}")) + " / " + refusals[1].Text);
    }

    [GeneratedRegex(@"\b(approve|approved|object|objected|abstain|abstained)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PositionWord();

    private async Task<string?> SourceOfAsync(TableServiceClient tables, string id, string action)
    {
        TableClient audit = tables.GetTableClient("AuditTrail");
        await foreach (TableEntity entry in audit.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {id}")))
        {
            if (entry.GetString("Action") == action)
            {
                return entry.GetString("Source");
            }
        }

        throw new InvalidOperationException($"No {action} entry for {id}.");
    }
}
