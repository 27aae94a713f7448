using G7Flows.Workflows.Domain;
using G7Flows.Workflows.Storage;
using Microsoft.DurableTask;

namespace G7Flows.Workflows.Activities;

/// <summary>Puts the consultation in each participant's inbox and in the listing; notes the start in the audit trail.</summary>
public sealed class OpenConsultationActivity(ConsultationStore store, AuditLog audit) : TaskActivity<ConsultationInput, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, ConsultationInput input)
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
        return true;
    }
}
