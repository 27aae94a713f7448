using G7Flows.Workflows.Consultations.Storage;
using G7Flows.Workflows.Platform.Storage;


namespace G7Flows.Workflows.Consultations.Records;

/// <summary>An entry of the record's timeline, taken from the audit trail.</summary>
public sealed record TimelineEntry(DateTimeOffset At, string Actor, string Action, string? Nation, string? Detail);

/// <summary>The published consultation record: the proposal, the rule, every position, the timeline and the outcome.</summary>
public sealed record ConsultationRecord(ConsultationView Consultation, IReadOnlyList<TimelineEntry> Timeline)
{
    public string Id => this.Consultation.Id;

    public DateTimeOffset? ClosedAt => this.Consultation.Outcome?.ClosedAt;

    /// <summary>
    /// The hash of the audit chain at the last entry of this record's history (the entry with the highest sequence among
    /// those in the timeline): it pins every entry appended up to it, so the trail cannot be rewritten unnoticed after
    /// publication. Null when the trail is not chained.
    /// </summary>
    public string? AuditHeadHash { get; init; }

    /// <summary>
    /// Audit actions that are not part of the consultation's history as published (they may come after it); nor is any
    /// refused request (<c>*-refused</c>), whose entry is anchored at the moment that made it refused, not when it came.
    /// </summary>
    private static readonly HashSet<string> NotInRecord = new(StringComparer.Ordinal) { "record-published", "late-response-refused", "refusals-coalesced" };

    /// <summary>
    /// The record of a closed consultation. Only the trail up to the close is used, and nothing that can be written
    /// after it, so that the record built by a retried publication is the same, byte for byte.
    /// </summary>
    public static ConsultationRecord From(ConsultationSnapshot snapshot, IReadOnlyList<AuditEntity> trail)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(trail);
        ConsultationView view = ConsultationView.From(snapshot) with { Record = null };
        DateTimeOffset cutoff = snapshot.Consultation.ClosedAt ?? DateTimeOffset.MaxValue;
        var included = trail
            .Where(e => !NotInRecord.Contains(e.Action) && !e.Action.EndsWith("-refused", StringComparison.Ordinal) && e.At <= cutoff)
            .OrderBy(e => e.RowKey, StringComparer.Ordinal)
            .ToList();
        var timeline = included.Select(e => new TimelineEntry(e.At, e.Actor, e.Action, e.Nation, e.Detail)).ToList();
        string? head = included.Where(e => e.Sequence is not null && e.Hash is not null).MaxBy(e => e.Sequence)?.Hash;
        return new ConsultationRecord(view, timeline) { AuditHeadHash = head };
    }
}
