using Azure;
using Azure.Data.Tables;

namespace G7Flows.Workflows.Platform.Storage;

/// <summary>A notification to a nation, such as a reminder before a deadline.</summary>
public sealed class NotificationEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Kind { get; set; } = string.Empty;

    public string ConsultationId { get; set; } = string.Empty;

    public string Title { get; set; } = string.Empty;

    public DateTimeOffset Deadline { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
