using Azure.Data.Tables;
using G7Flows.Workflows.Disclosures.Domain;
using G7Flows.Workflows.Disclosures.Storage;
using G7Flows.Workflows.Platform.Http;
using G7Flows.Workflows.Platform.Publishing;
using G7Flows.Workflows.Platform.Security;
using G7Flows.Workflows.Platform.Storage;
using G7Flows.Workflows.Platform.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using static G7Flows.Workflows.Platform.Http.HandlerSupport;

namespace G7Flows.Workflows.Disclosures.Api;

/// <summary>Review answers: security, human rights and final approval.</summary>
public sealed partial class DisclosureApi
{
    /// <summary><c>POST /api/disclosures/{id}/reviews/{step}</c></summary>
    public Task<IResult> ReviewAsync(HttpRequest request, DurableTaskClient client, string id, string step) => this.GuardAsync(async ct =>
    {
        if (!ReviewSteps.All.Contains(step, StringComparer.Ordinal))
        {
            return Problems.NotFound($"There is no review step '{TextRules.Printable(step)}'; the steps are {string.Join(", ", ReviewSteps.All)}.");
        }

        Caller? caller = Caller.FromPrincipal(request.HttpContext.User);
        if (Refused(Authorizer.Decide(caller, ApiAction.ReviewDisclosure, disclosure: new DisclosureScope(null, Step: step))) is { } refused)
        {
            return refused;
        }

        var (body, _, problem) = await RequestReader.ReadJsonAsync<ReviewRequest>(request, ct);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new Dictionary<string, string[]>();
        var (decision, comment) = body!.Validate(step, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var (snapshot, _, notAllowed) = await this.LoadAuthorizedAsync(request, id, ApiAction.ReviewDisclosure, s => ScopeOf(s, step), step, ct);
        if (notAllowed is not null)
        {
            return notAllowed;
        }

        for (int attempt = 0; attempt < MaxAttempts; attempt++)
        {
            DisclosureEntity d = snapshot!.Disclosure;
            if (snapshot.ReviewOf(d.Revision, step) is { } existing)
            {
                if (existing.Decision == decision && existing.Comment == comment && existing.ReviewerSubject == caller!.Subject)
                {
                    // The same answer again (a retry): the same reply, and its event once more (acted on once).
                    await audit.AppendAsync(SubmittedEntry(request, id, existing), ct);
                    await client.RaiseEventAsync(id, DisclosureEvents.Review, new ReviewEvent(step, existing.Revision, existing.Decision), ct);
                    return ReviewAccepted(request, id, existing);
                }

                return Conflict("already-answered", $"The {step} review of revision {d.Revision} was answered already ('{existing.Decision}' at {existing.ReviewedAt:O}); a step is answered once.", StatusOf(snapshot));
            }

            if (snapshot.Status != DisclosureStatuses.OfStep(step))
            {
                return Conflict("not-current-step", $"The disclosure is {d.Status}, not in its {step} review; this answer is not taken.", StatusOf(snapshot));
            }

            if (step == ReviewSteps.Final && decision == ReviewDecisions.Approve && snapshot.PendingComments > 0)
            {
                return Conflict(
                    "comments-awaiting-moderation",
                    $"{snapshot.PendingComments} comment(s) still await moderation; final approval waits until every comment is published or rejected.",
                    new Dictionary<string, object?> { ["disclosureStatus"] = d.Status, ["pendingComments"] = snapshot.PendingComments });
            }

            DateTimeOffset now = this.Now();
            var review = new ReviewEntity
            {
                PartitionKey = id,
                RowKey = ReviewEntity.ConstructRowKey(d.Revision, step),
                Step = step,
                Revision = d.Revision,
                Decision = decision!,
                Comment = comment,
                Reviewer = caller!.Name,
                ReviewerSubject = caller.Subject,
                ReviewedAt = now,
            };
            d.LastChangeAt = now;
            if (await store.TryCommitAsync(d, [new TableTransactionAction(TableTransactionActionType.Add, review)], ct))
            {
                // Stored, and therefore acted on: the orchestration acts on what is stored; the event only wakes it.
                faults.OnCrashPoint(CrashPoints.AfterAnswerStored);
                await store.DeleteTaskAsync(d, step, ct);
                await audit.AppendAsync(SubmittedEntry(request, id, review), ct);
                await client.RaiseEventAsync(id, DisclosureEvents.Review, new ReviewEvent(step, review.Revision, review.Decision), ct);
                return ReviewAccepted(request, id, review);
            }

            // Another answer, a comment or the workflow changed the disclosure meanwhile: read it again and decide anew.
            await BackOffAsync(attempt, ct);
            snapshot = await store.GetAsync(id, ct) ?? throw new InvalidOperationException($"Disclosure {id} disappeared.");
        }

        return Problems.Unavailable("The disclosure was too busy to store the answer; nothing was stored. Send it again.");
    });

    private static AuditEntry SubmittedEntry(HttpRequest request, string id, ReviewEntity r) =>
        new(id, r.ReviewedAt, r.Reviewer, "review-submitted", Source(request), $"review-{r.Revision:D2}-{r.Step}", null, $"{r.Step}: {r.Decision}{(r.Comment is null ? string.Empty : $" ({r.Comment})")}");

    private static IResult ReviewAccepted(HttpRequest request, string id, ReviewEntity r)
    {
        request.HttpContext.Response.Headers.Location = $"/{ApiRoute.Prefix}/disclosures/{id}";
        return TypedResults.Json(
            new { disclosureId = id, step = r.Step, revision = r.Revision, decision = r.Decision, comment = r.Comment, reviewer = r.Reviewer, reviewedAt = r.ReviewedAt, status = "accepted" },
            Json.Options,
            statusCode: StatusCodes.Status202Accepted);
    }
}
