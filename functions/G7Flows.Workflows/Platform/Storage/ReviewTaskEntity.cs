using Azure;
using Azure.Data.Tables;

namespace G7Flows.Workflows.Platform.Storage;

/// <summary>An open review task in a nation's inbox.</summary>
public sealed class ReviewTaskEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string ConsultationId { get; set; } = string.Empty;

    public string Title { get; set; } = string.Empty;

    public string Kind { get; set; } = string.Empty;

    public string Rule { get; set; } = string.Empty;

    public DateTimeOffset Due { get; set; }

    public DateTimeOffset AssignedAt { get; set; }
}
