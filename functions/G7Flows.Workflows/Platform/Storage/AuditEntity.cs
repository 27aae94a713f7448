using Azure;
using Azure.Data.Tables;

namespace G7Flows.Workflows.Platform.Storage;

/// <summary>An audit entry: who did what, when and from where. Only ever added, never updated.</summary>
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
}
