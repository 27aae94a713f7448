using G7Flows.Workflows.Consultations.Domain;
using G7Flows.Workflows.Consultations.Records;
using G7Flows.Workflows.Consultations.Storage;
using G7Flows.Workflows.Platform.Storage;
using G7Flows.Workflows.Platform.Testing;
using G7Flows.Workflows.Reports.Facts;
using Microsoft.DurableTask;

namespace G7Flows.Workflows.Consultations.Workflow;

/// <summary>
/// Closes the consultation from what is stored: decides the outcome under the consultation row's ETag (every answer
/// stored before the close is counted; every answer after it is refused), brings the listing and the inbox tasks to
/// their final state, completes the audit trail and publishes the record, all in one activity (one round trip of the
/// engine instead of two). Idempotent: a retry finds the row closed, the entries and the blobs written, and finishes
/// the rest; both renderings of the record come from the same snapshot and trail, so a retry publishes the same bytes.
/// Last, the consultation's report fact is written.
/// </summary>
public sealed class CloseConsultationActivity(ConsultationStore store, AuditLog audit, RecordPublisher publisher, FactRecorder facts, FaultInjector faults) : TaskActivity<CloseRequest, CloseResult>
{
    public override async Task<CloseResult> RunAsync(TaskActivityContext context, CloseRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        faults.OnActivity(nameof(CloseConsultationActivity));
        var (snapshot, closedNow) = await store.CloseAsync(input.ConsultationId, s => Decide(s, input), input.ClosedAt, input.ClosedBy);
        ConsultationEntity c = snapshot.Consultation;
        if (c.Status == nameof(ConsultationStatus.Open))
        {
            return new CloseResult(false, ConsultationStatus.Open, string.Empty, [], c.Deadline.UtcDateTime);
        }

        if (closedNow)
        {
            ConsultationTelemetry.Closed(c.Status, c.Rule, (c.ClosedAt ?? input.ClosedAt) - c.CreatedAt);
        }

        faults.OnCrashPoint(CrashPoints.AfterCloseBeforeSettle);
        await store.SettleClosedAsync(snapshot, afterWrite: n => faults.OnCrashPoint(CrashPoints.AfterSettleWrite(n)));
        DateTimeOffset closedAt = c.ClosedAt ?? input.ClosedAt;
        var counted = Counted(snapshot);

        // The answers' audit facts were stored with the answers; the trail gets them, the counts and the close now.
        var entries = new List<AuditEntry>();
        if (c.CreatedFrom is { } from)
        {
            entries.Add(ConsultationAuditEntries.Started(c, from));
        }

        entries.AddRange(snapshot.Positions.Where(p => p.RespondedAt is not null)
            .Select(p => ConsultationAuditEntries.ResponseSubmitted(input.ConsultationId, p, p.Source ?? "recovered-at-close")));
        entries.AddRange(counted.Select(r => new AuditEntry(
            input.ConsultationId, closedAt, "workflow", "response-counted", "workflow", $"counted-{r.Nation}",
            Nation: r.Nation, Detail: WireNames.Of(r.Position))));
        entries.Add(new AuditEntry(
            input.ConsultationId, closedAt, c.ClosedBy ?? input.ClosedBy, "consultation-closed", "workflow", "closed",
            Detail: $"{c.Status}: {c.OutcomeReason}"));
        // Nothing is in the trail of a consultation whose row never said otherwise (see ConsultationEntity.TrailWritten);
        // a retry that finds its own entries there already adds them again harmlessly (each key is added once).
        bool trailRead = c.CreatedFrom is null || c.TrailWritten == true;
        IReadOnlyList<AuditEntity> trail = trailRead ? await audit.ReadAsync(input.ConsultationId) : [];
        var present = trail.Select(e => e.RowKey).ToHashSet(StringComparer.Ordinal);
        var missing = entries.Where(e => present.Add(AuditLog.ToEntity(e).RowKey)).ToList();

        // The trail is completed first, so the record carries the chain's hash at the last entry of its history; a retry
        // finds the same entries stored with the same hashes and so builds the same record.
        IReadOnlyList<AuditEntity> stored = await audit.AppendAllAsync(missing, trailIsEmpty: !trailRead);

        // The record from the partition as closed and the trail up to the close (what is read plus what was missing).
        faults.OnCrashPoint(CrashPoints.BeforePublish);
        faults.OnActivity(nameof(PublishRecordActivity));
        ConsultationRecord record = ConsultationRecord.From(snapshot, [.. trail, .. stored]);
        string blob = await publisher.PublishAsync(record);
        var published = new AuditEntry(input.ConsultationId, record.ClosedAt ?? closedAt, "workflow", "record-published", "workflow", "published", Detail: blob);
        if (present.Add(AuditLog.ToEntity(published).RowKey))
        {
            await audit.AppendAsync(published);
        }

        await store.SetRecordOnceAsync(input.ConsultationId, blob);
        // The fact from the partition as closed (the same rows a read would return now), without reading it again.
        await facts.RecordClosedConsultationAsync(snapshot);

        ConsultationStatus status = Enum.Parse<ConsultationStatus>(c.Status);
        return new CloseResult(true, status, c.OutcomeReason ?? string.Empty, counted, c.Deadline.UtcDateTime, blob);
    }

    /// <summary>The outcome the stored answers give for this request, or null when the consultation stays open.</summary>
    public static Decision? Decide(ConsultationSnapshot snapshot, CloseRequest request)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(request);
        ConsultationEntity c = snapshot.Consultation;
        var participants = ConsultationStore.SplitList(c.Participants).ToList();
        var tally = Counted(snapshot).ToDictionary(r => r.Nation, r => r.Position, StringComparer.Ordinal);
        DecisionRule rule = WireNames.TryParseRule(c.Rule, out var r) ? r : throw new InvalidOperationException("Stored rule is unknown.");
        return request.Trigger switch
        {
            CloseTrigger.Withdrawal => new Decision(ConsultationStatus.Withdrawn, $"Withdrawn by staff: {request.Reason}"),

            // A later stored deadline is an extension the orchestration has not heard of yet: it plans a new timer.
            CloseTrigger.Deadline when c.Deadline.UtcDateTime > request.Deadline => null,
            CloseTrigger.Deadline => DecisionRules.Evaluate(rule, c.Threshold, participants, tally, deadlinePassed: true),
            _ => DecisionRules.Evaluate(rule, c.Threshold, participants, tally, deadlinePassed: false),
        };
    }

    /// <summary>True when the stored answers of <paramref name="snapshot"/> already decide the outcome under its rule.</summary>
    public static bool StoredAnswersDecide(ConsultationSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ConsultationEntity c = snapshot.Consultation;
        return Decide(snapshot, new CloseRequest(c.PartitionKey, CloseTrigger.Rule, c.Deadline.UtcDateTime, c.Deadline.UtcDateTime, "rule")) is not null;
    }

    private static List<CountedResponse> Counted(ConsultationSnapshot snapshot) =>
        [.. ConsultationStore.StoredResponses(snapshot)
            .Select(r => new CountedResponse(r.Nation, r.Position))
            .OrderBy(r => r.Nation, StringComparer.Ordinal)];
}
