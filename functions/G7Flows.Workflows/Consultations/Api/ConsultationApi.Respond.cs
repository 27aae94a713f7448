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
                        await this.RaiseDecisiveAsync(client, snapshot, current, ct);
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
            bool stored;
            try
            {
                stored = await store.TryStoreAnswerAsync(snapshot, current, ct);
            }
            finally
            {
                await removing;
            }

            if (stored)
            {
                // Stored and therefore counted: the close reads every stored answer under the same row's ETag, and
                // writes the answer's audit entry from the stored row. Only an answer that decides the outcome wakes
                // the orchestration; the others wait, stored, for the close (or the deadline) to count them.
                faults.OnCrashPoint(CrashPoints.AfterAnswerStored);
                if (CloseConsultationActivity.StoredAnswersDecide(snapshot))
                {
                    await this.RaiseDecisiveAsync(client, snapshot, current, ct);
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

    private static string KeyOf(string subject) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(subject)).AsSpan(0, 8));

    /// <summary>How long a running orchestration is given to close after a deciding answer before the event is sent again.</summary>
    private static readonly TimeSpan RecheckAfterRunning = TimeSpan.FromSeconds(5);

    /// <summary>How long after its start a consultation's orchestration may still be waiting for its first episode.</summary>
    private static readonly TimeSpan YoungConsultation = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Wakes the orchestration: the stored answers decide the outcome. The engine drops an event that reaches an
    /// instance whose start message it has put back (it does so when the instance row is not visible yet, under load,
    /// within seconds of the start). So for a young consultation whose orchestration has not run yet, the event is
    /// sent again once it runs; a second copy is harmless (the orchestration closes once, from what is stored). An
    /// orchestration this process's engine has seen stored an episode of has started: it is not asked.
    /// </summary>
    private async Task RaiseDecisiveAsync(DurableTaskClient client, ConsultationSnapshot snapshot, PositionEntity p, CancellationToken ct)
    {
        string id = snapshot.Consultation.PartitionKey;
        var decisive = new ResponseEvent(
            p.Nation,
            WireNames.TryParsePosition(p.Position, out var position) ? position : throw new InvalidOperationException("Stored position is unknown."),
            p.Respondent ?? string.Empty,
            p.RespondedAt!.Value.UtcDateTime,
            Decisive: true);
        await client.RaiseEventAsync(id, ConsultationEvents.Response, decisive, ct);
        if (clock.GetUtcNow() - snapshot.Consultation.CreatedAt > YoungConsultation || sightings.HasStarted(id))
        {
            return;
        }

        OrchestrationMetadata? instance = await client.GetInstanceAsync(id, getInputsAndOutputs: false, ct);
        if (instance is null || instance.RuntimeStatus == OrchestrationRuntimeStatus.Pending)
        {
            _ = Task.Run(() => this.RaiseWhenRunningAsync(client, id, decisive), CancellationToken.None);
        }
    }

    private async Task RaiseWhenRunningAsync(DurableTaskClient client, string id, ResponseEvent decisive)
    {
        try
        {
            // Looks again after 1, 2, 4 ... s: an engine that has put the start back waits 2 s or more before it
            // delivers it again, and every look is a storage request, unless this process's engine has seen the
            // instance's episodes stored (then the look costs nothing).
            DateTimeOffset giveUp = clock.GetUtcNow() + YoungConsultation;
            for (var wait = TimeSpan.FromSeconds(1); clock.GetUtcNow() < giveUp; wait *= 2)
            {
                await Task.Delay(wait);
                if (sightings.HasEnded(id))
                {
                    return;
                }

                if (!sightings.HasStarted(id))
                {
                    OrchestrationMetadata? instance = await client.GetInstanceAsync(id, getInputsAndOutputs: false);
                    if (instance is null || instance.RuntimeStatus == OrchestrationRuntimeStatus.Pending)
                    {
                        continue;
                    }

                    if (instance.RuntimeStatus != OrchestrationRuntimeStatus.Running)
                    {
                        return;
                    }
                }

                // Running: the event was kept (the orchestration closes within moments) unless the engine dropped it.
                // Only an orchestration still running a while later has not heard it: it is sent again then. One this
                // process's engine saw end has heard it.
                await Task.Delay(RecheckAfterRunning);
                if (sightings.HasEnded(id))
                {
                    return;
                }

                OrchestrationMetadata? later = await client.GetInstanceAsync(id, getInputsAndOutputs: false);
                if (later?.RuntimeStatus == OrchestrationRuntimeStatus.Running)
                {
                    await client.RaiseEventAsync(id, ConsultationEvents.Response, decisive);
                }

                return;
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The answer is stored and will be counted; without the event the consultation closes at its deadline.
            logger.LogWarning(ex, "Consultation {ConsultationId}: the decisive answer's event could not be sent again", id);
        }
    }

    private static IResult Accepted(HttpRequest request, string id, PositionEntity p)
    {
        request.HttpContext.Response.Headers.Location = $"/{ApiRoute.Prefix}/consultations/{id}";
        return TypedResults.Json(
            new { consultationId = id, nation = p.Nation, position = p.Position, comment = p.Comment, respondent = p.Respondent, respondedAt = p.RespondedAt, status = "accepted" },
            Json.Options,
            statusCode: StatusCodes.Status202Accepted);
    }

}
