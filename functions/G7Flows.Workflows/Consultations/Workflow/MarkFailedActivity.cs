using G7Flows.Workflows.Consultations.Domain;
using G7Flows.Workflows.Consultations.Storage;
using G7Flows.Workflows.Platform.Storage;
using Microsoft.DurableTask;

namespace G7Flows.Workflows.Consultations.Workflow;

/// <summary>
/// Makes a workflow that could not go on visible: the consultation shows <c>Failed</c> with the reason (in GET and
/// the listing), its inbox tasks go, the audit trail says so, and staff are notified. Idempotent.
/// </summary>
public sealed class MarkFailedActivity(ConsultationStore store, AuditLog audit) : TaskActivity<FailureRequest, string>
{
    /// <summary>The notification partition staff read.</summary>
    public const string StaffInbox = "staff";

    public override async Task<string> RunAsync(TaskActivityContext context, FailureRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        ConsultationEntity c = await store.MarkFailedAsync(input);
        if (c.Status == nameof(ConsultationStatus.Failed))
        {
            await store.SettleCopiesAsync(c);
            await store.NotifyAsync(new NotificationEntity
            {
                PartitionKey = StaffInbox,
                RowKey = $"{input.ConsultationId}-failed",
                Kind = "workflow-failed",
                ConsultationId = input.ConsultationId,
                Title = c.Title,
                Deadline = c.Deadline,
                CreatedAt = input.FailedAt,
            });
            await audit.AppendAsync(new AuditEntry(
                input.ConsultationId, input.FailedAt, "workflow", "workflow-failed", "workflow", "failed",
                Detail: c.OutcomeReason));
        }

        return c.Status;
    }
}
