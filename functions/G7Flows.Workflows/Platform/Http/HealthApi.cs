using Azure;
using Azure.Data.Tables;
using G7Flows.Workflows.Platform.Publishing;
using G7Flows.Workflows.Platform.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace G7Flows.Workflows.Platform.Http;

/// <summary><c>GET /api/health</c>: 200 when the tables and the records container answer, else 503.</summary>
public sealed class HealthApi(StorageClients storage, ILogger<HealthApi> logger)
{
    public const string Route = "health";

    public async Task<IResult> HealthAsync(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(request.HttpContext.RequestAborted);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            await foreach (var _ in storage.Table(StorageNames.AuditTable).QueryAsync<TableEntity>(maxPerPage: 1, select: ["PartitionKey"], cancellationToken: timeout.Token).AsPages(pageSizeHint: 1))
            {
                break;
            }

            await storage.Container(StorageNames.RecordsContainer).GetPropertiesAsync(cancellationToken: timeout.Token);
            return TypedResults.Json(new { status = "healthy", storage = "ok" }, Json.Options);
        }
        catch (Exception ex) when (StorageFaults.IsUnavailable(ex) || ex is RequestFailedException)
        {
            logger.LogWarning(ex, "Health check failed: storage is not answering");
            return Problems.Unavailable("Storage did not answer the health check.");
        }
    }
}
