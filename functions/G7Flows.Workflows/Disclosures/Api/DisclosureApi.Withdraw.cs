using G7Flows.Workflows.Disclosures.Domain;
using G7Flows.Workflows.Disclosures.Storage;
using G7Flows.Workflows.Platform.Http;
using G7Flows.Workflows.Platform.Publishing;
using G7Flows.Workflows.Platform.Security;
using G7Flows.Workflows.Platform.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using static G7Flows.Workflows.Platform.Http.HandlerSupport;

namespace G7Flows.Workflows.Disclosures.Api;

/// <summary>Withdrawal by staff, at any step before publication.</summary>
public sealed partial class DisclosureApi
{
    /// <summary><c>POST /api/disclosures/{id}/withdraw</c></summary>
    public Task<IResult> WithdrawAsync(HttpRequest request, DurableTaskClient client, string id) => this.GuardAsync(async ct =>
    {
        Caller? caller = Caller.FromPrincipal(request.HttpContext.User);
        if (Refused(Authorizer.Decide(caller, ApiAction.WithdrawDisclosure)) is { } refused)
        {
            return refused;
        }

        var (body, _, problem) = await RequestReader.ReadJsonAsync<WithdrawDisclosureRequest>(request, ct);
        if (problem is not null)
        {
            return problem;
        }

        string? reason = body!.Reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length > 2_000 || !TextRules.IsCleanText(reason))
        {
            return Problems.Validation("reason", "Say why, in plain text of 1 to 2,000 characters.");
        }

        var (snapshot, _, notAllowed) = await this.LoadAuthorizedAsync(request, id, ApiAction.WithdrawDisclosure, s => ScopeOf(s), null, ct);
        if (notAllowed is not null)
        {
            return notAllowed;
        }

        for (int attempt = 0; attempt < MaxAttempts; attempt++)
        {
            DisclosureEntity d = snapshot!.Disclosure;
            if (snapshot.Status == DisclosureStatus.Withdrawn)
            {
                // Withdrawn already (a retry, or another member of staff): the same reply, and the event once more.
                await client.RaiseEventAsync(id, DisclosureEvents.Withdraw, new DisclosureWithdrawEvent(d.ClosedBy ?? caller!.Name, d.ClosedAt!.Value.UtcDateTime), ct);
                return Withdrawn(request, id, d);
            }

            if (DisclosureStatuses.IsFinal(snapshot.Status))
            {
                return Conflict("disclosure-closed", $"The disclosure is {d.Status}; only a disclosure that is not yet published can be withdrawn.", StatusOf(snapshot));
            }

            DateTimeOffset now = this.Now();
            string? step = d.CurrentStep;
            d.Status = nameof(DisclosureStatus.Withdrawn);
            d.ClosedAt = now;
            d.ClosedBy = caller!.Name;
            d.OutcomeReason = $"Withdrawn by staff: {reason}";
            d.CurrentStep = null;
            d.StepDue = null;
            d.LastChangeAt = now;
            if (await store.TryCommitAsync(d, null, ct))
            {
                await store.DeleteAllTasksAsync(d, ct);
                await store.UpsertIndexAsync(d, ct);
                await audit.AppendAsync(
                    new AuditEntry(id, now, caller.Name, "disclosure-withdrawn", Source(request), "withdrawn", d.Nation, $"{reason} (was {step ?? "between steps"})."),
                    ct);
                await client.RaiseEventAsync(id, DisclosureEvents.Withdraw, new DisclosureWithdrawEvent(caller.Name, now.UtcDateTime), ct);
                return Withdrawn(request, id, d);
            }

            await BackOffAsync(attempt, ct);
            snapshot = await store.GetAsync(id, ct) ?? throw new InvalidOperationException($"Disclosure {id} disappeared.");
        }

        return Problems.Unavailable("The disclosure was too busy to withdraw; nothing was changed. Send it again.");
    });

    private static IResult Withdrawn(HttpRequest request, string id, DisclosureEntity d)
    {
        request.HttpContext.Response.Headers.Location = $"/{ApiRoute.Prefix}/disclosures/{id}";
        return TypedResults.Json(
            new { id, status = d.Status, withdrawnAt = d.ClosedAt, withdrawnBy = d.ClosedBy, reason = d.OutcomeReason },
            Json.Options,
            statusCode: StatusCodes.Status202Accepted);
    }
}
