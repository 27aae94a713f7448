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

    public static ConsultationRecord From(ConsultationSnapshot snapshot, IReadOnlyList<AuditEntity> trail)
    {
        ArgumentNullException.ThrowIfNull(trail);
        ConsultationView view = ConsultationView.From(snapshot) with { Record = null };
        var timeline = trail
            .Where(e => e.Action != "record-published")
            .OrderBy(e => e.RowKey, StringComparer.Ordinal)
            .Select(e => new TimelineEntry(e.At, e.Actor, e.Action, e.Nation, e.Detail))
            .ToList();
        return new ConsultationRecord(view, timeline);
    }
}
