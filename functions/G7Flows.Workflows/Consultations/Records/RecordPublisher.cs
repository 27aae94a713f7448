using System.Security.Cryptography;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using G7Flows.Workflows.Platform.Storage;
using Microsoft.Extensions.Logging;

namespace G7Flows.Workflows.Consultations.Records;

/// <summary>
/// Writes consultation records to blob storage under deterministic names, once: an existing blob is never
/// overwritten, so a retried publication finds its own earlier write and leaves it.
/// </summary>
public sealed class RecordPublisher(StorageClients storage, ILogger<RecordPublisher> logger)
{
    private readonly BlobContainerClient container = storage.Container(StorageNames.RecordsContainer);

    public static string JsonBlobName(string consultationId) => $"consultations/{consultationId}/record.json";

    public static string HtmlBlobName(string consultationId) => $"consultations/{consultationId}/record.html";

    /// <summary>Publishes both renderings and returns the JSON blob's name.</summary>
    public async Task<string> PublishAsync(ConsultationRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        await this.WriteOnceAsync(HtmlBlobName(record.Id), System.Text.Encoding.UTF8.GetBytes(RecordRenderer.ToHtml(record)), "text/html; charset=utf-8", record, cancellationToken);
        string jsonName = JsonBlobName(record.Id);
        await this.WriteOnceAsync(jsonName, RecordRenderer.ToJson(record), "application/json", record, cancellationToken);
        return jsonName;
    }

    /// <summary>Reads a published rendering, or null when it is not there.</summary>
    public async Task<(BinaryData Content, string ContentType)?> ReadAsync(string blobName, CancellationToken cancellationToken = default)
    {
        try
        {
            Response<BlobDownloadResult> result = await this.container.GetBlobClient(blobName).DownloadContentAsync(cancellationToken);
            return (result.Value.Content, result.Value.Details.ContentType);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    private async Task WriteOnceAsync(string name, byte[] content, string contentType, ConsultationRecord record, CancellationToken cancellationToken)
    {
        byte[] hash = SHA256.HashData(content);
        var options = new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
            Metadata = new Dictionary<string, string>
            {
                ["consultationId"] = record.Id,
                ["status"] = record.Consultation.Status,
                ["sha256"] = Convert.ToHexStringLower(hash),
            },
            Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
        };

        try
        {
            await this.container.GetBlobClient(name).UploadAsync(new BinaryData(content), options, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            logger.LogInformation("Record {BlobName} was already published; left as it is", name);
        }
    }
}
