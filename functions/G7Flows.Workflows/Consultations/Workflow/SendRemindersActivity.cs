using G7Flows.Workflows.Consultations.Domain;
using G7Flows.Workflows.Consultations.Storage;
using G7Flows.Workflows.Platform.Storage;
using G7Flows.Workflows.Platform.Testing;
using Microsoft.DurableTask;

namespace G7Flows.Workflows.Consultations.Workflow;

/// <summary>
/// Notifies each nation that has not answered (as stored, not only as the orchestration has heard) that the deadline
/// approaches. Retries add nothing twice. Returns how many nations were reminded.
/// </summary>
public sealed class SendRemindersActivity(ConsultationStore store, AuditLog audit, FaultInjector faults) : TaskActivity<ReminderRequest, int>
{
    public override async Task<int> RunAsync(TaskActivityContext context, ReminderRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        faults.OnActivity(nameof(SendRemindersActivity));
        ConsultationSnapshot? snapshot = await store.GetAsync(input.ConsultationId);
        var answered = snapshot?.Positions.Where(p => p.Position is not null).Select(p => p.Nation).ToHashSet(StringComparer.Ordinal) ?? [];
        var nations = input.Nations.Where(n => !answered.Contains(n)).ToList();
        foreach (string nation in nations)
        {
            await store.NotifyAsync(new NotificationEntity
            {
                PartitionKey = nation,
                RowKey = $"{input.ConsultationId}-{input.Deadline.Ticks:D19}-{input.ReminderNumber}",
                Kind = "reminder",
                ConsultationId = input.ConsultationId,
                Title = input.Title,
                Deadline = input.Deadline,
                CreatedAt = input.SentAt,
            });
        }

        await store.MarkTrailWrittenAsync(input.ConsultationId);
        await audit.AppendAsync(new AuditEntry(
            input.ConsultationId, input.SentAt, "workflow", "reminder-sent", "workflow", $"reminder-{input.ReminderNumber}",
            Detail: $"Reminder {input.ReminderNumber} to {(nations.Count == 0 ? "nobody (all answered)" : string.Join(", ", nations))}; deadline {input.Deadline:O}."));
        return nations.Count;
    }
}
