using System.Security.Cryptography;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using G7Flows.Workflows.Platform.Http;
using G7Flows.Workflows.Platform.Publishing;
using G7Flows.Workflows.Platform.Storage;
using G7Flows.Workflows.Reports.Domain;
using G7Flows.Workflows.Reports.Publishing;
using Microsoft.Extensions.Logging;

namespace G7Flows.Workflows.Reports.Storage;

/// <summary>A published report in the index.</summary>
public sealed record ReportIndexEntry(string Period, string PeriodKind, DateTimeOffset GeneratedAt, int FactsRead, string Sha256, IReadOnlyDictionary<string, string> Links);

/// <summary>The index of published reports, newest period first.</summary>
public sealed record ReportIndex(IReadOnlyList<ReportIndexEntry> Items)
{
    public static ReportIndex Empty { get; } = new([]);
}

/// <summary>A report's three renderings.</summary>
public static class ReportFormats
{
    public const string Json = "json";
    public const string Csv = "csv";
    public const string Html = "html";

    public static IReadOnlyList<string> All { get; } = [Json, Csv, Html];

    /// <summary>Where anyone reads a period's report.</summary>
    public static string PublicPath(ReportPeriod period) => $"/{ApiRoute.Prefix}/public/reports/{period}";

    /// <summary>The addresses of a report's renderings.</summary>
    public static IReadOnlyDictionary<string, string> Links(ReportPeriod period) =>
        All.ToDictionary(f => f, f => $"{PublicPath(period)}?format={f}", StringComparer.Ordinal);

    public static string ContentType(string format) => format switch
    {
        Csv => "text/csv; charset=utf-8",
        Html => "text/html; charset=utf-8",
        _ => "application/json",
    };
}

/// <summary>
/// The <c>reports</c> container: <c>{period}/report.json|csv|html</c>, each written once with its SHA-256 in its
/// metadata (a second writer gets 409/412 and keeps the first), and <c>index.json</c>, updated under its ETag.
/// </summary>
public sealed class ReportStore(StorageClients storage, ILogger<ReportStore> logger)
{
    public const string IndexBlob = "index.json";

    private readonly BlobContainerClient container = storage.Container(StorageNames.ReportsContainer);

    public static string BlobName(ReportPeriod period, string format) => $"{period}/report.{format}";

    /// <summary>Writes a rendering unless it exists. True when this call wrote it.</summary>
    public async Task<bool> WriteOnceAsync(ReportPeriod period, string format, byte[] content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var options = new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = ReportFormats.ContentType(format) },
            Metadata = new Dictionary<string, string> { ["period"] = period.ToString(), ["sha256"] = Sha256(content) },
            Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
        };
        try
        {
            await this.container.GetBlobClient(BlobName(period, format)).UploadAsync(new BinaryData(content), options, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            logger.LogInformation("Report {Period} ({Format}) was already published; left as it is", period.ToString(), format);
            return false;
        }
    }

    /// <summary>A published rendering, or null.</summary>
    public async Task<(BinaryData Content, string ContentType, string? Sha256)?> ReadAsync(ReportPeriod period, string format, CancellationToken cancellationToken = default)
    {
        try
        {
            Response<BlobDownloadResult> result = await this.container.GetBlobClient(BlobName(period, format)).DownloadContentAsync(cancellationToken);
            result.Value.Details.Metadata.TryGetValue("sha256", out string? hash);
            return (result.Value.Content, result.Value.Details.ContentType, hash);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    /// <summary>The published report of a period, or null.</summary>
    public async Task<PeriodReport?> ReadReportAsync(ReportPeriod period, CancellationToken cancellationToken = default) =>
        await this.ReadAsync(period, ReportFormats.Json, cancellationToken) is { } json ? ReportJson.Deserialize(json.Content) : null;

    public async Task<ReportIndex> ReadIndexAsync(CancellationToken cancellationToken = default) =>
        (await this.ReadIndexWithETagAsync(cancellationToken)).Index;

    /// <summary>Adds a report to the index (once); concurrent writers retry on the ETag they read.</summary>
    public async Task AddToIndexAsync(ReportIndexEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        BlobClient blob = this.container.GetBlobClient(IndexBlob);
        for (int attempt = 1; ; attempt++)
        {
            var (index, etag) = await this.ReadIndexWithETagAsync(cancellationToken);
            if (index.Items.Any(i => i.Period == entry.Period))
            {
                return;
            }

            var items = index.Items.Append(entry).OrderByDescending(i => i.Period, StringComparer.Ordinal).ToList();
            var options = new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
                Conditions = etag is { } e ? new BlobRequestConditions { IfMatch = e } : new BlobRequestConditions { IfNoneMatch = ETag.All },
            };
            try
            {
                await blob.UploadAsync(new BinaryData(JsonSerializer.SerializeToUtf8Bytes(new ReportIndex(items), Json.Indented)), options, cancellationToken);
                return;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < 20)
            {
                // Another report was indexed meanwhile: read it again.
                await Task.Delay(Random.Shared.Next(5, 50 * attempt), cancellationToken);
            }
        }
    }

    public static string Sha256(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    private async Task<(ReportIndex Index, ETag? ETag)> ReadIndexWithETagAsync(CancellationToken cancellationToken)
    {
        try
        {
            Response<BlobDownloadResult> result = await this.container.GetBlobClient(IndexBlob).DownloadContentAsync(cancellationToken);
            return (result.Value.Content.ToObjectFromJson<ReportIndex>(Json.Options) ?? ReportIndex.Empty, result.Value.Details.ETag);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return (ReportIndex.Empty, null);
        }
    }
}
