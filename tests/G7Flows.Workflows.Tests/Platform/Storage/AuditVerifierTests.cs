using G7Flows.Workflows.Platform.Storage;

namespace G7Flows.Workflows.Tests.Platform.Storage;

/// <summary>The verifier finds the first edited, deleted, reordered or inserted entry and a head that does not match.</summary>
public sealed class AuditVerifierTests
{
    private const string Workflow = "mq3xk7vb2nw5rt6yp4zd2hc7ja";

    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    /// <summary>A valid chain of <paramref name="count"/> entries and its head.</summary>
    private static (List<AuditEntity> Entries, AuditHeadEntity Head) Chain(int count)
    {
        var entries = new List<AuditEntity>();
        string previous = AuditChain.Genesis;
        for (int i = 1; i <= count; i++)
        {
            AuditEntity entry = AuditLog.ToEntity(new AuditEntry(Workflow, Start.AddMinutes(i), "staff@g7.example", $"step-{i}", "workflow", $"step-{i}", "FR", $"Detail {i}"));
            previous = AuditChain.Link(entry, i, previous).Hash!;
            entries.Add(entry);
        }

        return (entries, new AuditHeadEntity { PartitionKey = Workflow, Sequence = count, Hash = previous, LastRowKey = entries[^1].RowKey });
    }

    [Fact]
    public void An_intact_chain_is_valid_and_reports_its_head_and_size()
    {
        // Arrange
        var (entries, head) = Chain(5);

        // Act
        AuditVerification result = AuditVerifier.Verify(entries, head);

        // Assert
        Assert.True(result.Valid, result.Problem?.Detail);
        Assert.Equal(head.Hash, result.Head);
        Assert.Equal(5, result.Entries);
        Assert.Null(result.Problem);
    }

    [Fact]
    public void An_empty_trail_without_a_head_is_valid_at_genesis()
    {
        // Act
        AuditVerification result = AuditVerifier.Verify([], null);

        // Assert
        Assert.True(result.Valid);
        Assert.Equal(AuditChain.Genesis, result.Head);
        Assert.Equal(0, result.Entries);
    }

    [Fact]
    public void The_order_rows_are_read_in_does_not_matter()
    {
        // Arrange: rows come back by row key (time), which need not be the order they were appended in.
        var (entries, head) = Chain(6);
        entries.Reverse();

        // Act and Assert
        Assert.True(AuditVerifier.Verify(entries, head).Valid);
    }

    [Fact]
    public void An_edited_detail_is_found_at_its_sequence()
    {
        // Arrange
        var (entries, head) = Chain(5);
        entries[2].Detail = "Object";

        // Act
        AuditVerification result = AuditVerifier.Verify(entries, head);

        // Assert
        Assert.False(result.Valid);
        Assert.Equal(AuditProblemKinds.Edited, result.Problem!.Kind);
        Assert.Equal(3, result.Problem.Sequence);
        Assert.Equal(entries[2].RowKey, result.Problem.RowKey);
    }

    [Fact]
    public void An_edit_whose_hash_was_recomputed_breaks_the_next_link()
    {
        // Arrange: the editor fixed the edited entry's own hash but not the chain after it.
        var (entries, head) = Chain(5);
        entries[1].Actor = "someone.else@g7.example";
        entries[1].Hash = AuditChain.HashOf(entries[1]);

        // Act
        AuditVerification result = AuditVerifier.Verify(entries, head);

        // Assert: entry 3 links to a hash that is no longer in the chain.
        Assert.False(result.Valid);
        Assert.Equal(AuditProblemKinds.Deleted, result.Problem!.Kind);
        Assert.Equal(3, result.Problem.Sequence);
    }

    [Fact]
    public void A_deleted_entry_in_the_middle_is_a_gap_at_its_sequence()
    {
        // Arrange
        var (entries, head) = Chain(5);
        entries.RemoveAt(1);

        // Act
        AuditVerification result = AuditVerifier.Verify(entries, head);

        // Assert
        Assert.False(result.Valid);
        Assert.Equal(AuditProblemKinds.Deleted, result.Problem!.Kind);
        Assert.Equal(2, result.Problem.Sequence);
    }

    [Fact]
    public void A_deleted_last_entry_is_found_from_the_head()
    {
        // Arrange
        var (entries, head) = Chain(5);
        entries.RemoveAt(4);

        // Act
        AuditVerification result = AuditVerifier.Verify(entries, head);

        // Assert
        Assert.False(result.Valid);
        Assert.Equal(AuditProblemKinds.Deleted, result.Problem!.Kind);
        Assert.Equal(5, result.Problem.Sequence);
    }

    [Fact]
    public void Two_entries_whose_sequences_were_swapped_are_reordered()
    {
        // Arrange
        var (entries, head) = Chain(5);
        (entries[1].Sequence, entries[3].Sequence) = (entries[3].Sequence, entries[1].Sequence);

        // Act
        AuditVerification result = AuditVerifier.Verify(entries, head);

        // Assert: the entry now at sequence 2 was hashed at sequence 4.
        Assert.False(result.Valid);
        Assert.Equal(AuditProblemKinds.Reordered, result.Problem!.Kind);
        Assert.Equal(2, result.Problem.Sequence);
        Assert.Equal(entries[3].RowKey, result.Problem.RowKey);
    }

    [Fact]
    public void Intact_entries_whose_links_disagree_with_their_order_are_reordered()
    {
        // Arrange: a consistent-looking chain 1, 2, 3 where 3 links to 1 (someone swapped the link fields of 2 and 3).
        var (entries, head) = Chain(3);
        AuditEntity moved = entries[2];
        moved.PreviousHash = entries[0].Hash;
        moved.Hash = AuditChain.HashOf(moved);

        // Act
        AuditVerification result = AuditVerifier.Verify(entries, head);

        // Assert
        Assert.False(result.Valid);
        Assert.Equal(AuditProblemKinds.Reordered, result.Problem!.Kind);
        Assert.Equal(3, result.Problem.Sequence);
    }

    [Fact]
    public void A_row_added_without_chain_fields_is_inserted()
    {
        // Arrange
        var (entries, head) = Chain(3);
        entries.Add(AuditLog.ToEntity(new AuditEntry(Workflow, Start, "intruder", "consultation-started", "198.51.100.1", "forged")));

        // Act
        AuditVerification result = AuditVerifier.Verify(entries, head);

        // Assert
        Assert.False(result.Valid);
        Assert.Equal(AuditProblemKinds.Inserted, result.Problem!.Kind);
        Assert.Null(result.Problem.Sequence);
    }

    [Fact]
    public void A_second_row_claiming_a_taken_sequence_is_inserted()
    {
        // Arrange: a forged row linked and hashed correctly at place 2, beside the real one.
        var (entries, head) = Chain(3);
        AuditEntity forged = AuditLog.ToEntity(new AuditEntry(Workflow, Start.AddMinutes(2), "intruder", "response-submitted", "198.51.100.1", "forged"));
        AuditChain.Link(forged, 2, entries[0].Hash!);
        entries.Add(forged);

        // Act
        AuditVerification result = AuditVerifier.Verify(entries, head);

        // Assert
        Assert.False(result.Valid);
        Assert.Equal(AuditProblemKinds.Inserted, result.Problem!.Kind);
        Assert.Equal(2, result.Problem.Sequence);
    }

    [Fact]
    public void A_missing_head_row_or_a_head_that_does_not_match_is_reported()
    {
        // Arrange
        var (entries, head) = Chain(3);
        var stale = new AuditHeadEntity { PartitionKey = Workflow, Sequence = 3, Hash = entries[1].Hash!, LastRowKey = entries[2].RowKey };

        // Act
        AuditVerification missing = AuditVerifier.Verify(entries, null);
        AuditVerification mismatch = AuditVerifier.Verify(entries, stale);

        // Assert
        Assert.Equal(AuditProblemKinds.Head, missing.Problem!.Kind);
        Assert.False(missing.Valid);
        Assert.Null(missing.Head);
        Assert.Equal(AuditProblemKinds.Head, mismatch.Problem!.Kind);
        Assert.Equal(stale.Hash, mismatch.Head);
        Assert.True(AuditVerifier.Verify(entries, head).Valid);
    }
}
