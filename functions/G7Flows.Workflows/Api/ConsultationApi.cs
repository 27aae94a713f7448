using System.Security.Cryptography;
using Azure;
using G7Flows.Workflows.Domain;
using G7Flows.Workflows.Orchestrators;
using G7Flows.Workflows.Records;
using G7Flows.Workflows.Security;
using G7Flows.Workflows.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace G7Flows.Workflows.Api;

/// <summary>
/// The HTTP API's handlers, shared by both hosts. Each one authenticates, authorizes, validates and checks
/// the consultation's state before it changes anything; the orchestration then arbitrates the outcome.
/// </summary>
public sealed class ConsultationApi(
    ConsultationStore store,
    AuditLog audit,
    RecordPublisher records,
    StorageClients storage,
    TimeProvider clock,
    ILogger<ConsultationApi> logger)
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

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
        request.HttpContext.Response.Headers.Location = $"/{ApiRoutes.Prefix}/consultations/{id}";
        return TypedResults.Json(
            new { id, status = snapshot.Consultation.Status, deadline = snapshot.Consultation.Deadline },
            Json.Options,
            statusCode: StatusCodes.Status202Accepted);
    });

    /// <summary><c>GET /api/consultations/{id}</c></summary>
    public Task<IResult> GetAsync(HttpRequest request, string id) => this.GuardAsync(async ct =>
    {
        var (snapshot, refused) = await this.LoadAuthorizedAsync(request, id, ApiAction.ReadConsultation, null, ct);
        return refused ?? TypedResults.Json(ConsultationView.From(snapshot!), Json.Options);
    });

    /// <summary><c>GET /api/consultations</c></summary>
    public Task<IResult> ListAsync(HttpRequest request) => this.GuardAsync(async ct =>
    {
        Caller? caller = Caller.FromPrincipal(request.HttpContext.User);
        if (Refused(Authorizer.Decide(caller, ApiAction.ListConsultations)) is { } refused)
        {
            return refused;
        }

        var errors = new Dictionary<string, string[]>();
        ConsultationStatus? status = null;
        string? statusText = request.Query["status"];
        if (statusText is not null)
        {
            // Exact names only: Enum.TryParse would also read "1" or "Adopted,Rejected" (as flags).
            if (Enum.GetNames<ConsultationStatus>().FirstOrDefault(n => n.Equals(statusText, StringComparison.OrdinalIgnoreCase)) is { } name)
            {
                status = Enum.Parse<ConsultationStatus>(name);
            }
            else
            {
                errors["status"] = [$"Use one of: {string.Join(", ", Enum.GetNames<ConsultationStatus>())}."];
            }
        }

        string? nation = request.Query["nation"];
        if (nation is not null && !Nations.IsKnown(nation))
        {
            errors["nation"] = [$"Use one of: {string.Join(", ", Nations.All)}."];
        }

        int pageSize = 20;
        string? size = request.Query["pageSize"];
        if (size is not null && (!int.TryParse(size, System.Globalization.NumberStyles.None, null, out pageSize) || pageSize is < 1 or > 100))
        {
            errors["pageSize"] = ["Use a whole number from 1 to 100."];
        }

        string? token = null;
        string? continuation = request.Query["continuationToken"];
        if (continuation is not null && !ContinuationToken.TryDecode(continuation, out token))
        {
            errors["continuationToken"] = ["This is not a continuation token G7Flows gave out."];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        ConsultationPage page = await store.ListAsync(status, nation, pageSize, token, ct);
        return TypedResults.Json(
            new
            {
                items = page.Items.Select(i => new
                {
                    id = i.ConsultationId,
                    title = i.Title,
                    kind = i.Kind,
                    rule = i.Rule,
                    status = i.Status,
                    participants = ConsultationStore.SplitList(i.Participants),
                    createdAt = i.CreatedAt,
                    deadline = i.Deadline,
                }),
                continuationToken = page.ContinuationToken is null ? null : ContinuationToken.Encode(page.ContinuationToken),
            },
            Json.Options);
    });

    /// <summary><c>GET /api/tasks</c>: the caller's nation's open review tasks.</summary>
    public Task<IResult> ListTasksAsync(HttpRequest request) => this.GuardAsync(async ct =>
    {
        Caller? caller = Caller.FromPrincipal(request.HttpContext.User);
        if (Refused(Authorizer.Decide(caller, ApiAction.ListTasks)) is { } refused)
        {
            return refused;
        }

        IReadOnlyList<ReviewTaskEntity> tasks = await store.ListTasksAsync(caller!.Nation!, ct);
        return TypedResults.Json(
            new
            {
                nation = caller.Nation,
                items = tasks.Select(t => new
                {
                    consultationId = t.ConsultationId,
                    title = t.Title,
                    kind = t.Kind,
                    rule = t.Rule,
                    due = t.Due,
                    assignedAt = t.AssignedAt,
                    respond = $"/{ApiRoutes.Prefix}/consultations/{t.ConsultationId}/responses/{caller.Nation}",
                }),
            },
            Json.Options);
    });

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
        for (int attempt = 0; attempt < 3; attempt++)
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

                return Problems.Conflict("already-answered", $"{nation} already answered '{current.Position}' at {current.RespondedAt:O}; a nation answers once.");
            }

            DateTimeOffset now = TruncateToMilliseconds(clock.GetUtcNow());
            if (snapshot.Consultation.Status != nameof(ConsultationStatus.Open) || now >= snapshot.Consultation.Deadline)
            {
                await audit.AppendAsync(new AuditEntry(id, now, caller!.Name, "late-response-refused", Source(request), $"late-{nation}-{Guid.NewGuid():N}", nation, position), ct);
                return Problems.Conflict(
                    "consultation-closed",
                    $"The consultation closed ({snapshot.Consultation.Status}, deadline {snapshot.Consultation.Deadline:O}); this response is not counted.",
                    new Dictionary<string, object?> { ["consultationStatus"] = snapshot.Consultation.Status, ["deadline"] = snapshot.Consultation.Deadline });
            }

            current.Position = position;
            current.Comment = answer.Comment;
            current.Respondent = caller!.Name;
            current.RespondedAt = now;
            if (await store.TryReplacePositionAsync(current, ct))
            {
                // In this order: an audit entry present means the task is gone (the close of the consultation relies on it).
                await store.DeleteTaskAsync(nation, id, ct);
                await audit.AppendAsync(SubmittedEntry(request, id, current), ct);
                await RaiseResponseAsync(client, id, current, ct);
                return Accepted(request, id, current);
            }

            // Someone stored a response for this nation at the same moment: read it and answer accordingly.
            snapshot = await store.GetAsync(id, ct) ?? throw new InvalidOperationException($"Consultation {id} disappeared.");
            current = snapshot.PositionOf(nation)!;
        }

        return Problems.Conflict("already-answered", $"{nation} answered at the same moment from elsewhere.");
    });

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
        request.HttpContext.Response.Headers.Location = $"/{ApiRoutes.Prefix}/consultations/{id}";
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
        request.HttpContext.Response.Headers.Location = $"/{ApiRoutes.Prefix}/consultations/{id}";
        return TypedResults.Json(
            new { id, status = "extending", by = IsoDuration.Format(by), deadline = snapshot!.Consultation.Deadline + by },
            Json.Options,
            statusCode: StatusCodes.Status202Accepted);
    });

    /// <summary><c>GET /api/consultations/{id}/record</c>: JSON, or HTML when asked for.</summary>
    public Task<IResult> GetRecordAsync(HttpRequest request, string id) => this.GuardAsync(async ct =>
    {
        var (snapshot, refused) = await this.LoadAuthorizedAsync(request, id, ApiAction.ReadRecord, null, ct);
        if (refused is not null)
        {
            return refused;
        }

        if (snapshot!.Consultation.RecordBlob is null)
        {
            return Problems.NotFound(snapshot.Consultation.Status == nameof(ConsultationStatus.Open)
                ? "The consultation is still open; its record is published when it closes."
                : "The record is being published; try again in a moment.");
        }

        bool html = request.Headers.Accept.Any(a => a is not null && a.Contains("text/html", StringComparison.OrdinalIgnoreCase));
        string blob = html ? RecordPublisher.HtmlBlobName(id) : RecordPublisher.JsonBlobName(id);
        if (await records.ReadAsync(blob, ct) is not { } content)
        {
            return Problems.NotFound("The record is being published; try again in a moment.");
        }

        return TypedResults.Bytes(content.Content.ToArray(), content.ContentType);
    });

    /// <summary><c>GET /api/health</c>: 200 when storage answers.</summary>
    public async Task<IResult> HealthAsync(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(request.HttpContext.RequestAborted);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            await foreach (var _ in storage.Table(StorageNames.ConsultationsTable).QueryAsync<Azure.Data.Tables.TableEntity>(maxPerPage: 1, select: ["PartitionKey"], cancellationToken: timeout.Token).AsPages(pageSizeHint: 1))
            {
                break;
            }

            await storage.Container(StorageNames.RecordsContainer).GetPropertiesAsync(cancellationToken: timeout.Token);
            return TypedResults.Json(new { status = "healthy", storage = "ok" }, Json.Options);
        }
        catch (Exception ex) when (IsStorageUnavailable(ex) || ex is RequestFailedException)
        {
            logger.LogWarning(ex, "Health check failed: storage is not answering");
            return Problems.Unavailable("Storage did not answer the health check.");
        }
    }

    public static bool IsStorageUnavailable(Exception ex) => ex switch
    {
        RequestFailedException r => r.Status is 0 or >= 500 || r.InnerException is HttpRequestException or IOException,
        HttpRequestException or IOException or TimeoutException => true,
        TaskCanceledException t => t.InnerException is TimeoutException,
        AggregateException a => a.InnerExceptions.Any(IsStorageUnavailable),
        _ => ex.InnerException is not null && IsStorageUnavailable(ex.InnerException),
    };

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

    private static Task RaiseResponseAsync(DurableTaskClient client, string id, PositionEntity p, CancellationToken ct) =>
        client.RaiseEventAsync(
            id,
            ConsultationEvents.Response,
            new ResponseEvent(p.Nation, WireNames.TryParsePosition(p.Position, out var position) ? position : throw new InvalidOperationException("Stored position is unknown."), p.Respondent ?? string.Empty, p.RespondedAt!.Value.UtcDateTime),
            ct);

    private static IResult Accepted(HttpRequest request, string id, PositionEntity p)
    {
        request.HttpContext.Response.Headers.Location = $"/{ApiRoutes.Prefix}/consultations/{id}";
        return TypedResults.Json(
            new { consultationId = id, nation = p.Nation, position = p.Position, comment = p.Comment, respondent = p.Respondent, respondedAt = p.RespondedAt, status = "accepted" },
            Json.Options,
            statusCode: StatusCodes.Status202Accepted);
    }

    private static AuditEntry SubmittedEntry(HttpRequest request, string id, PositionEntity p) =>
        AuditEntries.ResponseSubmitted(id, p, Source(request));

    private static IResult? ClosedProblem(ConsultationSnapshot snapshot) =>
        snapshot.Consultation.Status == nameof(ConsultationStatus.Open)
            ? null
            : Problems.Conflict("consultation-closed", $"The consultation is already closed ({snapshot.Consultation.Status}).", new Dictionary<string, object?> { ["consultationStatus"] = snapshot.Consultation.Status });

    private static IResult? Refused(AuthorizationDecision decision) => decision switch
    {
        { Allowed: true } => null,
        { Status: 401 } => Problems.Unauthorized(decision.Reason),
        _ => Problems.Forbidden(decision.Reason),
    };

    private static string Source(HttpRequest request) =>
        request.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static DateTimeOffset TruncateToMilliseconds(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);

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

    private async Task<IResult> GuardAsync(Func<CancellationToken, Task<IResult>> handler)
    {
        try
        {
            return await handler(CancellationToken.None);
        }
        catch (Exception ex) when (IsStorageUnavailable(ex))
        {
            logger.LogWarning(ex, "Storage is not answering");
            return Problems.Unavailable("Storage is not answering; nothing was changed. Try again shortly.");
        }
    }
}

/// <summary>
/// Opaque continuation tokens: the table's token with a prefix and a checksum, base64url-encoded, so that a
/// corrupted or made-up token is refused (400) instead of silently ending the listing.
/// </summary>
public static class ContinuationToken
{
    private const string Prefix = "g7f1:";

    public static string Encode(string token) =>
        Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(System.Text.Encoding.UTF8.GetBytes($"{Prefix}{Checksum(token)}:{token}"));

    public static bool TryDecode(string value, out string? token)
    {
        token = null;
        if (value.Length > 2048)
        {
            return false;
        }

        try
        {
            string decoded = System.Text.Encoding.UTF8.GetString(Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlDecode(value));
            if (!decoded.StartsWith(Prefix, StringComparison.Ordinal) || decoded.Any(char.IsControl))
            {
                return false;
            }

            string[] parts = decoded[Prefix.Length..].Split(':', 2);
            if (parts.Length != 2 || parts[1].Length == 0 || parts[0] != Checksum(parts[1]))
            {
                return false;
            }

            token = parts[1];
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static string Checksum(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)).AsSpan(0, 8));
}
