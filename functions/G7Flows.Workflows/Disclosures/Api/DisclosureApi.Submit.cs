using System.Security.Cryptography;
using Azure.Data.Tables;
using G7Flows.Workflows.Disclosures.Domain;
using G7Flows.Workflows.Disclosures.Storage;
using G7Flows.Workflows.Disclosures.Workflow;
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

namespace G7Flows.Workflows.Disclosures.Api;

/// <summary>Submitting a disclosure and its revisions.</summary>
public sealed partial class DisclosureApi
{
    /// <summary><c>POST /api/disclosures</c></summary>
    public Task<IResult> SubmitAsync(HttpRequest request, DurableTaskClient client) => this.GuardAsync(async ct =>
    {
        Caller? caller = Caller.FromPrincipal(request.HttpContext.User);
        if (Refused(Authorizer.Decide(caller, ApiAction.SubmitDisclosure)) is { } refused)
        {
            return refused;
        }

        string? key = request.Headers[IdempotencyKeyHeader];
        if (key is not null && (key.Length is 0 or > 200 || key.Any(c => c is < ' ' or > '~')))
        {
            return Problems.Validation(IdempotencyKeyHeader, "Use 1 to 200 printable ASCII characters.");
        }

        var (body, raw, problem) = await RequestReader.ReadJsonAsync<SubmitDisclosureRequest>(request, ct);
        if (problem is not null)
        {
            return problem;
        }

        DateTimeOffset now = this.Now();
        var (submission, errors) = body!.Validate(now, settings.Due);
        if (submission is null)
        {
            return Problems.Validation(errors);
        }

        string id = key is null ? DisclosureIds.New() : DisclosureIds.FromIdempotencyKey(caller!.Subject, key);
        string requestHash = Convert.ToHexStringLower(SHA256.HashData(raw));
        if (key is not null && await store.GetAsync(id, ct) is { } earlier && earlier.Disclosure.RequestHash != requestHash)
        {
            // Refused before anything is written, not even the body's blob.
            return Conflict("idempotency-key-reused", "This Idempotency-Key was already used for a different request.");
        }

        string blob = await store.WriteRevisionBodyAsync(id, 1, submission.Body, ct);
        var disclosure = new DisclosureEntity
        {
            PartitionKey = DisclosureEntity.ConstructPartitionKey(id),
            Nation = submission.Nation,
            Kind = submission.Kind,
            Title = submission.Title,
            Status = nameof(DisclosureStatus.Screening),
            Revision = 1,
            CommentPeriod = IsoDuration.Format(submission.CommentPeriod),
            EmbargoUntil = submission.EmbargoUntil,
            DueSecurity = IsoDuration.Format(submission.Due.Security),
            DueHumanRights = IsoDuration.Format(submission.Due.HumanRights),
            DueFinal = IsoDuration.Format(submission.Due.Final),
            CreatedAt = now,
            CreatedBy = caller!.Name,
            CreatedBySubject = caller.Subject,
            RequestHash = requestHash,
            LastChangeAt = now,
        };
        RevisionEntity first = NewRevision(id, 1, blob, submission.Body, submission.Expenditure, now, caller.Name);
        var (created, snapshot) = await store.CreateAsync(disclosure, first, ct);
        if (!created && snapshot.Disclosure.RequestHash != requestHash)
        {
            return Conflict("idempotency-key-reused", "This Idempotency-Key was already used for a different request.");
        }

        // Everything after the stored disclosure is idempotent and done before the 202, also on a retry.
        faults.OnCrashPoint(CrashPoints.AfterStartStored);
        DisclosureEntity d = snapshot.Disclosure;
        await store.UpsertIndexAsync(d, ct);
        await audit.AppendAsync(
            new AuditEntry(id, d.CreatedAt, d.CreatedBy, "disclosure-submitted", Source(request), "submitted", d.Nation,
                $"{d.Kind}; revision 1 ({snapshot.Current.BodyLength} characters); comment period {d.CommentPeriod}; embargo {d.EmbargoUntil?.ToString("O") ?? "none"}"),
            ct);
        await EnsureStartedAsync(client, d, ct);

        request.HttpContext.Response.Headers.Location = $"/{ApiRoute.Prefix}/disclosures/{id}";
        return TypedResults.Json(new { id, status = d.Status, revision = d.Revision }, Json.Options, statusCode: StatusCodes.Status202Accepted);
    });

    /// <summary><c>POST /api/disclosures/{id}/revisions</c>: staff, only in <c>ChangesRequested</c>.</summary>
    public Task<IResult> ReviseAsync(HttpRequest request, DurableTaskClient client, string id) => this.GuardAsync(async ct =>
    {
        Caller? caller = Caller.FromPrincipal(request.HttpContext.User);
        if (Refused(Authorizer.Decide(caller, ApiAction.ReviseDisclosure)) is { } refused)
        {
            return refused;
        }

        var (body, _, problem) = await RequestReader.ReadJsonAsync<ReviseDisclosureRequest>(request, ct);
        if (problem is not null)
        {
            return problem;
        }

        var (snapshot, _, notAllowed) = await this.LoadAuthorizedAsync(request, id, ApiAction.ReviseDisclosure, s => ScopeOf(s), null, ct);
        if (notAllowed is not null)
        {
            return notAllowed;
        }

        DisclosureEntity d = snapshot!.Disclosure;
        var errors = new Dictionary<string, string[]>();
        if (SubmitDisclosureRequest.BodyProblem(body!.Body) is { } bodyProblem)
        {
            errors["body"] = [bodyProblem];
        }

        ExpenditureReport? report = null;
        if (d.Kind == DisclosureKinds.MilitaryExpenditure)
        {
            report = SubmitDisclosureRequest.ReadExpenditure(body.Expenditure, d.Nation, this.Now(), errors);
        }
        else if (body.Expenditure is { ValueKind: not System.Text.Json.JsonValueKind.Null })
        {
            errors["expenditure"] = ["Only a military-expenditure disclosure has an expenditure report."];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        string text = body.Body!;
        string sha = DisclosureStore.Sha256(text);
        string? expenditure = report is null ? null : ExpenditureJson.Serialize(report);
        for (int attempt = 0; attempt < MaxAttempts; attempt++)
        {
            d = snapshot!.Disclosure;
            RevisionEntity current = snapshot.Current;
            if (snapshot.Status != DisclosureStatus.ChangesRequested)
            {
                if (current.Number > 1 && current.BodySha256 == sha && current.Expenditure == expenditure)
                {
                    // The same revision again (a retry): the same reply, and its event once more.
                    if (snapshot.Status == DisclosureStatus.Screening)
                    {
                        await client.RaiseEventAsync(id, DisclosureEvents.Revision, new RevisionEvent(current.Number), ct);
                    }

                    return RevisionAccepted(request, id, snapshot.Disclosure, current);
                }

                return Conflict("not-changes-requested", $"A revision is taken only while changes are requested; the disclosure is {d.Status}.", StatusOf(snapshot));
            }

            DateTimeOffset now = this.Now();
            int number = d.Revision + 1;
            string blob = await store.WriteRevisionBodyAsync(id, number, text, ct);
            RevisionEntity revision = NewRevision(id, number, blob, text, report, now, caller!.Name);
            d.Revision = number;
            d.Status = nameof(DisclosureStatus.Screening);
            d.OutcomeReason = null;
            d.LastChangeAt = now;
            if (await store.TryCommitAsync(d, [new TableTransactionAction(TableTransactionActionType.Add, revision)], ct))
            {
                await store.UpsertIndexAsync(d, ct);
                await audit.AppendAsync(
                    new AuditEntry(id, now, caller.Name, "revision-submitted", Source(request), $"revision-{number:D2}", d.Nation, $"Revision {number} ({text.Length} characters)."),
                    ct);
                await client.RaiseEventAsync(id, DisclosureEvents.Revision, new RevisionEvent(number), ct);
                return RevisionAccepted(request, id, d, revision);
            }

            await BackOffAsync(attempt, ct);
            snapshot = await store.GetAsync(id, ct) ?? throw new InvalidOperationException($"Disclosure {id} disappeared.");
        }

        return Problems.Unavailable("The disclosure was too busy to store the revision; nothing was stored. Send it again.");
    });

    private static IResult RevisionAccepted(HttpRequest request, string id, DisclosureEntity d, RevisionEntity r)
    {
        request.HttpContext.Response.Headers.Location = $"/{ApiRoute.Prefix}/disclosures/{id}";
        return TypedResults.Json(
            new { id, revision = r.Number, status = d.Status, submittedAt = r.SubmittedAt },
            Json.Options,
            statusCode: StatusCodes.Status202Accepted);
    }

    private static RevisionEntity NewRevision(string id, int number, string blob, string body, ExpenditureReport? report, DateTimeOffset at, string by) => new()
    {
        PartitionKey = id,
        RowKey = RevisionEntity.ConstructRowKey(number),
        Number = number,
        BlobName = blob,
        BodyLength = body.Length,
        BodySha256 = DisclosureStore.Sha256(body),
        Expenditure = report is null ? null : ExpenditureJson.Serialize(report),
        SubmittedAt = at,
        SubmittedBy = by,
    };

    /// <summary>The orchestration's input, from the stored disclosure.</summary>
    public static DisclosureInput InputOf(DisclosureEntity d)
    {
        ArgumentNullException.ThrowIfNull(d);
        static TimeSpan Duration(string text) =>
            IsoDuration.TryParse(text, out TimeSpan value) ? value : throw new InvalidOperationException($"A stored duration is not valid: '{text}'.");
        return new DisclosureInput(
            d.PartitionKey,
            d.Nation,
            d.Title,
            1,
            Duration(d.CommentPeriod),
            d.EmbargoUntil?.UtcDateTime,
            new StepDurations(Duration(d.DueSecurity), Duration(d.DueHumanRights), Duration(d.DueFinal)));
    }

    /// <summary>Starts the workflow unless it exists (a concurrent retry that started it meanwhile is success too).</summary>
    private async Task EnsureStartedAsync(DurableTaskClient client, DisclosureEntity d, CancellationToken ct)
    {
        if (await client.GetInstanceAsync(d.PartitionKey, ct) is not null)
        {
            return;
        }

        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(nameof(DisclosureOrchestrator), InputOf(d), WorkflowVersions.StartOptions(nameof(DisclosureOrchestrator), d.PartitionKey), ct);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            if (await client.GetInstanceAsync(d.PartitionKey, ct) is null)
            {
                throw;
            }

            logger.LogDebug(ex, "Disclosure {DisclosureId}: started by a concurrent retry", d.PartitionKey);
        }
    }
}
