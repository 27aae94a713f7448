using G7Flows.Workflows.Disclosures.Domain;
using G7Flows.Workflows.Disclosures.Storage;
using G7Flows.Workflows.Platform.Storage;
using G7Flows.Workflows.Platform.Testing;
using G7Flows.Workflows.Reports.Facts;
using Microsoft.DurableTask;

namespace G7Flows.Workflows.Disclosures.Workflow;

/// <summary>
/// Settles a disclosure that ended without publication (rejected or withdrawn): no task is left in any inbox, the
/// listing shows the final status, the trail says the workflow ended, and its report fact is written. Idempotent.
/// </summary>
public sealed class SettleDisclosureActivity(DisclosureStore store, AuditLog audit, FactRecorder facts, FaultInjector faults) : TaskActivity<SettleRequest, StepResult>
{
    public override async Task<StepResult> RunAsync(TaskActivityContext context, SettleRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        faults.OnActivity(nameof(SettleDisclosureActivity));
        DisclosureSnapshot s = await store.GetAsync(input.DisclosureId)
            ?? throw new InvalidOperationException($"Disclosure {input.DisclosureId} does not exist.");
        await store.DeleteAllTasksAsync(s.Disclosure);
        await store.UpsertIndexAsync(s.Disclosure);
        await audit.AppendAsync(DisclosureAudit.Step(
            input.DisclosureId, input.At, "workflow-ended", "ended", s.Disclosure.Nation, $"{s.Disclosure.Status}: {s.Disclosure.OutcomeReason}"));
        if (DisclosureFacts.Of(s) is { } fact)
        {
            await facts.RecordDisclosureAsync(fact);
        }

        return new StepResult(s.Status, s.Disclosure.Revision);
    }
}
