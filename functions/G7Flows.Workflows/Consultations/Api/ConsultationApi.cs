using System.Runtime.CompilerServices;
using Azure;
using G7Flows.Workflows.Consultations.Domain;
using G7Flows.Workflows.Consultations.Records;
using G7Flows.Workflows.Consultations.Storage;
using G7Flows.Workflows.Consultations.Workflow;
using G7Flows.Workflows.Platform.Durable;
using G7Flows.Workflows.Platform.Http;
using G7Flows.Workflows.Platform.Security;
using G7Flows.Workflows.Platform.Storage;
using G7Flows.Workflows.Platform.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using static G7Flows.Workflows.Platform.Http.HandlerSupport;

namespace G7Flows.Workflows.Consultations.Api;

/// <summary>
/// The HTTP API's handlers, shared by both hosts. Each one authenticates, authorizes, validates and checks
/// the consultation's state before it changes anything; the orchestration then arbitrates the outcome.
/// </summary>
public sealed partial class ConsultationApi(
    ConsultationStore store,
    AuditLog audit,
    RecordPublisher records,
    TimeProvider clock,
    FaultInjector faults,
    DecisiveAnswers decisiveAnswers,
    ILogger<ConsultationApi> logger)
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    /// <summary>The workflow's name in telemetry.</summary>
    public const string WorkflowName = "consultation";

    private static IResult? ClosedProblem(ConsultationSnapshot snapshot) =>
        snapshot.Consultation.Status == nameof(ConsultationStatus.Open)
            ? null
            : Problems.Conflict("consultation-closed", $"The consultation is already closed ({snapshot.Consultation.Status}).", new Dictionary<string, object?> { ["consultationStatus"] = snapshot.Consultation.Status });

    private async Task<(ConsultationSnapshot? Snapshot, IResult? Refused)> LoadAuthorizedAsync(
        HttpRequest request, string id, ApiAction action, string? nation, CancellationToken ct)
    {
        Caller? caller = Caller.FromPrincipal(request.HttpContext.User);
        if (Refused(Authorizer.Decide(caller, action, nation)) is { } early)
        {
            return (null, early);
        }

        if (!ConsultationIds.IsWellFormed(id))
        {
            return (null, Problems.NotFound("No consultation has this id."));
        }

        ConsultationSnapshot? snapshot = await store.GetAsync(id, ct);
        if (snapshot is null)
        {
            return (null, Problems.NotFound("No consultation has this id."));
        }

        var participants = ConsultationStore.SplitList(snapshot.Consultation.Participants).ToList();
        return Refused(Authorizer.Decide(caller, action, nation, participants)) is { } refused ? (null, refused) : (snapshot, null);
    }

    /// <summary>
    /// Runs a handler with its span and result metric (named after the calling method, <c>Start</c> for
    /// <c>StartAsync</c>); an answer's result is also counted as accepted or refused by reason.
    /// </summary>
    private async Task<IResult> GuardAsync(Func<CancellationToken, Task<IResult>> handler, [CallerMemberName] string operation = "")
    {
        string name = operation.EndsWith("Async", StringComparison.Ordinal) ? operation[..^5] : operation;
        IResult result = await HandlerSupport.GuardAsync(logger, WorkflowName, name, handler);
        if (operation == nameof(this.RespondAsync))
        {
            ConsultationTelemetry.AnswerResult(result);
        }

        return result;
    }
}
