using G7Flows.Workflows.Consultations.Domain;
using G7Flows.Workflows.Consultations.Storage;
using G7Flows.Workflows.Platform.Storage;
using Microsoft.DurableTask;

namespace G7Flows.Workflows.Consultations.Workflow;

/// <summary>Stores a deadline extension the orchestration has applied.</summary>
public sealed class ApplyExtensionActivity(ConsultationStore store, AuditLog audit) : TaskActivity<ExtensionRequest, DateTime>
{
    public override async Task<DateTime> RunAsync(TaskActivityContext context, ExtensionRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        await store.ExtendAsync(input);
        await audit.AppendAsync(new AuditEntry(
            input.ConsultationId, input.RequestedAt, input.RequestedBy, "deadline-extended", "workflow", $"extended-{input.NewDeadline.Ticks}",
            Detail: $"Deadline moved from {input.PreviousDeadline:O} to {input.NewDeadline:O}."));
        return input.NewDeadline;
    }
}
