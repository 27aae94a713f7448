using Azure;
using Azure.Data.Tables;

namespace G7Flows.Workflows.Platform.Storage;

/// <summary>
/// A notification to a nation, an assignee group or staff, such as a reminder before a deadline or an escalation.
/// Consultation notifications name their <see cref="ConsultationId"/>; other workflows' name their
/// <see cref="Workflow"/> and <see cref="SubjectId"/>.
/// </summary>
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

    /// <summary>The workflow the notification is about (<c>disclosure</c>); null for consultations.</summary>
    public string? Workflow { get; set; }

    /// <summary>The id of the workflow instance (a disclosure's id); null for consultations.</summary>
    public string? SubjectId { get; set; }
}
