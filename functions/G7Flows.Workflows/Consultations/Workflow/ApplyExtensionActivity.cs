using G7Flows.Workflows.Consultations.Domain;
using G7Flows.Workflows.Consultations.Storage;
using G7Flows.Workflows.Platform.Testing;
using Microsoft.DurableTask;

namespace G7Flows.Workflows.Consultations.Workflow;

/// <summary>
/// Brings the copies of the deadline (the listing and the open inbox tasks) to the deadline stored by the extension
/// request. The stored deadline itself, and its audit entry, were written by that request before its 202.
/// </summary>
public sealed class ApplyExtensionActivity(ConsultationStore store, FaultInjector faults) : TaskActivity<ExtensionRequest, DateTime>
{
    public override async Task<DateTime> RunAsync(TaskActivityContext context, ExtensionRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        faults.OnActivity(nameof(ApplyExtensionActivity));
        ConsultationEntity c = await store.SyncDeadlineCopiesAsync(input.ConsultationId);
        return c.Deadline.UtcDateTime;
    }
}
