using Azure;
using Azure.Data.Tables;
using G7Flows.Workflows.Platform.Storage;

namespace G7Flows.Workflows.Consultations.Storage;

/// <summary>The consultation itself: one row in the consultation's own partition.</summary>
public sealed class ConsultationEntity : ITableEntity
{
    /// <summary>The row key of the consultation row; position rows sit beside it.</summary>
    public const string Row = "consultation";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = Row;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Title { get; set; } = string.Empty;

    public string Kind { get; set; } = string.Empty;

    public string Summary { get; set; } = string.Empty;

    public string Proposer { get; set; } = string.Empty;

    /// <summary>Participating nations, comma-separated, in the order given.</summary>
    public string Participants { get; set; } = string.Empty;

    public string Rule { get; set; } = string.Empty;

    public double Threshold { get; set; }

    public string Status { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }

    public string CreatedBy { get; set; } = string.Empty;

    public DateTimeOffset Deadline { get; set; }

    /// <summary>Reminder offsets before the deadline, ISO-8601 durations, comma-separated.</summary>
    public string Reminders { get; set; } = string.Empty;

    public int Extensions { get; set; }

    public string? OutcomeReason { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    public string? ClosedBy { get; set; }

    public string? RecordBlob { get; set; }

    /// <summary>When the last answer was stored; every answer writes it, so that answers and the close share one ETag.</summary>
    public DateTimeOffset? LastAnswerAt { get; set; }

    /// <summary>
    /// When the stored answers first decided the outcome: written by the deciding answer's transaction, before its 202.
    /// The orchestration is woken after the 202; a consultation still open a while after this time has not been woken
    /// (the process stopped in between), and the decision sweep wakes it (see <c>DecisiveAnswers</c>).
    /// </summary>
    public DateTimeOffset? DecidedAt { get; set; }

    /// <summary>SHA-256 of the creating request, to answer a retried request with the same Idempotency-Key.</summary>
    public string RequestHash { get; set; } = string.Empty;

    /// <summary>
    /// Where the start request came from: the start's audit entry is written from this row at close, with the answers'
    /// (null for consultations started before, whose start entry is in the trail already).
    /// </summary>
    public string? CreatedFrom { get; set; }

    /// <summary>
    /// Set before anything is written to the consultation's audit trail while it is open (a withdrawal, an extension,
    /// a reminder, a repair): the close then reads the trail for the record; otherwise it knows the trail is empty.
    /// </summary>
    public bool? TrailWritten { get; set; }

    public static string ConstructPartitionKey(string consultationId) => KeySanitizer.Check(consultationId);

    /// <summary>A copy that can be changed without changing this one (every property is a value or a string).</summary>
    public ConsultationEntity Copy() => (ConsultationEntity)this.MemberwiseClone();
}

/// <summary>A nation's position in a consultation: pending until its reviewer answers.</summary>
public sealed class PositionEntity : ITableEntity
{
    private const string Prefix = "position-";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Nation { get; set; } = string.Empty;

    /// <summary>approve, object or abstain; null while pending.</summary>
    public string? Position { get; set; }

    public string? Comment { get; set; }

    public string? Respondent { get; set; }

    public DateTimeOffset? RespondedAt { get; set; }

    /// <summary>Set when the consultation closes: whether this position counted in the outcome.</summary>
    public bool? Counted { get; set; }

    /// <summary>Stored, but after the orchestration had decided: not counted.</summary>
    public bool Late { get; set; }

    /// <summary>
    /// Where the answer came from, stored with it in the same transaction: the close copies who, when and from where
    /// into the audit trail, so the answer's audit facts cannot be lost between two writes.
    /// </summary>
    public string? Source { get; set; }

    /// <summary>A copy that can be changed without changing this one.</summary>
    public PositionEntity Copy() => (PositionEntity)this.MemberwiseClone();

    public static string ConstructRowKey(string nation) => Prefix + KeySanitizer.Check(nation);

    public static bool IsPositionRow(string rowKey) => rowKey.StartsWith(Prefix, StringComparison.Ordinal);
}

/// <summary>A row of the newest-first listing index.</summary>
public sealed class ConsultationIndexEntity : ITableEntity
{
    /// <summary>The single partition of the index; consultations are started at human pace.</summary>
    public const string Partition = "consultations";

    public string PartitionKey { get; set; } = Partition;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string ConsultationId { get; set; } = string.Empty;

    public string Title { get; set; } = string.Empty;

    public string Kind { get; set; } = string.Empty;

    public string Rule { get; set; } = string.Empty;

    public string Status { get; set; } = string.Empty;

    public string Participants { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset Deadline { get; set; }

    // One flag per nation, so that "consultations with FR" is a server-side filter.
    public bool CA { get; set; }

    public bool FR { get; set; }

    public bool DE { get; set; }

    public bool IT { get; set; }

    public bool JP { get; set; }

    public bool GB { get; set; }

    public bool US { get; set; }

    public bool EU { get; set; }

    /// <summary>Newest first: the row key sorts by inverted creation ticks.</summary>
    public static string ConstructRowKey(DateTimeOffset createdAt, string consultationId) =>
        $"{DateTimeOffset.MaxValue.UtcTicks - createdAt.UtcTicks:D19}-{KeySanitizer.Check(consultationId)}";
}
