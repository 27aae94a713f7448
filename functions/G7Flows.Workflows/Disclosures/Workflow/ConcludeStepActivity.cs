using Azure.Data.Tables;
using G7Flows.Workflows.Disclosures.Domain;
using G7Flows.Workflows.Disclosures.Storage;
using G7Flows.Workflows.Platform.Security;
using G7Flows.Workflows.Platform.Storage;
using G7Flows.Workflows.Platform.Testing;
using Microsoft.DurableTask;

namespace G7Flows.Workflows.Disclosures.Workflow;

/// <summary>
/// Acts on the answer stored for a review step (the HTTP layer decided it, under the disclosure row's ETag): approve
/// moves to the next step (human rights, the comment period, or approval with or without embargo), request-changes
/// returns the disclosure to the submitter (or rejects it past the revision limit), reject ends it. With no answer
/// stored (a duplicate or stray event) it changes nothing. Idempotent: a retry finds the step concluded.
/// </summary>
public sealed class ConcludeStepActivity(DisclosureStore store, AuditLog audit, FaultInjector faults) : TaskActivity<ConcludeStepRequest, StepOutcome>
{
    public override async Task<StepOutcome> RunAsync(TaskActivityContext context, ConcludeStepRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        faults.OnActivity(nameof(ConcludeStepActivity));
        DisclosureSnapshot after = await store.UpdateAsync(input.DisclosureId, s => Apply(s, input));
        ReviewEntity? review = after.ReviewOf(input.Revision, input.Step);
        DisclosureEntity d = after.Disclosure;
        if (review is null)
        {
            return new StepOutcome(null, after.Status, d.Revision);
        }

        await store.DeleteTaskAsync(d, input.Step);
        await store.UpsertIndexAsync(d);
        string action = review.Decision switch
        {
            ReviewDecisions.Approve => "review-approved",
            ReviewDecisions.RequestChanges => after.Status == DisclosureStatus.Rejected ? "rejected-revision-limit" : "changes-requested",
            _ => "rejected",
        };
        await audit.AppendAsync(DisclosureAudit.Step(
            input.DisclosureId, input.At, action, $"acted-{input.Revision:D2}-{input.Step}", d.Nation,
            $"{input.Step} review of revision {input.Revision}: {review.Decision}; now {after.Status}."));
        return new StepOutcome(review.Decision, after.Status, d.Revision);
    }

    /// <summary>The change an answer makes, or null when there is nothing (more) to do.</summary>
    public static IReadOnlyList<TableTransactionAction>? Apply(DisclosureSnapshot s, ConcludeStepRequest input)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(input);
        DisclosureEntity d = s.Disclosure;
        ReviewEntity? review = s.ReviewOf(input.Revision, input.Step);
        if (review is null || review.ActedAt is not null || s.Status != DisclosureStatuses.OfStep(input.Step) || d.Revision != input.Revision)
        {
            return null;
        }

        switch (review.Decision)
        {
            case ReviewDecisions.Approve when input.Step == ReviewSteps.Security:
                d.Status = nameof(DisclosureStatus.HumanRightsReview);
                break;
            case ReviewDecisions.Approve when input.Step == ReviewSteps.HumanRights:
                d.Status = nameof(DisclosureStatus.PublicComment);
                d.CommentPeriodEnds = input.CommentPeriodEnds;
                break;
            case ReviewDecisions.Approve:
                d.ApprovedAt = input.At;
                if (input.EmbargoUntil is { } until && until > input.At)
                {
                    d.Status = nameof(DisclosureStatus.Embargoed);
                }

                break;
            case ReviewDecisions.RequestChanges:
                d.ChangeRequests++;
                bool limit = d.ChangeRequests > DisclosureLimits.MaxChangeRequests;
                d.Status = limit ? nameof(DisclosureStatus.Rejected) : nameof(DisclosureStatus.ChangesRequested);
                d.OutcomeReason = limit
                    ? $"Changes were requested more than {DisclosureLimits.MaxChangeRequests} times; the disclosure is rejected."
                    : $"The {input.Step} reviewer asked for changes: {review.Comment}";
                d.ClosedAt = limit ? input.At : null;
                break;
            default:
                d.Status = nameof(DisclosureStatus.Rejected);
                d.OutcomeReason = $"Rejected at the {input.Step} review: {review.Comment}";
                d.ClosedAt = input.At;
                break;
        }

        d.CurrentStep = null;
        d.StepDue = null;
        d.StepOpenedAt = null;
        d.LastChangeAt = input.At;
        review.ActedAt = input.At;
        return [new TableTransactionAction(TableTransactionActionType.UpdateReplace, review, review.ETag)];
    }
}
