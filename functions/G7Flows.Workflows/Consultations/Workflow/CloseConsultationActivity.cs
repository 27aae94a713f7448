using G7Flows.Workflows.Consultations.Domain;
using G7Flows.Workflows.Consultations.Storage;
using G7Flows.Workflows.Platform.Storage;
using G7Flows.Workflows.Platform.Testing;
using Microsoft.DurableTask;

namespace G7Flows.Workflows.Consultations.Workflow;

/// <summary>
/// Closes the consultation from what is stored: decides the outcome under the consultation row's ETag (every answer
/// stored before the close is counted; every answer after it is refused), then brings the listing, the inbox tasks and
/// the audit trail to their final state. Idempotent: a retry finds the row closed and finishes the rest.
/// </summary>
public sealed class CloseConsultationActivity(ConsultationStore store, AuditLog audit, FaultInjector faults) : TaskActivity<CloseRequest, CloseResult>
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
        await store.SettleCopiesAsync(c, afterWrite: n => faults.OnCrashPoint(CrashPoints.AfterSettleWrite(n)));
        DateTimeOffset closedAt = c.ClosedAt ?? input.ClosedAt;
        var counted = Counted(snapshot);
        var entries = new List<AuditEntry>();

        // A request that stopped between storing its answer and auditing it left no entry.
        entries.AddRange(snapshot.Positions.Where(p => p.RespondedAt is not null)
            .Select(p => ConsultationAuditEntries.ResponseSubmitted(input.ConsultationId, p, "recovered-at-close")));
        entries.AddRange(counted.Select(r => new AuditEntry(
            input.ConsultationId, closedAt, "workflow", "response-counted", "workflow", $"counted-{r.Nation}",
            Nation: r.Nation, Detail: WireNames.Of(r.Position))));
        entries.Add(new AuditEntry(
            input.ConsultationId, closedAt, c.ClosedBy ?? input.ClosedBy, "consultation-closed", "workflow", "closed",
            Detail: $"{c.Status}: {c.OutcomeReason}"));
        await audit.AppendMissingAsync(input.ConsultationId, entries);

        ConsultationStatus status = Enum.Parse<ConsultationStatus>(c.Status);
        return new CloseResult(true, status, c.OutcomeReason ?? string.Empty, counted, c.Deadline.UtcDateTime);
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

    private static List<CountedResponse> Counted(ConsultationSnapshot snapshot) =>
        [.. ConsultationStore.StoredResponses(snapshot)
            .Select(r => new CountedResponse(r.Nation, r.Position))
            .OrderBy(r => r.Nation, StringComparer.Ordinal)];
}
