using G7Flows.Workflows.Consultations.Domain;
using G7Flows.Workflows.Consultations.Storage;
using G7Flows.Workflows.Platform.Storage;
using Microsoft.DurableTask;

namespace G7Flows.Workflows.Consultations.Workflow;

/// <summary>
/// Makes a workflow that could not go on visible: the consultation shows <c>Failed</c> with the reason (in GET and
/// the listing), its inbox tasks go, staff are notified and the audit trail says so. A consultation that had closed
/// keeps its outcome, and staff are told that its record was not published. Idempotent.
/// </summary>
public sealed class MarkFailedActivity(ConsultationStore store, AuditLog audit) : TaskActivity<FailureRequest, string>
{
    public override async Task<string> RunAsync(TaskActivityContext context, FailureRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        ConsultationEntity c = await store.FailAsync(input);
        if (c.Status == nameof(ConsultationStatus.Failed))
        {
            if (c.CreatedFrom is { } from)
            {
                await audit.AppendAsync(ConsultationAuditEntries.Started(c, from));
            }

            await audit.AppendAsync(new AuditEntry(
                input.ConsultationId, input.FailedAt, "workflow", "workflow-failed", "workflow", "failed",
                Detail: c.OutcomeReason));
        }
        else if (c.RecordBlob is null && c.Status != nameof(ConsultationStatus.Open))
        {
            await audit.AppendAsync(new AuditEntry(
                input.ConsultationId, input.FailedAt, "workflow", "record-publication-failed", "workflow", "record-failed",
                Detail: $"{input.Step}: {input.Reason}"));
        }

        return c.Status;
    }
}
