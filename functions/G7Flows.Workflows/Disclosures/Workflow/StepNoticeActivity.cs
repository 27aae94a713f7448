using G7Flows.Workflows.Disclosures.Domain;
using G7Flows.Workflows.Disclosures.Storage;
using G7Flows.Workflows.Platform.Storage;
using G7Flows.Workflows.Platform.Tasks;
using G7Flows.Workflows.Platform.Testing;
using Microsoft.DurableTask;

namespace G7Flows.Workflows.Disclosures.Workflow;

/// <summary>
/// Before a step is due, reminds the step's reviewers (a notification in their group's partition); once it is overdue,
/// escalates to staff (the <c>staff</c> partition). The step still waits for its reviewer. When the step was answered
/// already (its event may have been lost) it notifies nobody and says so, so that the workflow acts on the answer.
/// Retries add nothing twice.
/// </summary>
public sealed class StepNoticeActivity(DisclosureStore store, AuditLog audit, FaultInjector faults) : TaskActivity<StepNoticeRequest, StepNoticeResult>
{
    public override async Task<StepNoticeResult> RunAsync(TaskActivityContext context, StepNoticeRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        faults.OnActivity(nameof(StepNoticeActivity));
        DisclosureSnapshot s = await store.GetAsync(input.DisclosureId)
            ?? throw new InvalidOperationException($"Disclosure {input.DisclosureId} does not exist.");
        DisclosureEntity d = s.Disclosure;
        bool answered = s.ReviewOf(input.Revision, input.Step) is not null;
        if (answered || s.Status != DisclosureStatuses.OfStep(input.Step) || d.Revision != input.Revision)
        {
            return new StepNoticeResult(answered, s.Status);
        }

        bool escalation = input.Kind == NoticeKind.Escalation;
        string kind = escalation ? "escalation" : "reminder";
        await store.NotifyAsync(new NotificationEntity
        {
            PartitionKey = escalation ? DisclosureStore.StaffInbox : InboxGroups.ForStep(input.Step, d.Nation),
            RowKey = $"{input.DisclosureId}-{input.Step}-{input.Revision:D2}-{kind}",
            Kind = escalation ? "disclosure-step-overdue" : "disclosure-step-reminder",
            Title = d.Title,
            Deadline = input.Due,
            CreatedAt = input.At,
            Workflow = DisclosureStore.WorkflowName,
            SubjectId = input.DisclosureId,
        });
        await audit.AppendAsync(DisclosureAudit.Step(
            input.DisclosureId, input.At, escalation ? "step-escalated" : "reminder-sent", $"{kind}-{input.Revision:D2}-{input.Step}", d.Nation,
            escalation
                ? $"The {input.Step} review of revision {input.Revision} was due {input.Due:O}; staff notified."
                : $"Reminder to {InboxGroups.ForStep(input.Step, d.Nation)}: the {input.Step} review is due {input.Due:O}."));
        return new StepNoticeResult(false, s.Status);
    }
}
