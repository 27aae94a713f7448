using Azure.Data.Tables;
using G7Flows.Workflows.Disclosures.Domain;
using G7Flows.Workflows.Disclosures.Storage;
using G7Flows.Workflows.Platform.Storage;
using G7Flows.Workflows.Platform.Testing;
using Microsoft.DurableTask;

namespace G7Flows.Workflows.Disclosures.Workflow;

/// <summary>
/// Opens a review step: stores the step and its due time with the disclosure and puts a task in the step's inbox
/// (<c>security-reviewer:FR</c>, <c>human-rights-reviewer</c> or <c>approver:FR</c>). Idempotent. A disclosure withdrawn
/// meanwhile gets no task; its status is returned.
/// </summary>
public sealed class OpenReviewStepActivity(DisclosureStore store, AuditLog audit, FaultInjector faults) : TaskActivity<OpenStepRequest, StepResult>
{
    public override async Task<StepResult> RunAsync(TaskActivityContext context, OpenStepRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        faults.OnActivity(nameof(OpenReviewStepActivity));
        DisclosureStatus expected = DisclosureStatuses.OfStep(input.Step);
        DisclosureSnapshot after = await store.UpdateAsync(input.DisclosureId, s =>
        {
            DisclosureEntity d = s.Disclosure;
            if (s.Status != expected || d.Revision != input.Revision || (d.CurrentStep == input.Step && d.StepOpenedAt == input.OpenedAt))
            {
                return null;
            }

            d.CurrentStep = input.Step;
            d.StepOpenedAt = input.OpenedAt;
            d.StepDue = input.Due;
            d.LastChangeAt = input.OpenedAt;
            return Array.Empty<TableTransactionAction>();
        });

        DisclosureEntity stored = after.Disclosure;
        if (after.Status == expected && stored.Revision == input.Revision && after.ReviewOf(input.Revision, input.Step) is null)
        {
            await store.AssignTaskAsync(stored, input.Step, input.OpenedAt, input.Due);
            await audit.AppendAsync(DisclosureAudit.Step(
                input.DisclosureId, input.OpenedAt, "step-opened", $"open-{input.Revision:D2}-{input.Step}", stored.Nation,
                $"{input.Step} review of revision {input.Revision}, due {input.Due:O}."));
        }

        await store.UpsertIndexAsync(stored);
        return new StepResult(after.Status, stored.Revision);
    }
}
