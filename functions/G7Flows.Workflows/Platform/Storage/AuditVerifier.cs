namespace G7Flows.Workflows.Platform.Storage;

/// <summary>What can be wrong with an audit chain, by its wire name.</summary>
public static class AuditProblemKinds
{
    /// <summary>An entry's content (or its link fields) no longer gives its hash.</summary>
    public const string Edited = "edited";

    /// <summary>An entry is missing: a gap in the sequence, or the head names an entry after the last one.</summary>
    public const string Deleted = "deleted";

    /// <summary>An intact entry sits at another place than the one it was hashed at.</summary>
    public const string Reordered = "reordered";

    /// <summary>A row that was not appended through the chain: no chain fields, or a sequence taken twice.</summary>
    public const string Inserted = "inserted";

    /// <summary>The partition has entries but no head row, or the head does not match the last entry.</summary>
    public const string Head = "head-mismatch";
}

/// <summary>The first problem found in a chain.</summary>
/// <param name="Kind">One of <see cref="AuditProblemKinds"/>.</param>
/// <param name="Sequence">The place in the chain where it was found (the sequence expected there), if any.</param>
/// <param name="RowKey">The row concerned, if there is one.</param>
/// <param name="Detail">What was found, in a sentence.</param>
public sealed record AuditProblem(string Kind, long? Sequence, string? RowKey, string Detail);

/// <summary>The result of verifying a workflow's audit chain.</summary>
/// <param name="Valid">True when every entry's hash, link and sequence hold and the head matches the last entry.</param>
/// <param name="Head">The head hash stored for the chain (<see cref="AuditChain.Genesis"/> for an empty trail; null when the head row is missing).</param>
/// <param name="Entries">How many entries the partition holds.</param>
/// <param name="Problem">The first problem in chain order, or null when the chain is valid.</param>
public sealed record AuditVerification(bool Valid, string? Head, int Entries, AuditProblem? Problem);

/// <summary>
/// Verifies a workflow's audit chain: recomputes every entry's hash from its canonical form, checks that each links to
/// the one before it, that the sequence runs from 1 without gaps or repeats, and that the head row names the last entry.
/// Anyone who can write to the table can still rewrite a whole chain consistently; what such a rewrite cannot change is a
/// head hash that has been published (a consultation record and a public disclosure carry the head at their publication).
/// </summary>
public sealed class AuditVerifier(AuditLog audit)
{
    /// <summary>Reads the partition (one query) and verifies it.</summary>
    public async Task<(IReadOnlyList<AuditEntity> Chain, AuditVerification Result)> VerifyAsync(string workflowId, CancellationToken cancellationToken = default)
    {
        var (entries, head) = await audit.ReadChainAsync(workflowId, cancellationToken);
        IReadOnlyList<AuditEntity> chain = InChainOrder(entries);
        return (chain, Verify(entries, head));
    }

    /// <summary>The entries in chain order: by sequence, rows without one last, ties by row key.</summary>
    public static IReadOnlyList<AuditEntity> InChainOrder(IEnumerable<AuditEntity> entries) =>
        [.. entries.OrderBy(e => e.Sequence ?? long.MaxValue).ThenBy(e => e.RowKey, StringComparer.Ordinal)];

    /// <summary>Verifies <paramref name="entries"/> (any order) against <paramref name="head"/>.</summary>
    public static AuditVerification Verify(IReadOnlyList<AuditEntity> entries, AuditHeadEntity? head)
    {
        ArgumentNullException.ThrowIfNull(entries);
        IReadOnlyList<AuditEntity> chain = InChainOrder(entries);
        AuditVerification Fail(AuditProblem problem) => new(false, head?.Hash, chain.Count, problem);

        var hashes = chain.Where(e => e.Hash is not null).Select(e => e.Hash!).ToHashSet(StringComparer.Ordinal);
        string previous = AuditChain.Genesis;
        long expected = 1;
        foreach (AuditEntity entry in chain)
        {
            if (entry.Sequence is not { } sequence || entry.Hash is null || entry.PreviousHash is null)
            {
                return Fail(new(AuditProblemKinds.Inserted, null, entry.RowKey, "The row carries no place in the chain: it was not appended through the trail."));
            }

            if (sequence < expected)
            {
                return Fail(new(AuditProblemKinds.Inserted, sequence, entry.RowKey, $"Sequence {sequence} is taken by more than one row."));
            }

            if (sequence > expected)
            {
                return Fail(new(AuditProblemKinds.Deleted, expected, null, $"The entry at sequence {expected} is missing."));
            }

            if (AuditChain.HashOf(entry) != entry.Hash)
            {
                return Fail(MovedFrom(entry, chain.Count) is { } original
                    ? new(AuditProblemKinds.Reordered, sequence, entry.RowKey, $"The entry hashed at sequence {original} has been moved to sequence {sequence}.")
                    : new(AuditProblemKinds.Edited, sequence, entry.RowKey, $"The entry at sequence {sequence} does not match its hash."));
            }

            if (entry.PreviousHash != previous)
            {
                // Intact entries whose links disagree with their order: moved, unless what they link to is gone.
                return Fail(hashes.Contains(entry.PreviousHash)
                    ? new(AuditProblemKinds.Reordered, sequence, entry.RowKey, $"The entry at sequence {sequence} links to another entry than the one before it.")
                    : new(AuditProblemKinds.Deleted, sequence, entry.RowKey, $"The entry at sequence {sequence} links to an entry that is no longer there."));
            }

            previous = entry.Hash;
            expected++;
        }

        if (head is null)
        {
            return chain.Count == 0
                ? new AuditVerification(true, AuditChain.Genesis, 0, null)
                : Fail(new(AuditProblemKinds.Head, null, AuditHeadEntity.RowKeyValue, "The chain's head row is missing."));
        }

        if (head.Sequence > expected - 1)
        {
            return Fail(new(AuditProblemKinds.Deleted, expected, head.LastRowKey, $"The head names sequence {head.Sequence}; the chain ends at {expected - 1}."));
        }

        if (head.Sequence != expected - 1 || head.Hash != previous)
        {
            return Fail(new(AuditProblemKinds.Head, expected - 1, AuditHeadEntity.RowKeyValue, "The head does not match the last entry of the chain."));
        }

        return new AuditVerification(true, head.Hash, chain.Count, null);
    }

    /// <summary>The sequence at which <paramref name="entry"/>'s content gives its stored hash, when that is another than its own.</summary>
    private static long? MovedFrom(AuditEntity entry, int count)
    {
        long own = entry.Sequence!.Value;
        try
        {
            for (long candidate = 1; candidate <= Math.Max(count, own) + 1; candidate++)
            {
                entry.Sequence = candidate;
                if (candidate != own && AuditChain.HashOf(entry) == entry.Hash)
                {
                    return candidate;
                }
            }

            return null;
        }
        finally
        {
            entry.Sequence = own;
        }
    }
}
