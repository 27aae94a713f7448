using G7Flows.Workflows.Consultations.Domain;
using G7Flows.Workflows.Consultations.Storage;
using G7Flows.Workflows.Platform.Testing;
using Microsoft.DurableTask;

namespace G7Flows.Workflows.Consultations.Workflow;

/// <summary>
/// Returns the answers already stored when the orchestration starts: their events may have reached the engine before
/// the instance existed, and the engine discards events for an instance that has not started. (The inbox tasks, the
/// listing and the start's audit entry are written by the start request itself, before its 202.)
/// </summary>
public sealed class OpenConsultationActivity(ConsultationStore store, FaultInjector faults) : TaskActivity<ConsultationInput, IReadOnlyList<ResponseEvent>>
{
    public override async Task<IReadOnlyList<ResponseEvent>> RunAsync(TaskActivityContext context, ConsultationInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        faults.OnActivity(nameof(OpenConsultationActivity));
        ConsultationSnapshot snapshot = await store.GetAsync(input.ConsultationId)
            ?? throw new InvalidOperationException($"Consultation {input.ConsultationId} was not stored before its workflow started.");
        return ConsultationStore.StoredResponses(snapshot);
    }
}
