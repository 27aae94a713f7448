using System.Globalization;
using Azure;
using Azure.Data.Tables;
using G7Flows.Workflows.Platform.Storage;

namespace G7Flows.Workflows.Reports.Facts;

/// <summary>
/// A fact row: one closed workflow, in the partitions of the month it closed in. Each month is spread over
/// <see cref="Shards"/> partitions (by a stable hash of the workflow id), so that a report reads its period with that
/// many queries in parallel and never scans the table. Shard <c>s</c> of every month lives in the table
/// <c>StorageNames.ReportFactShardTables[s]</c>; rows written before lived, with the same keys, in <c>ReportFacts</c>.
/// </summary>
public sealed class FactEntity : ITableEntity
{
    /// <summary>Partitions per month.</summary>
    public const int Shards = StorageNames.ReportFactShards;

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    /// <summary><c>consultation</c> or <c>disclosure</c>.</summary>
    public string Kind { get; set; } = string.Empty;

    /// <summary>
    /// The fact, in one property (a report reads all of it anyway): a consultation's in the compact form of
    /// <see cref="CompactFact"/> (<c>c2|…</c>), a disclosure's (and any row written before that form) as JSON (<c>{…}</c>).
    /// </summary>
    public string Body { get; set; } = string.Empty;

    /// <summary>The partition of a workflow's fact in a month (<c>2026-11-3</c>).</summary>
    public static string ConstructPartitionKey(string month, string workflowId) =>
        string.Create(CultureInfo.InvariantCulture, $"{month}-{ShardOf(workflowId)}");

    /// <summary>Every partition of a month.</summary>
    public static IEnumerable<string> PartitionsOf(string month) =>
        Enumerable.Range(0, Shards).Select(s => string.Create(CultureInfo.InvariantCulture, $"{month}-{s}"));

    /// <summary>The row key prefix of a consultation's fact.</summary>
    public const string ConsultationPrefix = "c-";

    /// <summary>The row key prefix of a disclosure's fact.</summary>
    public const string DisclosurePrefix = "d-";

    public static string ConstructRowKey(FactKind kind, string workflowId) =>
        (kind == FactKind.Consultation ? ConsultationPrefix : DisclosurePrefix) + KeySanitizer.Check(workflowId);

    /// <summary>The shard of a partition key (its last number: <c>2026-11-3</c> is shard 3).</summary>
    public static int ShardOfPartition(string partitionKey)
    {
        ArgumentNullException.ThrowIfNull(partitionKey);
        return int.Parse(partitionKey.AsSpan(partitionKey.LastIndexOf('-') + 1), NumberStyles.None, CultureInfo.InvariantCulture);
    }

    /// <summary>FNV-1a over the id: the same shard in every process and version (string.GetHashCode is randomised).</summary>
    private static int ShardOf(string workflowId)
    {
        uint hash = 2166136261;
        foreach (char c in workflowId)
        {
            hash = (hash ^ c) * 16777619;
        }

        return (int)(hash % Shards);
    }
}
