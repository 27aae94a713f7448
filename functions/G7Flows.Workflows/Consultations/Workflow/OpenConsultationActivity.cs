using G7Flows.Workflows.Consultations.Domain;
using G7Flows.Workflows.Consultations.Storage;
using G7Flows.Workflows.Platform.Storage;
using Microsoft.DurableTask;

namespace G7Flows.Workflows.Consultations.Workflow;

/// <summary>
/// Puts the consultation in each participant's inbox and in the listing, notes the start in the audit trail, and
/// returns the responses already stored: their events may have reached the engine before the orchestration had
/// started, and the engine discards events for an instance that has not started.
/// </summary>
public sealed class OpenConsultationActivity(ConsultationStore store, AuditLog audit) : TaskActivity<ConsultationInput, IReadOnlyList<ResponseEvent>>
{
    public override async Task<IReadOnlyList<ResponseEvent>> RunAsync(TaskActivityContext context, ConsultationInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        ConsultationSnapshot snapshot = await store.GetAsync(input.ConsultationId)
            ?? throw new InvalidOperationException($"Consultation {input.ConsultationId} was not stored before its workflow started.");
        ConsultationEntity c = snapshot.Consultation;
        await store.AssignTasksAsync(snapshot, c.CreatedAt);
        await store.UpsertIndexAsync(c);
        await audit.AppendAsync(new AuditEntry(
            c.PartitionKey, c.CreatedAt, "workflow", "review-tasks-assigned", "workflow", "tasks-assigned",
            Detail: $"Review tasks sent to {string.Join(", ", snapshot.Positions.Where(p => p.Position is null).Select(p => p.Nation))}; due {c.Deadline:O}."));
        return ConsultationStore.StoredResponses(snapshot);
    }
}
