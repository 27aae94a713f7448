using Azure;
using Azure.Data.Tables;

namespace G7Flows.Workflows.Platform.Storage;

/// <summary>
/// An open review task in an assignee group's inbox. Consultation tasks sit in the nation's partition with
/// <see cref="ConsultationId"/> and <see cref="Rule"/>; tasks of other workflows name their <see cref="Workflow"/>,
/// <see cref="SubjectId"/>, <see cref="Step"/> and the route to act on them (<see cref="ActRoute"/>).
/// </summary>
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

    /// <summary>The workflow the task belongs to (<c>disclosure</c>); null for consultation tasks.</summary>
    public string? Workflow { get; set; }

    /// <summary>The id of the workflow instance (a disclosure's id); null for consultation tasks.</summary>
    public string? SubjectId { get; set; }

    /// <summary>The step the task asks for (a review step's wire name); null for consultation tasks.</summary>
    public string? Step { get; set; }

    /// <summary>The route (method and path) to act on the task; null for consultation tasks.</summary>
    public string? ActRoute { get; set; }
}
