using G7Flows.Workflows.Domain;
using G7Flows.Workflows.Storage;
using Microsoft.DurableTask;

namespace G7Flows.Workflows.Activities;

/// <summary>Records the outcome the orchestration decided, which positions counted, and closes the inbox tasks.</summary>
public sealed class CloseConsultationActivity(ConsultationStore store, AuditLog audit) : TaskActivity<CloseRequest, string>
{
    public override async Task<string> RunAsync(TaskActivityContext context, CloseRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        ConsultationSnapshot snapshot = await store.CloseAsync(input);

        // A request that stopped between storing its answer and auditing it left no entry: add the missing ones.
        foreach (PositionEntity answered in snapshot.Positions.Where(p => p.RespondedAt is not null))
        {
            await audit.AppendAsync(AuditEntries.ResponseSubmitted(input.ConsultationId, answered, "recovered-at-close"));
        }
        foreach (CountedResponse counted in input.Counted)
        {
            await audit.AppendAsync(new AuditEntry(
                input.ConsultationId, input.ClosedAt, "workflow", "response-counted", "workflow", $"counted-{counted.Nation}",
                Nation: counted.Nation, Detail: WireNames.Of(counted.Position)));
        }

        foreach (PositionEntity late in snapshot.Positions.Where(p => p.Late))
        {
            await audit.AppendAsync(new AuditEntry(
                input.ConsultationId, input.ClosedAt, "workflow", "response-not-counted", "workflow", $"late-{late.Nation}",
                Nation: late.Nation, Detail: "Stored after the outcome was decided; not counted."));
        }

        await audit.AppendAsync(new AuditEntry(
            input.ConsultationId, input.ClosedAt, input.ClosedBy, "consultation-closed", "workflow", "closed",
            Detail: $"{input.Status}: {input.Reason}"));
        return snapshot.Consultation.Status;
    }
}
