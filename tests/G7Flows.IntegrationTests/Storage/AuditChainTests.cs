using Azure;
using Azure.Data.Tables;
using G7Flows.Workflows.Consultations.Domain;
using G7Flows.Workflows.Platform.Storage;
using Xunit;

namespace G7Flows.IntegrationTests.Storage;

/// <summary>
/// The audit trail's hash chain against Azurite: many concurrent appends to one partition make one chain with nothing
/// lost, a retried append adds nothing, and rows edited, deleted or reordered directly in the table are caught.
/// </summary>
public sealed class AuditChainTests(StorageFixture fixture) : IClassFixture<StorageFixture>
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly AuditLog audit = new(fixture.Clients);

    private TableClient Table => fixture.Clients.Table(StorageNames.AuditTable);

    private static AuditEntry Entry(string id, int i, string? detail = null) =>
        new(id, Now.AddMilliseconds(i * 7), "staff@g7.example", "step", "203.0.113.7", $"step-{i:D3}", "FR", detail ?? $"Step {i}, with ünïcödé and a line\nbreak");

    /// <summary>A partition with a valid chain of <paramref name="count"/> entries.</summary>
    private async Task<string> ChainAsync(int count)
    {
        string id = ConsultationIds.New();
        foreach (int i in Enumerable.Range(0, count))
        {
            await this.audit.AppendAsync(Entry(id, i));
        }

        var (_, result) = await new AuditVerifier(this.audit).VerifyAsync(id);
        Assert.True(result.Valid, result.Problem?.Detail);
        return id;
    }

    [Fact]
    public async Task Many_parallel_appends_to_one_partition_make_one_chain_with_none_lost_and_no_fork()
    {
        // Arrange: 60 distinct entries, each sent twice, from 24 writers at once; and a batch of 30 more in between.
        string id = ConsultationIds.New();
        var singles = Enumerable.Range(0, 60).SelectMany(i => new[] { Entry(id, i), Entry(id, i) }).ToList();
        var batch = Enumerable.Range(100, 30).Select(i => Entry(id, i)).ToList();

        // Act
        Task batchTask = this.audit.AddAllAsync(batch);
        await Parallel.ForEachAsync(singles, new ParallelOptions { MaxDegreeOfParallelism = 24 }, async (e, ct) => await this.audit.AppendAsync(e, ct));
        await batchTask;
        var (chain, result) = await new AuditVerifier(this.audit).VerifyAsync(id);

        // Assert
        Assert.True(result.Valid, result.Problem?.Detail);
        Assert.Equal(90, result.Entries);
        Assert.Equal(Enumerable.Range(1, 90).Select(i => (long?)i), chain.Select(e => e.Sequence));
        Assert.Equal(90, chain.Select(e => e.PreviousHash).Distinct().Count());
        Assert.Equal(chain[^1].Hash, result.Head);
        Assert.Equal(
            singles.Concat(batch).Select(e => AuditLog.ToEntity(e).RowKey).Distinct().OrderBy(k => k, StringComparer.Ordinal),
            chain.Select(e => e.RowKey).OrderBy(k => k, StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_retried_append_adds_nothing_and_returns_the_entries_as_first_stored()
    {
        // Arrange
        string id = ConsultationIds.New();
        var entries = Enumerable.Range(0, 5).Select(i => Entry(id, i)).ToList();
        IReadOnlyList<AuditEntity> first = await this.audit.AppendAllAsync(entries);

        // Act: the same entries again (one with other content, as a retry that built it anew), then single appends.
        IReadOnlyList<AuditEntity> again = await this.audit.AppendAllAsync([.. entries.Take(4), entries[4] with { Detail = "rewritten" }]);
        await this.audit.AppendAsync(entries[2]);
        var (chain, result) = await new AuditVerifier(this.audit).VerifyAsync(id);

        // Assert
        Assert.True(result.Valid, result.Problem?.Detail);
        Assert.Equal(5, chain.Count);
        Assert.Equal(first.Select(e => (e.RowKey, e.Sequence, e.Hash)).OrderBy(e => e.Sequence), again.Select(e => (e.RowKey, e.Sequence, e.Hash)).OrderBy(e => e.Sequence));
        Assert.Equal(first[^1].Hash, result.Head);
        Assert.Equal($"Step 4, with ünïcödé and a line\nbreak", chain[^1].Detail);
        AuditHeadEntity? head = await this.audit.ReadHeadAsync(id);
        Assert.Equal(5, head!.Sequence);
        Assert.DoesNotContain(await this.audit.ReadAsync(id), e => e.RowKey == AuditHeadEntity.RowKeyValue);
    }

    [Fact]
    public async Task More_than_one_transaction_of_entries_is_chained_without_a_gap()
    {
        // Arrange
        string id = ConsultationIds.New();

        // Act: 250 entries need three transactions of up to 99 and the head.
        await this.audit.AppendMissingAsync(id, [.. Enumerable.Range(0, 250).Select(i => Entry(id, i))]);
        var (chain, result) = await new AuditVerifier(this.audit).VerifyAsync(id);

        // Assert
        Assert.True(result.Valid, result.Problem?.Detail);
        Assert.Equal(250, chain.Count);
        Assert.Equal(250, chain[^1].Sequence);
    }

    [Fact]
    public async Task An_entry_edited_in_the_table_is_caught_as_edited()
    {
        // Arrange
        string id = await this.ChainAsync(6);
        AuditEntity target = (await this.audit.ReadAsync(id))[3];

        // Act: change the detail in place (what anyone with write access to the table could do).
        await this.Table.UpdateEntityAsync(new TableEntity(id, target.RowKey) { ["Detail"] = "Approved after all" }, ETag.All, TableUpdateMode.Merge);
        var (_, result) = await new AuditVerifier(this.audit).VerifyAsync(id);

        // Assert
        Assert.False(result.Valid);
        Assert.Equal(AuditProblemKinds.Edited, result.Problem!.Kind);
        Assert.Equal(target.Sequence, result.Problem.Sequence);
    }

    [Fact]
    public async Task An_entry_deleted_from_the_table_is_caught_as_deleted()
    {
        // Arrange
        string id = await this.ChainAsync(6);
        AuditEntity target = (await this.audit.ReadAsync(id))[2];

        // Act
        await this.Table.DeleteEntityAsync(id, target.RowKey);
        var (_, result) = await new AuditVerifier(this.audit).VerifyAsync(id);

        // Assert
        Assert.False(result.Valid);
        Assert.Equal(AuditProblemKinds.Deleted, result.Problem!.Kind);
        Assert.Equal(target.Sequence, result.Problem.Sequence);
    }

    [Fact]
    public async Task The_last_entry_deleted_from_the_table_is_caught_from_the_head()
    {
        // Arrange
        string id = await this.ChainAsync(4);
        AuditEntity last = (await this.audit.ReadAsync(id)).MaxBy(e => e.Sequence)!;

        // Act
        await this.Table.DeleteEntityAsync(id, last.RowKey);
        var (_, result) = await new AuditVerifier(this.audit).VerifyAsync(id);

        // Assert
        Assert.False(result.Valid);
        Assert.Equal(AuditProblemKinds.Deleted, result.Problem!.Kind);
        Assert.Equal(4, result.Problem.Sequence);
    }

    [Fact]
    public async Task Entries_reordered_in_the_table_are_caught_as_reordered()
    {
        // Arrange
        string id = await this.ChainAsync(6);
        IReadOnlyList<AuditEntity> rows = await this.audit.ReadAsync(id);
        AuditEntity second = rows.Single(e => e.Sequence == 2);
        AuditEntity fifth = rows.Single(e => e.Sequence == 5);

        // Act: swap their places in the chain.
        await this.Table.UpdateEntityAsync(new TableEntity(id, second.RowKey) { ["Sequence"] = 5L }, ETag.All, TableUpdateMode.Merge);
        await this.Table.UpdateEntityAsync(new TableEntity(id, fifth.RowKey) { ["Sequence"] = 2L }, ETag.All, TableUpdateMode.Merge);
        var (_, result) = await new AuditVerifier(this.audit).VerifyAsync(id);

        // Assert
        Assert.False(result.Valid);
        Assert.Equal(AuditProblemKinds.Reordered, result.Problem!.Kind);
        Assert.Equal(2, result.Problem.Sequence);
        Assert.Equal(fifth.RowKey, result.Problem.RowKey);
    }

    [Fact]
    public async Task A_row_inserted_into_the_table_is_caught_as_inserted()
    {
        // Arrange
        string id = await this.ChainAsync(3);
        AuditEntity forged = AuditLog.ToEntity(new AuditEntry(id, Now.AddSeconds(-1), "intruder", "consultation-started", "198.51.100.1", "forged"));

        // Act
        await this.Table.AddEntityAsync(forged);
        var (_, result) = await new AuditVerifier(this.audit).VerifyAsync(id);

        // Assert
        Assert.False(result.Valid);
        Assert.Equal(AuditProblemKinds.Inserted, result.Problem!.Kind);
        Assert.Equal(forged.RowKey, result.Problem.RowKey);
    }
}
