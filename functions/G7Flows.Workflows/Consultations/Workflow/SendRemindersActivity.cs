using G7Flows.Workflows.Consultations.Domain;
using G7Flows.Workflows.Consultations.Storage;
using G7Flows.Workflows.Platform.Storage;
using Microsoft.DurableTask;

namespace G7Flows.Workflows.Consultations.Workflow;

/// <summary>Notifies each nation that has not answered that the deadline approaches. Retries add nothing twice.</summary>
public sealed class SendRemindersActivity(ConsultationStore store, AuditLog audit) : TaskActivity<ReminderRequest, int>
{
    public override async Task<int> RunAsync(TaskActivityContext context, ReminderRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        foreach (string nation in input.Nations)
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

        await audit.AppendAsync(new AuditEntry(
            input.ConsultationId, input.SentAt, "workflow", "reminder-sent", "workflow", $"reminder-{input.ReminderNumber}",
            Detail: $"Reminder {input.ReminderNumber} to {string.Join(", ", input.Nations)}; deadline {input.Deadline:O}."));
        return input.Nations.Count;
    }
}
