using G7Flows.Workflows.Consultations.Domain;
using G7Flows.Workflows.Consultations.Storage;
using G7Flows.Workflows.Platform.Storage;
using Microsoft.DurableTask;

namespace G7Flows.Workflows.Consultations.Workflow;

/// <summary>
/// Reads the responses stored for a consultation, so that at the deadline the orchestration counts every
/// response accepted in time even if its event has not been delivered yet.
/// </summary>
public sealed class CollectResponsesActivity(ConsultationStore store) : TaskActivity<string, IReadOnlyList<ResponseEvent>>
{
    public override Task<IReadOnlyList<ResponseEvent>> RunAsync(TaskActivityContext context, string input) =>
        store.ReadStoredResponsesAsync(input);
}
