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
        };

        var (created, snapshot) = await store.CreateAsync(entity, ct);
        if (!created && snapshot.Consultation.RequestHash != requestHash)
        {
            return Problems.Conflict("idempotency-key-reused", "This Idempotency-Key was already used for a different request.");
        }

        if (created)
        {
            await audit.AppendAsync(
                new AuditEntry(id, now, caller.Name, "consultation-started", Source(request), "started", proposal.Proposer, $"{entity.Rule}; participants {entity.Participants}; deadline {entity.Deadline:O}"), ct);
        }

        // Also on a retry: the first attempt may have stored the consultation and stopped before starting its workflow.
        await EnsureStartedAsync(client, snapshot.Consultation, proposal.Reminders, ct);
        request.HttpContext.Response.Headers.Location = $"/{ApiRoute.Prefix}/consultations/{id}";
        return TypedResults.Json(
            new { id, status = snapshot.Consultation.Status, deadline = snapshot.Consultation.Deadline },
            Json.Options,
            statusCode: StatusCodes.Status202Accepted);
    });


    private static async Task EnsureStartedAsync(DurableTaskClient client, ConsultationEntity c, IReadOnlyList<TimeSpan> reminders, CancellationToken ct)
    {
        if (await client.GetInstanceAsync(c.PartitionKey, ct) is not null)
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
            reminders);
        await client.ScheduleNewOrchestrationInstanceAsync(
            nameof(ConsultationOrchestrator), input, new StartOrchestrationOptions(c.PartitionKey), ct);
    }
}
