using Azure;
using G7Flows.Workflows.Consultations.Domain;
using G7Flows.Workflows.Consultations.Records;
using G7Flows.Workflows.Consultations.Storage;
using G7Flows.Workflows.Platform.Http;
using G7Flows.Workflows.Platform.Publishing;
using G7Flows.Workflows.Platform.Security;
using G7Flows.Workflows.Platform.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using static G7Flows.Workflows.Platform.Http.HandlerSupport;

namespace G7Flows.Workflows.Consultations.Api;

/// <summary>Reading consultations, their listing and the published record.</summary>
public sealed partial class ConsultationApi
{
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

    /// <summary><c>GET /api/consultations/{id}/audit</c>: staff; the trail in chain order and whether the chain holds.</summary>
    public Task<IResult> GetAuditAsync(HttpRequest request, string id) => this.GuardAsync(async ct =>
    {
        var (_, refused) = await this.LoadAuthorizedAsync(request, id, ApiAction.ReadAudit, null, ct);
        return refused ?? TypedResults.Json(await AuditTrailView.ReadAsync(audit, id, ct), Json.Options);
    });
}
