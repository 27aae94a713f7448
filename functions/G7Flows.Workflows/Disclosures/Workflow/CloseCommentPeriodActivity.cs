using Azure.Data.Tables;
using G7Flows.Workflows.Disclosures.Domain;
using G7Flows.Workflows.Disclosures.Storage;
using G7Flows.Workflows.Platform.Storage;
using G7Flows.Workflows.Platform.Testing;
using Microsoft.DurableTask;

namespace G7Flows.Workflows.Disclosures.Workflow;

/// <summary>
/// Ends the public comment period: the disclosure moves to final approval under the row's ETag, so a comment is either
/// stored before (and moderated, and seen by the approver) or refused after. Idempotent.
/// </summary>
public sealed class CloseCommentPeriodActivity(DisclosureStore store, AuditLog audit, FaultInjector faults) : TaskActivity<CommentPeriodRequest, StepResult>
{
    public override async Task<StepResult> RunAsync(TaskActivityContext context, CommentPeriodRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        faults.OnActivity(nameof(CloseCommentPeriodActivity));
        DisclosureSnapshot after = await store.UpdateAsync(input.DisclosureId, s =>
        {
            if (s.Status != DisclosureStatus.PublicComment)
            {
                return null;
            }

            s.Disclosure.Status = nameof(DisclosureStatus.FinalApproval);
            s.Disclosure.LastChangeAt = input.At;
            return Array.Empty<TableTransactionAction>();
        });

        await store.UpsertIndexAsync(after.Disclosure);
        if (after.Status == DisclosureStatus.FinalApproval)
        {
            await audit.AppendAsync(DisclosureAudit.Step(
                input.DisclosureId, input.At, "comment-period-closed", "comment-period-closed", after.Disclosure.Nation,
                $"{after.Comments.Count} comment(s): {after.PendingComments} awaiting moderation."));
        }

        return new StepResult(after.Status, after.Disclosure.Revision);
    }
}
