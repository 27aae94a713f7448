using System.Security.Cryptography;
using Azure;
using G7Flows.Workflows.Consultations.Domain;
using G7Flows.Workflows.Consultations.Records;
using G7Flows.Workflows.Consultations.Storage;
using G7Flows.Workflows.Consultations.Workflow;
using G7Flows.Workflows.Platform.Http;
using G7Flows.Workflows.Platform.Publishing;
using G7Flows.Workflows.Platform.Security;
using G7Flows.Workflows.Platform.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
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

        if (!IsoDuration.TryParse(body!.By, out TimeSpan by) || by < TimeSpan.FromSeconds(1) || by > TimeSpan.FromDays(90))
        {
            return Problems.Validation("by", "Give an ISO-8601 duration from PT1S to P90D, such as P2D.");
        }

        var (snapshot, notAllowed) = await this.LoadAuthorizedAsync(request, id, ApiAction.Extend, null, ct);
        if (notAllowed is not null)
        {
            return notAllowed;
        }

        if (ClosedProblem(snapshot!) is { } closed)
        {
            return closed;
        }

        DateTimeOffset now = TruncateToMilliseconds(clock.GetUtcNow());
        await client.RaiseEventAsync(id, ConsultationEvents.Extend, new ExtendEvent(by, caller!.Name, now.UtcDateTime), ct);
        request.HttpContext.Response.Headers.Location = $"/{ApiRoute.Prefix}/consultations/{id}";
        return TypedResults.Json(
            new { id, status = "extending", by = IsoDuration.Format(by), deadline = snapshot!.Consultation.Deadline + by },
            Json.Options,
            statusCode: StatusCodes.Status202Accepted);
    });
}
