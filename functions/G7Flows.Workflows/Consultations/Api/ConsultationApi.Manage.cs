using Azure;
using G7Flows.Workflows.Consultations.Domain;
using G7Flows.Workflows.Consultations.Storage;
using G7Flows.Workflows.Platform.Http;
using G7Flows.Workflows.Platform.Publishing;
using G7Flows.Workflows.Platform.Security;
using G7Flows.Workflows.Platform.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using static G7Flows.Workflows.Platform.Http.HandlerSupport;

namespace G7Flows.Workflows.Consultations.Api;

/// <summary>Staff withdraw a consultation or extend its deadline.</summary>
public sealed partial class ConsultationApi
{
    /// <summary><c>POST /api/consultations/{id}/withdraw</c></summary>
    public Task<IResult> WithdrawAsync(HttpRequest request, DurableTaskClient client, string id) => this.GuardAsync(async ct =>
    {
        Caller? caller = Caller.FromPrincipal(request.HttpContext.User);
        if (Refused(Authorizer.Decide(caller, ApiAction.Withdraw)) is { } refused)
        {
            return refused;
        }

        var (body, _, problem) = await RequestReader.ReadJsonAsync<WithdrawRequest>(request, ct);
        if (problem is not null)
        {
            return problem;
        }

        string? reason = body!.Reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length > 1000 || !TextRules.IsCleanText(reason))
        {
            return Problems.Validation("reason", "Give a reason of 1 to 1,000 characters without control characters.");
        }

        var (snapshot, notAllowed) = await this.LoadAuthorizedAsync(request, id, ApiAction.Withdraw, null, ct);
        if (notAllowed is not null)
        {
            return notAllowed;
        }

        if (ClosedProblem(snapshot!) is { } closed)
        {
            return closed;
        }

        DateTimeOffset now = TruncateToMilliseconds(clock.GetUtcNow());
        await store.MarkTrailWrittenAsync(id, ct);
        await audit.AppendAsync(new AuditEntry(id, now, caller!.Name, "withdrawal-requested", Source(request), $"withdraw-{Guid.NewGuid():N}", Detail: reason), ct);
        await client.RaiseEventAsync(id, ConsultationEvents.Withdraw, new WithdrawEvent(reason, caller.Name, now.UtcDateTime), ct);
        request.HttpContext.Response.Headers.Location = $"/{ApiRoute.Prefix}/consultations/{id}";
        return TypedResults.Json(new { id, status = "withdrawing", reason }, Json.Options, statusCode: StatusCodes.Status202Accepted);
    });

    /// <summary><c>POST /api/consultations/{id}/extend</c></summary>
    public Task<IResult> ExtendAsync(HttpRequest request, DurableTaskClient client, string id) => this.GuardAsync(async ct =>
    {
        Caller? caller = Caller.FromPrincipal(request.HttpContext.User);
        if (Refused(Authorizer.Decide(caller, ApiAction.Extend)) is { } refused)
        {
            return refused;
        }

        var (body, _, problem) = await RequestReader.ReadJsonAsync<ExtendRequest>(request, ct);
        if (problem is not null)
        {
            return problem;
        }

        DateTimeOffset now = TruncateToMilliseconds(clock.GetUtcNow());
        if (body!.Validate(now, out var errors) is not { } until)
        {
            return Problems.Validation(errors);
        }

        var (snapshot, notAllowed) = await this.LoadAuthorizedAsync(request, id, ApiAction.Extend, null, ct);
        if (notAllowed is not null)
        {
            return notAllowed;
        }

        for (int attempt = 0; ; attempt++)
        {
            ConsultationEntity c = snapshot!.Consultation;
            if (ClosedProblem(snapshot) is { } closed)
            {
                return closed;
            }

            if (c.Deadline == until)
            {
                break; // extended to this deadline already: a retry gets the same answer
            }

            if (now >= c.Deadline)
            {
                return Problems.Conflict("deadline-passed", $"The deadline ({c.Deadline:O}) has passed; the consultation is closing.", new Dictionary<string, object?> { ["deadline"] = c.Deadline });
            }

            if (until < c.Deadline)
            {
                return Problems.Validation("until", $"An extension moves the deadline later; it is {c.Deadline:O}.");
            }

            // Stored first, with the ETag read: answers are judged by this deadline from now on, and the old deadline
            // timer, when it fires, finds it and plans a new one even if the event below were lost.
            if (await store.TryStoreDeadlineAsync(c, until, ct))
            {
                await audit.AppendAsync(new AuditEntry(
                    id, now, caller!.Name, "deadline-extended", Source(request), $"extended-{until.UtcTicks}",
                    Detail: $"Deadline moved from {c.Deadline:O} to {until:O}."), ct);
                break;
            }

            if (attempt >= 10)
            {
                return Problems.Unavailable("The consultation was too busy to extend; nothing was changed. Send the request again.");
            }

            snapshot = await store.GetAsync(id, ct) ?? throw new InvalidOperationException($"Consultation {id} disappeared.");
        }

        await client.RaiseEventAsync(id, ConsultationEvents.Extend, new ExtendEvent(until.UtcDateTime, caller!.Name, now.UtcDateTime), ct);
        request.HttpContext.Response.Headers.Location = $"/{ApiRoute.Prefix}/consultations/{id}";
        return TypedResults.Json(new { id, status = "extended", deadline = until }, Json.Options, statusCode: StatusCodes.Status202Accepted);
    });
}
