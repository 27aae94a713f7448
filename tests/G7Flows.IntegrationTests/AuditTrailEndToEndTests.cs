using System.Net;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using G7Flows.IntegrationTests.Contract;
using G7Flows.IntegrationTests.Infrastructure;
using G7Flows.Workflows.Platform.Storage;
using Xunit;

namespace G7Flows.IntegrationTests;

/// <summary>
/// The audit route over real HTTP: a closed consultation's trail verifies, its published record pins the chain, and
/// rows edited, deleted or reordered in Azurite make the route report the chain broken, with the first problem.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class AuditTrailEndToEndTests(ServerFixture fixture)
{
    private async Task<string> ClosedConsultationAsync(string title)
    {
        Api api = fixture.Api;
        string id = await api.StartAsync(Api.Proposal("unanimity", ["FR", "DE"], "P1D", title: title));
        Assert.Equal(HttpStatusCode.Accepted, (await api.RespondAsync(id, "FR", "approve", "Agreed.")).Status);
        Assert.Equal(HttpStatusCode.Accepted, (await api.RespondAsync(id, "DE", "object", "Not now.")).Status);
        await api.WaitForRecordAsync(id);
        return id;
    }

    private async Task<JsonElement> AuditAsync(string id)
    {
        Reply reply = await fixture.Api.SendAsync(HttpMethod.Get, $"/api/consultations/{id}/audit", Tokens.Staff());
        Assert.True(reply.Status == HttpStatusCode.OK, $"{(int)reply.Status} {reply.Text}");
        IReadOnlyList<string> offContract = ContractCheck.Current.Problems("GetConsultationAudit", 200, reply.ContentType?.Split(';')[0].Trim(), reply.Text);
        Assert.True(offContract.Count == 0, string.Join("\n", offContract));
        return reply.Body;
    }

    [Fact]
    public async Task A_closed_consultations_trail_verifies_and_its_record_pins_the_chain()
    {
        // Arrange
        string id = await this.ClosedConsultationAsync("Audit: intact");

        // Act
        JsonElement audit = await this.AuditAsync(id);
        Reply record = await fixture.Api.SendAsync(HttpMethod.Get, $"/api/consultations/{id}/record", Tokens.Staff());

        // Assert: valid, sequences 1..n, the record-published entry after the pinned one.
        JsonElement verification = audit.GetProperty("verification");
        Assert.True(verification.GetProperty("valid").GetBoolean(), verification.ToString());
        var entries = audit.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(1, entries.Count), entries.Select(e => e.GetProperty("sequence").GetInt32()));
        Assert.Equal(entries[^1].GetProperty("hash").GetString(), verification.GetProperty("head").GetString());
        string pinned = record.Body.GetProperty("auditHeadHash").GetString()!;
        JsonElement pinnedEntry = Assert.Single(entries, e => e.GetProperty("hash").GetString() == pinned);
        Assert.Equal("consultation-closed", pinnedEntry.GetProperty("action").GetString());
        JsonElement published = Assert.Single(entries, e => e.GetProperty("action").GetString() == "record-published");
        Assert.True(published.GetProperty("sequence").GetInt32() > pinnedEntry.GetProperty("sequence").GetInt32());
    }

    [Fact]
    public async Task Rows_edited_deleted_or_reordered_in_Azurite_are_reported_by_the_route()
    {
        // Arrange: three closed consultations, one for each kind of tampering.
        string[] ids = await Task.WhenAll(
            this.ClosedConsultationAsync("Audit: edited"),
            this.ClosedConsultationAsync("Audit: deleted"),
            this.ClosedConsultationAsync("Audit: reordered"));
        TableClient table = fixture.Tables.GetTableClient(StorageNames.AuditTable);
        var rows = new List<List<JsonElement>>();
        foreach (string id in ids)
        {
            JsonElement before = await this.AuditAsync(id);
            Assert.True(before.GetProperty("verification").GetProperty("valid").GetBoolean());
            rows.Add([.. before.GetProperty("entries").EnumerateArray()]);
        }

        string Key(int consultation, int sequence) => rows[consultation].Single(e => e.GetProperty("sequence").GetInt32() == sequence).GetProperty("rowKey").GetString()!;

        // Act
        await table.UpdateEntityAsync(new TableEntity(ids[0], Key(0, 2)) { ["Actor"] = "someone.else@g7.example" }, ETag.All, TableUpdateMode.Merge);
        await table.DeleteEntityAsync(ids[1], Key(1, 2));
        await table.UpdateEntityAsync(new TableEntity(ids[2], Key(2, 1)) { ["Sequence"] = 3L }, ETag.All, TableUpdateMode.Merge);
        await table.UpdateEntityAsync(new TableEntity(ids[2], Key(2, 3)) { ["Sequence"] = 1L }, ETag.All, TableUpdateMode.Merge);

        // Assert
        (string Kind, int Sequence)[] expected = [(AuditProblemKinds.Edited, 2), (AuditProblemKinds.Deleted, 2), (AuditProblemKinds.Reordered, 1)];
        for (int i = 0; i < ids.Length; i++)
        {
            JsonElement verification = (await this.AuditAsync(ids[i])).GetProperty("verification");
            Assert.False(verification.GetProperty("valid").GetBoolean(), verification.ToString());
            JsonElement problem = verification.GetProperty("problem");
            Assert.Equal(expected[i].Kind, problem.GetProperty("kind").GetString());
            Assert.Equal(expected[i].Sequence, problem.GetProperty("sequence").GetInt32());
        }
    }

    [Fact]
    public async Task A_disclosures_trail_is_served_to_staff_and_verifies()
    {
        // Arrange
        var disclosures = new DisclosureClient(fixture.Server);
        string id = await disclosures.SubmitAsync(DisclosureClient.Submission(commentPeriod: "P7D", title: "Audit: disclosure"));
        await disclosures.WaitForStatusAsync(id, "SecurityReview");

        // Act
        Reply reply = await disclosures.SendAsync(HttpMethod.Get, $"/api/disclosures/{id}/audit", Tokens.Staff());

        // Assert
        Assert.True(reply.Status == HttpStatusCode.OK, $"{(int)reply.Status} {reply.Text}");
        JsonElement verification = reply.Body.GetProperty("verification");
        Assert.True(verification.GetProperty("valid").GetBoolean(), verification.ToString());
        Assert.True(verification.GetProperty("entries").GetInt32() >= 1);
        Assert.Equal(id, reply.Body.GetProperty("workflowId").GetString());
    }
}
