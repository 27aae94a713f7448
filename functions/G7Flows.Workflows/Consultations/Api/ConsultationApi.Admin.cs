using G7Flows.Workflows.Consultations.Domain;
using G7Flows.Workflows.Consultations.Storage;
using G7Flows.Workflows.Platform.Publishing;
using G7Flows.Workflows.Platform.Security;
using G7Flows.Workflows.Platform.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using static G7Flows.Workflows.Platform.Http.HandlerSupport;

namespace G7Flows.Workflows.Consultations.Api;

/// <summary>A consultation whose table row and orchestration disagree, and what a repair does about it.</summary>
/// <param name="Problem"><c>workflow-missing</c>, <c>workflow-failed</c> or <c>workflow-ended</c>.</param>
public sealed record Disagreement(string ConsultationId, string TableStatus, string? EngineStatus, string Problem, string Repair);

/// <summary>Admins: list and repair consultations whose tables and orchestrations disagree.</summary>
public sealed partial class ConsultationApi
{
    private const int ReconcileLimit = 1000;

    /// <summary><c>GET /api/admin/consultations/disagreements</c></summary>
    public Task<IResult> ListDisagreementsAsync(HttpRequest request, DurableTaskClient client) => this.GuardAsync(async ct =>
    {
        if (Refused(Authorizer.Decide(Caller.FromPrincipal(request.HttpContext.User), ApiAction.Reconcile)) is { } refused)
        {
            return refused;
        }

        IReadOnlyList<Disagreement> found = await this.FindDisagreementsAsync(client, ct);
        return TypedResults.Json(new { items = found }, Json.Options);
    });

    /// <summary>
    /// <c>POST /api/admin/consultations/repair</c>: a missing workflow is started (the stored consultation is its
    /// input); a failed or ended one leaves the consultation <c>Failed</c> with the reason, and staff notified.
    /// </summary>
    public Task<IResult> RepairAsync(HttpRequest request, DurableTaskClient client) => this.GuardAsync(async ct =>
    {
        Caller? caller = Caller.FromPrincipal(request.HttpContext.User);
        if (Refused(Authorizer.Decide(caller, ApiAction.Reconcile)) is { } refused)
        {
            return refused;
        }

        IReadOnlyList<Disagreement> found = await this.FindDisagreementsAsync(client, ct);
        DateTimeOffset now = TruncateToMilliseconds(clock.GetUtcNow());
        foreach (Disagreement d in found)
        {
            if (d.Problem == "workflow-missing")
            {
                ConsultationSnapshot? snapshot = await store.GetAsync(d.ConsultationId, ct);
                if (snapshot is not null)
                {
                    // What the start request would have done after storing it (each step idempotent, as there).
                    ConsultationEntity c = snapshot.Consultation;
                    await store.AssignTasksAsync(snapshot, c.CreatedAt, ct);
                    await store.UpsertIndexAsync(c, ct);
                    if (c.CreatedFrom is null)
                    {
                        // Stored before the start's audit facts were kept on the row: the entry goes to the trail now.
                        await audit.AppendAsync(
                            new AuditEntry(c.PartitionKey, c.CreatedAt, c.CreatedBy, "consultation-started", "repair", "started", c.Proposer, $"{c.Rule}; participants {c.Participants}; deadline {c.Deadline:O}"), ct);
                    }

                    await EnsureStartedAsync(client, c, fresh: false, ct);
                }
            }
            else
            {
                await store.FailAsync(new FailureRequest(d.ConsultationId, "the engine", $"the orchestration is {d.EngineStatus}", now.UtcDateTime), ct);
            }

            await store.MarkTrailWrittenAsync(d.ConsultationId, ct);
            await audit.AppendAsync(new AuditEntry(d.ConsultationId, now, caller!.Name, "workflow-repaired", Source(request), $"repair-{d.Problem}", Detail: d.Repair), ct);
            logger.LogWarning("Consultation {ConsultationId} repaired: {Problem}; {Repair}", d.ConsultationId, d.Problem, d.Repair);
        }

        return TypedResults.Json(new { repaired = found }, Json.Options);
    });

    private async Task<IReadOnlyList<Disagreement>> FindDisagreementsAsync(DurableTaskClient client, CancellationToken ct)
    {
        // From the consultations table itself: a start that stopped before the listing was written is found too.
        const string Open = nameof(ConsultationStatus.Open);
        var found = new List<Disagreement>();
        foreach (string id in await store.ListOpenIdsAsync(ReconcileLimit, ct))
        {
            OrchestrationMetadata? instance = await client.GetInstanceAsync(id, ct);
            Disagreement? d = instance?.RuntimeStatus switch
            {
                null => new(id, Open, null, "workflow-missing", "complete the start from the stored consultation: tasks, listing, audit entry, workflow"),
                OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated =>
                    new(id, Open, instance.RuntimeStatus.ToString(), "workflow-failed", "mark the consultation Failed and notify staff"),
                OrchestrationRuntimeStatus.Completed =>
                    new(id, Open, instance.RuntimeStatus.ToString(), "workflow-ended", "mark the consultation Failed and notify staff"),
                _ => null,
            };
            if (d is not null)
            {
                found.Add(d);
            }
        }

        return found;
    }
}
