using G7Flows.Workflows.Consultations.Domain;
using G7Flows.Workflows.Consultations.Storage;
using G7Flows.Workflows.Platform.Storage;
using Microsoft.DurableTask;

namespace G7Flows.Workflows.Consultations.Workflow;

/// <summary>Records the outcome the orchestration decided, which positions counted, and closes the inbox tasks.</summary>
public sealed class CloseConsultationActivity(ConsultationStore store, AuditLog audit) : TaskActivity<CloseRequest, string>
{
    public override async Task<string> RunAsync(TaskActivityContext context, CloseRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        ConsultationSnapshot snapshot = await store.CloseAsync(input);
        var entries = new List<AuditEntry>();

        // A request that stopped between storing its answer and auditing it left no entry (nor removed its task).
        entries.AddRange(snapshot.Positions.Where(p => p.RespondedAt is not null)
            .Select(p => ConsultationAuditEntries.ResponseSubmitted(input.ConsultationId, p, "recovered-at-close")));
        entries.AddRange(input.Counted.Select(counted => new AuditEntry(
            input.ConsultationId, input.ClosedAt, "workflow", "response-counted", "workflow", $"counted-{counted.Nation}",
            Nation: counted.Nation, Detail: WireNames.Of(counted.Position))));
        entries.AddRange(snapshot.Positions.Where(p => p.Late).Select(late => new AuditEntry(
            input.ConsultationId, input.ClosedAt, "workflow", "response-not-counted", "workflow", $"late-{late.Nation}",
            Nation: late.Nation, Detail: "Stored after the outcome was decided; not counted.")));
        entries.Add(new AuditEntry(
            input.ConsultationId, input.ClosedAt, input.ClosedBy, "consultation-closed", "workflow", "closed",
            Detail: $"{input.Status}: {input.Reason}"));
        IReadOnlyList<AuditEntry> added = await audit.AppendMissingAsync(input.ConsultationId, entries);

        // Inbox tasks: those of nations that never answered, and of any whose answering request stopped half-way.
        var stale = snapshot.Positions.Where(p => p.Position is null).Select(p => p.Nation)
            .Concat(added.Where(e => e.Action == "response-submitted").Select(e => e.Nation!));
        foreach (string nation in stale.Distinct(StringComparer.Ordinal))
        {
            await store.DeleteTaskAsync(nation, input.ConsultationId);
        }

        return snapshot.Consultation.Status;
    }
}
