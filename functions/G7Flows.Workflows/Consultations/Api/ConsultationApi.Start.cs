using System.Security.Cryptography;
using G7Flows.Workflows.Consultations.Domain;
using G7Flows.Workflows.Consultations.Storage;
using G7Flows.Workflows.Consultations.Workflow;
using G7Flows.Workflows.Platform.Http;
using G7Flows.Workflows.Platform.Publishing;
using G7Flows.Workflows.Platform.Security;
using G7Flows.Workflows.Platform.Storage;
using G7Flows.Workflows.Platform.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using static G7Flows.Workflows.Platform.Http.HandlerSupport;

namespace G7Flows.Workflows.Consultations.Api;

/// <summary>Starting a consultation: validation, the idempotent start and its orchestration.</summary>
public sealed partial class ConsultationApi
{
    /// <summary><c>POST /api/consultations</c></summary>
    public Task<IResult> StartAsync(HttpRequest request, DurableTaskClient client) => this.GuardAsync(async ct =>
    {
        Caller? caller = Caller.FromPrincipal(request.HttpContext.User);
        if (Refused(Authorizer.Decide(caller, ApiAction.StartConsultation)) is { } refused)
        {
            return refused;
        }

        string? key = request.Headers[IdempotencyKeyHeader];
        if (key is not null && (key.Length is 0 or > 200 || key.Any(c => c is < ' ' or > '~')))
        {
            return Problems.Validation(IdempotencyKeyHeader, "Use 1 to 200 printable ASCII characters.");
        }

        var (body, raw, problem) = await RequestReader.ReadJsonAsync<StartConsultationRequest>(request, ct);
        if (problem is not null)
        {
            return problem;
        }

        var (proposal, errors) = body!.Validate();
        if (proposal is null)
        {
            return Problems.Validation(errors);
        }

        DateTimeOffset now = TruncateToMilliseconds(clock.GetUtcNow());
        string id = key is null ? ConsultationIds.New() : ConsultationIds.FromIdempotencyKey(caller!.Subject, key);
        string requestHash = Convert.ToHexStringLower(SHA256.HashData(raw));
        var entity = new ConsultationEntity
        {
            PartitionKey = ConsultationEntity.ConstructPartitionKey(id),
            Title = proposal.Title,
            Kind = WireNames.Of(proposal.Kind),
            Summary = proposal.Summary,
            Proposer = proposal.Proposer,
            Participants = string.Join(',', proposal.Participants),
            Rule = WireNames.Of(proposal.Rule),
            Threshold = proposal.Threshold,
            Status = nameof(ConsultationStatus.Open),
            CreatedAt = now,
            CreatedBy = caller!.Name,
            Deadline = now + proposal.ResponseWindow,
            Reminders = string.Join(',', proposal.Reminders.Select(IsoDuration.Format)),
            RequestHash = requestHash,
            CreatedFrom = Source(request),
        };

        var (created, snapshot) = await store.CreateAsync(entity, ct);
        if (!created && snapshot.Consultation.RequestHash != requestHash)
        {
            return Problems.Conflict("idempotency-key-reused", "This Idempotency-Key was already used for a different request.");
        }

        if (created)
        {
            ConsultationTelemetry.Started(entity.Rule, entity.Kind);
        }

        // Everything after the stored consultation is idempotent and done before the 202, also on a retry (the first
        // attempt may have stopped half-way): the reviewers' inbox tasks, the listing, the audit entry, the workflow.
        faults.OnCrashPoint(CrashPoints.AfterStartStored);
        if (await this.CompleteStartAsync(request, client, snapshot, created, ct) is { } incomplete)
        {
            return incomplete;
        }

        request.HttpContext.Response.Headers.Location = $"/{ApiRoute.Prefix}/consultations/{id}";
        return TypedResults.Json(
            new { id, status = snapshot.Consultation.Status, deadline = snapshot.Consultation.Deadline },
            Json.Options,
            statusCode: StatusCodes.Status202Accepted);
    });


    /// <summary>
    /// The steps of a start after the consultation is stored, retried within the request (with back-off) so that a
    /// storage blip does not leave a consultation without its tasks or its workflow. Null when all are done; else a
    /// 503 that says the consultation is stored and how to finish the start.
    /// </summary>
    private async Task<IResult?> CompleteStartAsync(
        HttpRequest request, DurableTaskClient client, ConsultationSnapshot snapshot, bool created, CancellationToken ct)
    {
        ConsultationEntity c = snapshot.Consultation;
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                await Task.WhenAll(
                    c.Status == nameof(ConsultationStatus.Open) ? store.AssignTasksAsync(snapshot, c.CreatedAt, ct) : Task.CompletedTask,
                    store.UpsertIndexAsync(c, ct));
                if (c.CreatedFrom is null)
                {
                    // Stored before the start's audit facts were kept on the row: the entry goes to the trail now.
                    await audit.AppendAsync(ConsultationAuditEntries.Started(c, Source(request)), ct);
                }

                await EnsureStartedAsync(client, c, fresh: created && attempt == 1, ct);
                return null;
            }
            catch (Exception ex) when (attempt < 4 && (StorageFaults.IsUnavailable(ex) || ex is InvalidOperationException))
            {
                logger.LogWarning(ex, "Starting consultation {ConsultationId}: attempt {Attempt} failed; trying again", c.PartitionKey, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(250 * attempt * attempt), ct);
            }
            catch (Exception ex) when (StorageFaults.IsUnavailable(ex))
            {
                logger.LogWarning(ex, "Starting consultation {ConsultationId}: storage is not answering", c.PartitionKey);
                return Problems.Unavailable(
                    $"Consultation {c.PartitionKey} is stored but its start did not complete (storage is not answering). Send the same request again with the same Idempotency-Key to complete it; an admin can also repair it.",
                    new Dictionary<string, object?> { ["consultationId"] = c.PartitionKey });
            }
        }
    }

    /// <summary>
    /// Starts the workflow, with the stored consultation as its input, unless it exists. Two retries racing here both
    /// see no instance and both schedule it; the engine keeps one and the other call fails, after which the instance
    /// exists: that is success too. A consultation this request has just created has no workflow yet (<paramref name="fresh"/>):
    /// it is started without looking, and without the opening read of stored answers, since none can be stored before
    /// the 202. A retried start or a repair may find answers stored already: its workflow reads them first.
    /// </summary>
    private static async Task EnsureStartedAsync(DurableTaskClient client, ConsultationEntity c, bool fresh, CancellationToken ct)
    {
        if (!fresh && await client.GetInstanceAsync(c.PartitionKey, ct) is not null)
        {
            return;
        }

        var input = new ConsultationInput(
            c.PartitionKey,
            c.Title,
            WireNames.TryParseRule(c.Rule, out var rule) ? rule : throw new InvalidOperationException("Stored rule is unknown."),
            c.Threshold,
            ConsultationStore.SplitList(c.Participants).ToList(),
            c.Deadline.UtcDateTime,
            [.. ConsultationStore.SplitList(c.Reminders).Select(r => IsoDuration.TryParse(r, out TimeSpan offset) ? offset : throw new InvalidOperationException("A stored reminder is not a duration."))],
            AnswersRaiseDecisiveEvents: fresh);
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(
                nameof(ConsultationOrchestrator), input, WorkflowVersions.StartOptions(nameof(ConsultationOrchestrator), c.PartitionKey), ct);
        }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            if (await client.GetInstanceAsync(c.PartitionKey, ct) is null)
            {
                throw;
            }

            // Started by a concurrent retry of the same request.
        }
    }
}
