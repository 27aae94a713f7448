using System.Text.Json;
using Azure.Data.Tables;
using G7Flows.Workflows.Disclosures.Domain;
using G7Flows.Workflows.Disclosures.Screening;
using G7Flows.Workflows.Disclosures.Storage;
using G7Flows.Workflows.Platform.Publishing;
using G7Flows.Workflows.Platform.Storage;
using G7Flows.Workflows.Platform.Testing;
using Microsoft.DurableTask;

namespace G7Flows.Workflows.Disclosures.Workflow;

/// <summary>
/// Screens the current revision (<see cref="DisclosureScreener"/>) and stores its findings with it. Any blocking finding
/// sends the disclosure back to the submitter (<c>ChangesRequested</c>, or <c>Rejected</c> once it has been sent back
/// more often than allowed) before any person reviews it; otherwise the security review is next. Idempotent: a retry
/// finds the disclosure past screening and returns where it stands.
/// </summary>
public sealed class ScreenRevisionActivity(DisclosureStore store, AuditLog audit, FaultInjector faults) : TaskActivity<ScreeningRequest, StepResult>
{
    public override async Task<StepResult> RunAsync(TaskActivityContext context, ScreeningRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        faults.OnActivity(nameof(ScreenRevisionActivity));
        DisclosureSnapshot before = await store.GetAsync(input.DisclosureId)
            ?? throw new InvalidOperationException($"Disclosure {input.DisclosureId} was not stored before its workflow started.");
        if (before.Status != DisclosureStatus.Screening)
        {
            return new StepResult(before.Status, before.Disclosure.Revision);
        }

        RevisionEntity revision = before.Current;
        string body = await store.ReadRevisionBodyAsync(revision.BlobName);
        ScreeningResult result = DisclosureScreener.Screen(body, before.Disclosure.Nation);
        string findings = JsonSerializer.Serialize(result.Findings.Take(DisclosureStore.MaxStoredFindings), Json.Options);
        DisclosureSnapshot after = await store.UpdateAsync(input.DisclosureId, s =>
        {
            DisclosureEntity d = s.Disclosure;
            if (s.Status != DisclosureStatus.Screening || d.Revision != revision.Number)
            {
                return null;
            }

            RevisionEntity r = s.Current;
            r.Findings = findings;
            r.FindingsTotal = result.Findings.Count;
            r.Blocked = result.IsBlocked;
            r.ScreenedAt = input.At;
            if (result.IsBlocked)
            {
                d.ChangeRequests++;
                d.Status = d.ChangeRequests > DisclosureLimits.MaxChangeRequests ? nameof(DisclosureStatus.Rejected) : nameof(DisclosureStatus.ChangesRequested);
                d.OutcomeReason = $"Screening found {result.Findings.Count(f => f.Severity == FindingSeverities.Blocking)} blocking finding(s) in revision {r.Number}.";
                d.ClosedAt = d.Status == nameof(DisclosureStatus.Rejected) ? input.At : null;
            }
            else
            {
                d.Status = nameof(DisclosureStatus.SecurityReview);
            }

            d.LastChangeAt = input.At;
            return [new TableTransactionAction(TableTransactionActionType.UpdateReplace, r, r.ETag)];
        });

        DisclosureEntity stored = after.Disclosure;
        await store.UpsertIndexAsync(stored);
        var entries = new List<AuditEntry>
        {
            DisclosureAudit.Step(input.DisclosureId, input.At, "screened", $"screened-{revision.Number:D2}", stored.Nation,
                $"Revision {revision.Number}: {result.Findings.Count} finding(s), {(result.IsBlocked ? "blocked" : "not blocked")}."),
        };
        if (after.Status is DisclosureStatus.ChangesRequested or DisclosureStatus.Rejected && after.Current.Blocked == true)
        {
            entries.Add(DisclosureAudit.Step(input.DisclosureId, input.At, after.Status == DisclosureStatus.Rejected ? "rejected" : "changes-requested",
                $"screening-{revision.Number:D2}", stored.Nation, stored.OutcomeReason));
            await store.NotifyAsync(new NotificationEntity
            {
                PartitionKey = DisclosureStore.StaffInbox,
                RowKey = $"{input.DisclosureId}-screening-{revision.Number:D2}",
                Kind = after.Status == DisclosureStatus.Rejected ? "disclosure-rejected" : "disclosure-changes-requested",
                Title = stored.Title,
                Deadline = input.At,
                CreatedAt = input.At,
                Workflow = DisclosureStore.WorkflowName,
                SubjectId = input.DisclosureId,
            });
        }

        await audit.AppendMissingAsync(input.DisclosureId, entries);
        return new StepResult(after.Status, stored.Revision);
    }
}
