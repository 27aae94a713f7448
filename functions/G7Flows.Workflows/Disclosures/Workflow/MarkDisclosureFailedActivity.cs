using Azure.Data.Tables;
using G7Flows.Workflows.Disclosures.Domain;
using G7Flows.Workflows.Disclosures.Storage;
using G7Flows.Workflows.Platform.Storage;
using Microsoft.DurableTask;

namespace G7Flows.Workflows.Disclosures.Workflow;

/// <summary>
/// Makes a workflow that could not go on visible: the disclosure keeps its status but shows the failed step and the
/// reason (in GET), staff are notified and the audit trail says so. Staff may withdraw it. Idempotent.
/// </summary>
public sealed class MarkDisclosureFailedActivity(DisclosureStore store, AuditLog audit) : TaskActivity<DisclosureFailure, StepResult>
{
    public override async Task<StepResult> RunAsync(TaskActivityContext context, DisclosureFailure input)
    {
        ArgumentNullException.ThrowIfNull(input);
        DisclosureSnapshot s = await store.UpdateAsync(input.DisclosureId, s =>
        {
            DisclosureEntity d = s.Disclosure;
            if (d.FailedAt == input.FailedAt)
            {
                return null;
            }

            d.FailedStep = input.Step;
            d.FailureReason = input.Reason;
            d.FailedAt = input.FailedAt;
            return Array.Empty<TableTransactionAction>();
        });

        await store.NotifyAsync(new NotificationEntity
        {
            PartitionKey = DisclosureStore.StaffInbox,
            RowKey = $"{input.DisclosureId}-failed-{input.FailedAt.Ticks:D19}",
            Kind = "workflow-failed",
            Title = s.Disclosure.Title,
            Deadline = input.FailedAt,
            CreatedAt = input.FailedAt,
            Workflow = DisclosureStore.WorkflowName,
            SubjectId = input.DisclosureId,
        });
        await audit.AppendAsync(DisclosureAudit.Step(
            input.DisclosureId, input.FailedAt, "workflow-failed", "failed", s.Disclosure.Nation, $"{input.Step}: {input.Reason}"));
        return new StepResult(s.Status, s.Disclosure.Revision);
    }
}
