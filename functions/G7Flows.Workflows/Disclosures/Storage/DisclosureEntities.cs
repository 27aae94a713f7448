using Azure;
using Azure.Data.Tables;
using G7Flows.Workflows.Platform.Storage;

namespace G7Flows.Workflows.Disclosures.Storage;

/// <summary>
/// The disclosure itself: one row in the disclosure's own partition. Every change to the disclosure's partition that
/// must not race another (an answer, a comment, a moderation, a revision, a withdrawal, a step of the workflow) writes
/// this row with the ETag it read, in the same entity group transaction.
/// </summary>
public sealed class DisclosureEntity : ITableEntity
{
    /// <summary>The row key of the disclosure row; its revisions, reviews, comments and counters sit beside it.</summary>
    public const string Row = "disclosure";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = Row;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Nation { get; set; } = string.Empty;

    public string Kind { get; set; } = string.Empty;

    public string Title { get; set; } = string.Empty;

    /// <summary>One of <see cref="Domain.DisclosureStatus"/>, by name.</summary>
    public string Status { get; set; } = string.Empty;

    /// <summary>The current revision's number (1 for the submission).</summary>
    public int Revision { get; set; }

    /// <summary>How often it has been sent back for changes.</summary>
    public int ChangeRequests { get; set; }

    /// <summary>The comment period, an ISO-8601 duration.</summary>
    public string CommentPeriod { get; set; } = string.Empty;

    public DateTimeOffset? CommentPeriodEnds { get; set; }

    public DateTimeOffset? EmbargoUntil { get; set; }

    /// <summary>The time each review step has, ISO-8601 durations.</summary>
    public string DueSecurity { get; set; } = string.Empty;

    public string DueHumanRights { get; set; } = string.Empty;

    public string DueFinal { get; set; } = string.Empty;

    /// <summary>The review step that is open (its wire name), while one is.</summary>
    public string? CurrentStep { get; set; }

    public DateTimeOffset? StepOpenedAt { get; set; }

    public DateTimeOffset? StepDue { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public string CreatedBy { get; set; } = string.Empty;

    public string CreatedBySubject { get; set; } = string.Empty;

    /// <summary>SHA-256 of the submitting request, to answer a retried request with the same Idempotency-Key.</summary>
    public string RequestHash { get; set; } = string.Empty;

    public DateTimeOffset? ApprovedAt { get; set; }

    public DateTimeOffset? PublishedAt { get; set; }

    public string? PublicPath { get; set; }

    public string? PublicJsonUri { get; set; }

    public string? PublicHtmlUri { get; set; }

    public string? PublicSha256 { get; set; }

    /// <summary>The head hash of the disclosure's audit chain when it was marked published; the public document carries it.</summary>
    public string? AuditHeadHash { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    public string? ClosedBy { get; set; }

    public string? OutcomeReason { get; set; }

    public string? FailedStep { get; set; }

    public string? FailureReason { get; set; }

    public DateTimeOffset? FailedAt { get; set; }

    /// <summary>When the partition last changed; every guarded change writes it, so that they share this row's ETag.</summary>
    public DateTimeOffset? LastChangeAt { get; set; }

    public static string ConstructPartitionKey(string disclosureId) => KeySanitizer.Check(disclosureId);
}

/// <summary>One revision of the body: the revisions index. The body itself is a private blob.</summary>
public sealed class RevisionEntity : ITableEntity
{
    public const string Prefix = "revision-";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public int Number { get; set; }

    public string BlobName { get; set; } = string.Empty;

    public int BodyLength { get; set; }

    public string BodySha256 { get; set; } = string.Empty;

    /// <summary>The expenditure report of a military-expenditure disclosure, as canonical JSON; else null.</summary>
    public string? Expenditure { get; set; }

    public DateTimeOffset SubmittedAt { get; set; }

    public string SubmittedBy { get; set; } = string.Empty;

    /// <summary>The screening's findings, JSON (at most <see cref="DisclosureStore.MaxStoredFindings"/>); null until screened.</summary>
    public string? Findings { get; set; }

    public int? FindingsTotal { get; set; }

    public bool? Blocked { get; set; }

    public DateTimeOffset? ScreenedAt { get; set; }

    public static string ConstructRowKey(int number) => $"{Prefix}{number:D2}";
}

/// <summary>A review answer: one per step and revision, written once.</summary>
public sealed class ReviewEntity : ITableEntity
{
    public const string Prefix = "review-";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Step { get; set; } = string.Empty;

    public int Revision { get; set; }

    public string Decision { get; set; } = string.Empty;

    public string? Comment { get; set; }

    public string Reviewer { get; set; } = string.Empty;

    public string ReviewerSubject { get; set; } = string.Empty;

    public DateTimeOffset ReviewedAt { get; set; }

    /// <summary>When the workflow acted on it.</summary>
    public DateTimeOffset? ActedAt { get; set; }

    public static string ConstructRowKey(int revision, string step) => $"{Prefix}{revision:D2}-{KeySanitizer.Check(step)}";
}

/// <summary>A civil-society comment and its moderation.</summary>
public sealed class CommentEntity : ITableEntity
{
    public const string Prefix = "comment-";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string CommentId { get; set; } = string.Empty;

    public string Organisation { get; set; } = string.Empty;

    public string Author { get; set; } = string.Empty;

    public string AuthorSubject { get; set; } = string.Empty;

    public string Text { get; set; } = string.Empty;

    public DateTimeOffset PostedAt { get; set; }

    /// <summary>One of <see cref="Domain.Moderation"/>'s states: pending, published, rejected.</summary>
    public string Moderation { get; set; } = Domain.Moderation.Pending;

    public string? ModeratedBy { get; set; }

    public DateTimeOffset? ModeratedAt { get; set; }

    public string? ModerationReason { get; set; }

    public static string ConstructRowKey(string commentId) => Prefix + KeySanitizer.Check(commentId);
}

/// <summary>How many comments one organisation has posted on this disclosure: the flood limit's count, kept with the disclosure.</summary>
public sealed class OrganisationCountEntity : ITableEntity
{
    public const string Prefix = "org-";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Organisation { get; set; } = string.Empty;

    public int Count { get; set; }

    /// <summary>A key from the organisation's name (hashed: names may hold characters keys may not).</summary>
    public static string ConstructRowKey(string organisation) =>
        Prefix + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(organisation)).AsSpan(0, 16));
}

/// <summary>A row of the newest-first listing of disclosures.</summary>
public sealed class DisclosureIndexEntity : ITableEntity
{
    /// <summary>The single partition of the listing; disclosures are submitted at human pace.</summary>
    public const string Partition = "disclosures";

    public string PartitionKey { get; set; } = Partition;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string DisclosureId { get; set; } = string.Empty;

    public string Nation { get; set; } = string.Empty;

    public string Kind { get; set; } = string.Empty;

    public string Title { get; set; } = string.Empty;

    public string Status { get; set; } = string.Empty;

    public int Revision { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? StepDue { get; set; }

    public string? PublicPath { get; set; }

    /// <summary>Newest first: the row key sorts by inverted creation ticks.</summary>
    public static string ConstructRowKey(DateTimeOffset createdAt, string disclosureId) =>
        $"{DateTimeOffset.MaxValue.UtcTicks - createdAt.UtcTicks:D19}-{KeySanitizer.Check(disclosureId)}";
}
