using G7Flows.Workflows.Disclosures.Domain;
using G7Flows.Workflows.Disclosures.Storage;
using G7Flows.Workflows.Platform.Http;
using G7Flows.Workflows.Platform.Publishing;
using G7Flows.Workflows.Platform.Security;
using G7Flows.Workflows.Platform.Storage;
using Microsoft.AspNetCore.Http;
using static G7Flows.Workflows.Platform.Http.HandlerSupport;

namespace G7Flows.Workflows.Disclosures.Api;

/// <summary>Reading a disclosure and the listing.</summary>
public sealed partial class DisclosureApi
{
    /// <summary><c>GET /api/disclosures/{id}</c></summary>
    public Task<IResult> GetAsync(HttpRequest request, string id) => this.GuardAsync(async ct =>
    {
        var (snapshot, caller, refused) = await this.LoadAuthorizedAsync(request, id, ApiAction.ReadDisclosure, s => ScopeOf(s), null, ct);
        if (refused is not null)
        {
            return refused;
        }

        // The text is read with the partition, so a reviewer sees the words the findings point into.
        string body = await store.ReadRevisionBodyAsync(snapshot!.Current.BlobName, ct);
        return TypedResults.Json(DisclosureView.From(snapshot, caller!, body), Json.Options);
    });

    /// <summary><c>GET /api/disclosures/{id}/audit</c>: staff; the trail in chain order and whether the chain holds.</summary>
    public Task<IResult> GetAuditAsync(HttpRequest request, string id) => this.GuardAsync(async ct =>
    {
        var (_, _, refused) = await this.LoadAuthorizedAsync(request, id, ApiAction.ReadAudit, s => ScopeOf(s), null, ct);
        return refused ?? TypedResults.Json(await AuditTrailView.ReadAsync(audit, id, ct), Json.Options);
    });

    /// <summary><c>GET /api/disclosures?status=&amp;nation=&amp;pageSize=&amp;continuationToken=</c>: staff, newest first.</summary>
    public Task<IResult> ListAsync(HttpRequest request) => this.GuardAsync(async ct =>
    {
        Caller? caller = Caller.FromPrincipal(request.HttpContext.User);
        if (Refused(Authorizer.Decide(caller, ApiAction.ListDisclosures)) is { } refused)
        {
            return refused;
        }

        var errors = new Dictionary<string, string[]>();
        DisclosureStatus? status = null;
        string? statusText = request.Query["status"];
        if (statusText is not null)
        {
            if (DisclosureStatuses.TryParseName(statusText, out DisclosureStatus parsed))
            {
                status = parsed;
            }
            else
            {
                errors["status"] = [$"Use one of: {string.Join(", ", Enum.GetNames<DisclosureStatus>())}."];
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

        DisclosurePage page = await store.ListAsync(status, nation, pageSize, token, ct);
        return TypedResults.Json(
            new
            {
                items = page.Items.Select(i => new
                {
                    id = i.DisclosureId,
                    nation = i.Nation,
                    kind = i.Kind,
                    title = i.Title,
                    status = i.Status,
                    revision = i.Revision,
                    createdAt = i.CreatedAt,
                    due = i.StepDue,
                    publicAddress = i.PublicPath,
                }),
                continuationToken = page.ContinuationToken is null ? null : ContinuationToken.Encode(page.ContinuationToken),
            },
            Json.Options);
    });
}
