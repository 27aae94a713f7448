using Azure;
using G7Flows.Workflows.Consultations.Domain;
using G7Flows.Workflows.Consultations.Storage;
using G7Flows.Workflows.Platform.Http;
using G7Flows.Workflows.Platform.Publishing;
using G7Flows.Workflows.Platform.Security;
using G7Flows.Workflows.Platform.Storage;
using G7Flows.Workflows.Platform.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
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

        var (snapshot, notAllowed) = await this.LoadAuthorizedAsync(request, id, ApiAction.Respond, nation, ct);
        if (notAllowed is not null)
        {
            return notAllowed;
        }

        string position = WireNames.Of(answer.Position);
        PositionEntity current = snapshot!.PositionOf(nation)!;
        for (int attempt = 0; attempt < MaxAnswerAttempts; attempt++)
        {
            if (current.Position is not null)
            {
                if (current.Position == position && current.Comment == answer.Comment)
                {
                    // The same answer again (a retry): the same reply. The first attempt may have stopped after storing
                    // the answer, so its audit entry (same key: added once) and its event (counted once) are sent again.
                    await store.DeleteTaskAsync(nation, id, ct);
                    await audit.AppendAsync(SubmittedEntry(request, id, current), ct);
                    if (snapshot.Consultation.Status == nameof(ConsultationStatus.Open))
                    {
                        await RaiseResponseAsync(client, id, current, ct);
                    }

                    return Accepted(request, id, current);
                }

                await audit.AppendAsync(AuditEntry.Refusal(
                    id, "answer-change", current.RespondedAt!.Value, caller!.Name, caller.Subject, Source(request), nation,
                    $"{position}; first refused at {TruncateToMilliseconds(clock.GetUtcNow()):O}"), ct);
                return Problems.Conflict("already-answered", $"{nation} already answered '{current.Position}' at {current.RespondedAt:O}; a nation answers once.");
            }

            DateTimeOffset now = TruncateToMilliseconds(clock.GetUtcNow());
            if (snapshot.Consultation.Status != nameof(ConsultationStatus.Open) || now >= snapshot.Consultation.Deadline)
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

            current.Position = position;
            current.Comment = answer.Comment;
            current.Respondent = caller!.Name;
            current.RespondedAt = now;
            if (await store.TryStoreAnswerAsync(snapshot, current, ct))
            {
                // Stored and therefore counted: the close reads every stored answer under the same row's ETag. What
                // follows only tidies up (a crash here is made good by the close) and wakes the orchestration.
                faults.OnCrashPoint(CrashPoints.AfterAnswerStored);
                await store.DeleteTaskAsync(nation, id, ct);
                await audit.AppendAsync(SubmittedEntry(request, id, current), ct);
                await RaiseResponseAsync(client, id, current, ct);
                return Accepted(request, id, current);
            }

            // Another answer, the close or an extension changed the partition meanwhile: read it again and decide anew.
            await Task.Delay(Random.Shared.Next(1, 5 * (attempt + 1)), ct);
            snapshot = await store.GetAsync(id, ct) ?? throw new InvalidOperationException($"Consultation {id} disappeared.");
            current = snapshot.PositionOf(nation)!;
        }

        return Problems.Unavailable($"The consultation was too busy to store {nation}'s answer; nothing was stored. Send it again.");
    });


    /// <summary>How often an answer is tried against a partition that others change at the same moment.</summary>
    private const int MaxAnswerAttempts = 20;

    private static Task RaiseResponseAsync(DurableTaskClient client, string id, PositionEntity p, CancellationToken ct) =>
        client.RaiseEventAsync(
            id,
            ConsultationEvents.Response,
            new ResponseEvent(p.Nation, WireNames.TryParsePosition(p.Position, out var position) ? position : throw new InvalidOperationException("Stored position is unknown."), p.Respondent ?? string.Empty, p.RespondedAt!.Value.UtcDateTime),
            ct);

    private static IResult Accepted(HttpRequest request, string id, PositionEntity p)
    {
        request.HttpContext.Response.Headers.Location = $"/{ApiRoute.Prefix}/consultations/{id}";
        return TypedResults.Json(
            new { consultationId = id, nation = p.Nation, position = p.Position, comment = p.Comment, respondent = p.Respondent, respondedAt = p.RespondedAt, status = "accepted" },
            Json.Options,
            statusCode: StatusCodes.Status202Accepted);
    }

    private static AuditEntry SubmittedEntry(HttpRequest request, string id, PositionEntity p) =>
        ConsultationAuditEntries.ResponseSubmitted(id, p, Source(request));
}
