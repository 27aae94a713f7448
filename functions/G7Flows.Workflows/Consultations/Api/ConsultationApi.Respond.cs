using Azure;
using G7Flows.Workflows.Consultations.Domain;
using G7Flows.Workflows.Consultations.Storage;
using G7Flows.Workflows.Consultations.Workflow;
using G7Flows.Workflows.Platform.Http;
using G7Flows.Workflows.Platform.Publishing;
using G7Flows.Workflows.Platform.Security;
using G7Flows.Workflows.Platform.Storage;
using G7Flows.Workflows.Platform.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using static G7Flows.Workflows.Platform.Http.HandlerSupport;

namespace G7Flows.Workflows.Consultations.Api;

/// <summary>A nation's answer.</summary>
public sealed partial class ConsultationApi
{
    /// <summary><c>POST /api/consultations/{id}/responses/{nation}</c></summary>
    public Task<IResult> RespondAsync(HttpRequest request, DurableTaskClient client, string id, string nation) => this.GuardAsync(async ct =>
    {
        Caller? caller = Caller.FromPrincipal(request.HttpContext.User);
        if (Refused(Authorizer.Decide(caller, ApiAction.Respond, nation)) is { } refused)
        {
            return refused;
        }

        var (body, _, problem) = await RequestReader.ReadJsonAsync<RespondRequest>(request, ct);
        if (problem is not null)
        {
            return problem;
        }

        if (body!.Validate(out var errors) is not { } answer)
        {
            return Problems.Validation(errors);
        }

        if (!ConsultationIds.IsWellFormed(id))
        {
            return Problems.NotFound("No consultation has this id.");
        }

        // The partition as this process last saw it, if it did: the answer's write is conditional on its ETags, so a
        // stale copy costs a 412 and a read, never a wrong write. Refusals are decided only from a fresh read.
        var (snapshot, fromCache) = await store.GetForWriteAsync(id, ct);
        if (snapshot is null)
        {
            return Problems.NotFound("No consultation has this id.");
        }

        if (Refused(Authorizer.Decide(caller, ApiAction.Respond, nation, [.. ConsultationStore.SplitList(snapshot.Consultation.Participants)])) is { } outsider)
        {
            return outsider;
        }

        string position = WireNames.Of(answer.Position);
        bool taskRemoved = false;
        for (int attempt = 0; attempt < MaxAnswerAttempts; attempt++)
        {
            PositionEntity current = snapshot.PositionOf(nation)!;
            bool refusing = current.Position is not null
                ? current.Position != position || current.Comment != answer.Comment
                : snapshot.Consultation.Status != nameof(ConsultationStatus.Open) || clock.GetUtcNow() >= snapshot.Consultation.Deadline;
            if (refusing && fromCache)
            {
                snapshot = await store.GetAsync(id, ct) ?? throw new InvalidOperationException($"Consultation {id} disappeared.");
                fromCache = false;
                continue;
            }

            if (current.Position is not null)
            {
                if (!refusing)
                {
                    // The same answer again (a retry): the same reply. The first attempt may have stopped after storing
                    // the answer, so its task removal and (if it decided the outcome) its event are done again.
                    await store.DeleteTaskAsync(nation, id, ct);
                    if (snapshot.Consultation.Status == nameof(ConsultationStatus.Open) && CloseConsultationActivity.StoredAnswersDecide(snapshot))
                    {
                        await decisiveAnswers.RaiseForAnswerAsync(request.HttpContext, client, snapshot, current, ct);
                    }

                    return Accepted(request, id, current);
                }

                await audit.AppendAsync(AuditEntry.Refusal(
                    id, "answer-change", current.RespondedAt!.Value, caller!.Name, caller.Subject, Source(request), nation,
                    $"{position}; first refused at {TruncateToMilliseconds(clock.GetUtcNow()):O}"), ct);
                return Problems.Conflict("already-answered", $"{nation} already answered '{current.Position}' at {current.RespondedAt:O}; a nation answers once.");
            }

            DateTimeOffset now = TruncateToMilliseconds(clock.GetUtcNow());
            if (refusing)
            {
                // One entry per caller and nation, however often they retry: refused requests do not grow the trail.
                await audit.AppendAsync(AuditEntry.Refusal(
                    id, "late-response", snapshot.Consultation.Deadline, caller!.Name, caller.Subject, Source(request), nation,
                    $"{position}; first refused at {now:O}"), ct);
                return Problems.Conflict(
                    "consultation-closed",
                    $"The consultation closed ({snapshot.Consultation.Status}, deadline {snapshot.Consultation.Deadline:O}); this response is not counted.",
                    new Dictionary<string, object?> { ["consultationStatus"] = snapshot.Consultation.Status, ["deadline"] = snapshot.Consultation.Deadline });
            }

            // The inbox task goes with the first attempt, alongside the answer's write, and both finish before the 202:
            // once the answer is stored nothing is left to tidy up, and the close removes only the tasks of nations
            // without an answer. A failure of either gives no 202, so the reviewer sends the answer again (a retry of
            // a stored answer removes the task too).
            Task removing = taskRemoved ? Task.CompletedTask : store.DeleteTaskAsync(nation, id, ct);
            taskRemoved = true;
            current.Position = position;
            current.Comment = answer.Comment;
            current.Respondent = caller!.Name;
            current.RespondedAt = now;
            current.Source = Source(request);
            bool decides = CloseConsultationActivity.StoredAnswersDecide(snapshot);
            bool stored;
            try
            {
                stored = await store.TryStoreAnswerAsync(snapshot, current, decides, ct);
            }
            finally
            {
                await removing;
            }

            if (stored)
            {
                // Stored and therefore counted: the close reads every stored answer under the same row's ETag, and
                // writes the answer's audit entry from the stored row. Only an answer that decides the outcome wakes
                // the orchestration, once its 202 has gone (its row says decided, so the decision sweep wakes it if
                // this process stops first); the others wait, stored, for the close (or the deadline) to count them.
                faults.OnCrashPoint(CrashPoints.AfterAnswerStored);
                if (decides)
                {
                    await decisiveAnswers.RaiseForAnswerAsync(request.HttpContext, client, snapshot, current, ct);
                }

                return Accepted(request, id, current);
            }

            // Another answer, the close or an extension changed the partition meanwhile: read it again and decide anew.
            await Task.Delay(Random.Shared.Next(1, 5 * Math.Min(attempt + 2, 20)), ct);
            snapshot = await store.GetAsync(id, ct) ?? throw new InvalidOperationException($"Consultation {id} disappeared.");
            fromCache = false;
        }

        if (taskRemoved)
        {
            // Nothing was stored: the nation's task goes back to its inbox.
            await store.AssignTasksAsync(new ConsultationSnapshot(snapshot.Consultation, [.. snapshot.Positions.Where(p => p.Nation == nation)]), snapshot.Consultation.CreatedAt, ct);
        }

        return Problems.Unavailable($"The consultation was too busy to store {nation}'s answer; nothing was stored. Send it again.");
    });

    /// <summary>How often an answer is tried against a partition that others change at the same moment.</summary>
    private const int MaxAnswerAttempts = 40;

    private static IResult Accepted(HttpRequest request, string id, PositionEntity p)
    {
        request.HttpContext.Response.Headers.Location = $"/{ApiRoute.Prefix}/consultations/{id}";
        return TypedResults.Json(
            new { consultationId = id, nation = p.Nation, position = p.Position, comment = p.Comment, respondent = p.Respondent, respondedAt = p.RespondedAt, status = "accepted" },
            Json.Options,
            statusCode: StatusCodes.Status202Accepted);
    }

}
