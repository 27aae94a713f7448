using Azure;
using Azure.Data.Tables;

namespace G7Flows.Workflows.Platform.Storage;

/// <summary>An audit entry: who did what, when and from where, and its link in the trail's hash chain. Only ever added, never updated.</summary>
public sealed class AuditEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public DateTimeOffset At { get; set; }

    public string Actor { get; set; } = string.Empty;

    public string Action { get; set; } = string.Empty;

    public string? Nation { get; set; }

    public string? Detail { get; set; }

    public string Source { get; set; } = string.Empty;

    /// <summary>The entry's place in its workflow's chain, from 1 in the order entries were appended (see <see cref="AuditChain"/>).</summary>
    public long? Sequence { get; set; }

    /// <summary>The <see cref="Hash"/> of the entry before it in the chain; <see cref="AuditChain.Genesis"/> for the first.</summary>
    public string? PreviousHash { get; set; }

    /// <summary>The SHA-256 of the entry's canonical form (<see cref="AuditChain.Canonical"/>).</summary>
    public string? Hash { get; set; }
}

/// <summary>
/// The head of a workflow's audit chain: the last entry's sequence and hash, in the trail's partition under
/// <see cref="RowKeyValue"/> (after every entry's key). Every append replaces it under its ETag in the same
/// entity-group transaction that adds the entry, so two writers cannot both extend the chain from the same head.
/// </summary>
public sealed class AuditHeadEntity : ITableEntity
{
    /// <summary>The head's row key; entry keys start with digits, so it sorts after all of them.</summary>
    public const string RowKeyValue = "~head";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = RowKeyValue;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    /// <summary>The sequence of the last entry (0 before the first).</summary>
    public long Sequence { get; set; }

    /// <summary>The hash of the last entry (<see cref="AuditChain.Genesis"/> before the first).</summary>
    public string Hash { get; set; } = AuditChain.Genesis;

    /// <summary>The row key of the last entry.</summary>
    public string? LastRowKey { get; set; }
}
