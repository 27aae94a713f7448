using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using G7Flows.Workflows.Platform.Storage;
using Microsoft.Extensions.Logging;

namespace G7Flows.Workflows.Disclosures.Publishing;

/// <summary>
/// Publishes a disclosure to the public container: its JSON document and its HTML page under names derived from its id,
/// each written once (<c>If-None-Match: *</c>) with a SHA-256 in its metadata, then its entry in the public index, one
/// JSON document updated under its ETag. Both renderings come from the one <see cref="PublicDisclosure"/>, so a retry
/// after a crash writes the same bytes, finds what an earlier attempt wrote, and completes what it did not.
/// </summary>
/// <remarks>
/// Two publications at the same moment race on the index: each reads it with its ETag, adds its entry and writes it back
/// only if nobody wrote in between (<c>If-Match</c>, or <c>If-None-Match: *</c> for the first one); the loser reads again
/// and retries, so every publication ends up in the index. Readers render the index's HTML and Atom forms from the JSON.
/// </remarks>
public sealed class DisclosurePublisher(StorageClients storage, ILogger<DisclosurePublisher> logger) : IDisclosurePublisher
{
    /// <summary>The metadata key of a blob's own SHA-256 (lower-case hex).</summary>
    public const string Sha256Metadata = "sha256";

    /// <summary>The metadata key, on the HTML page, of the SHA-256 of the JSON document it was rendered with.</summary>
    public const string DocumentSha256Metadata = "documentsha256";

    /// <summary>The content type of the JSON document and of the index.</summary>
    public const string JsonContentType = "application/json; charset=utf-8";

    /// <summary>The content type of the HTML page.</summary>
    public const string HtmlContentType = "text/html; charset=utf-8";

    /// <summary>The name of the index document in the public container.</summary>
    public const string IndexBlobName = "index/disclosures.json";

    /// <summary>How often an index update that lost a race is tried again before the publication fails (and is retried whole).</summary>
    internal const int MaxIndexAttempts = 200;

    private readonly BlobContainerClient container = storage.Container(StorageNames.PublicDisclosuresContainer);

    /// <summary>The JSON document of disclosure <paramref name="id"/>.</summary>
    public static string JsonBlobName(string id) => $"disclosures/{id}/disclosure.json";

    /// <summary>The HTML page of disclosure <paramref name="id"/>.</summary>
    public static string HtmlBlobName(string id) => $"disclosures/{id}/disclosure.html";

    /// <inheritdoc />
    public async Task<PublishedDisclosure> PublishAsync(PublicDisclosure disclosure, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(disclosure);
        if (!PublicDisclosureIds.IsWellFormed(disclosure.Id))
        {
            throw new ArgumentException($"'{disclosure.Id}' cannot be a public disclosure id (1 to {PublicDisclosureIds.MaxLength} letters, digits, '-' or '_').", nameof(disclosure));
        }

        byte[] json = PublicDisclosureRenderer.Json(disclosure);
        byte[] html = Encoding.UTF8.GetBytes(PublicDisclosureRenderer.Html(disclosure));
        string jsonSha = Sha256(json);
        var entry = new PublicIndexEntry(disclosure.Id, disclosure.Nation, disclosure.Kind, disclosure.Title, PublicHtml.Utc(disclosure.PublishedAt), jsonSha);

        // The JSON document first: it is what the index and the result describe. When an earlier attempt wrote a
        // different one (the disclosure given now differs from the one given then), the published document stands and a
        // warning is logged; the HTML page, if that attempt did not get to write it, is then the one rendered now.
        BlobClient jsonBlob = this.container.GetBlobClient(JsonBlobName(disclosure.Id));
        if (!await WriteOnceAsync(jsonBlob, json, JsonContentType, Metadata(disclosure.Id, jsonSha, null), cancellationToken))
        {
            entry = await this.ReadPublishedEntryAsync(jsonBlob, entry, cancellationToken);
        }

        BlobClient htmlBlob = this.container.GetBlobClient(HtmlBlobName(disclosure.Id));
        await WriteOnceAsync(htmlBlob, html, HtmlContentType, Metadata(disclosure.Id, Sha256(html), entry.Sha256), cancellationToken);

        await this.AddToIndexAsync(entry, cancellationToken);
        logger.LogInformation("Disclosure {DisclosureId} is published (SHA-256 {Sha256})", entry.Id, entry.Sha256);
        return new PublishedDisclosure(entry.Id, jsonBlob.Uri, htmlBlob.Uri, entry.Sha256, PublicHtml.DisclosurePath(entry.Id));
    }

    /// <summary>The lower-case hex SHA-256 of <paramref name="content"/>.</summary>
    public static string Sha256(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));

    private static Dictionary<string, string> Metadata(string id, string sha, string? documentSha)
    {
        var metadata = new Dictionary<string, string> { ["disclosureid"] = id, [Sha256Metadata] = sha };
        if (documentSha is not null)
        {
            metadata[DocumentSha256Metadata] = documentSha;
        }

        return metadata;
    }

    /// <summary>Writes <paramref name="content"/> unless the blob exists; true when this call wrote it.</summary>
    private static async Task<bool> WriteOnceAsync(BlobClient blob, byte[] content, string contentType, Dictionary<string, string> metadata, CancellationToken cancellationToken)
    {
        var options = new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
            Metadata = metadata,
            Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
        };
        try
        {
            await blob.UploadAsync(new BinaryData(content), options, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return false;
        }
    }

    /// <summary>The index entry of a JSON document an earlier attempt wrote: its fields and the hash of its bytes.</summary>
    private async Task<PublicIndexEntry> ReadPublishedEntryAsync(BlobClient jsonBlob, PublicIndexEntry proposed, CancellationToken cancellationToken)
    {
        BlobDownloadResult stored = (await jsonBlob.DownloadContentAsync(cancellationToken)).Value;
        string storedSha = Sha256(stored.Content.ToMemory().Span);
        if (storedSha == proposed.Sha256)
        {
            return proposed;
        }

        logger.LogWarning(
            "Disclosure {DisclosureId} was already published with SHA-256 {StoredSha256}, not {ProposedSha256}; the published document stands",
            proposed.Id,
            storedSha,
            proposed.Sha256);
        using JsonDocument document = JsonDocument.Parse(stored.Content.ToMemory());
        JsonElement root = document.RootElement;
        return new PublicIndexEntry(
            proposed.Id,
            root.GetProperty("nation").GetString() ?? proposed.Nation,
            root.GetProperty("kind").GetString() ?? proposed.Kind,
            root.GetProperty("title").GetString() ?? proposed.Title,
            PublicHtml.Utc(root.GetProperty("publishedAt").GetDateTime()),
            storedSha);
    }

    /// <summary>Adds <paramref name="entry"/> to the index under its ETag, reading again after every lost race.</summary>
    private async Task AddToIndexAsync(PublicIndexEntry entry, CancellationToken cancellationToken)
    {
        BlobClient blob = this.container.GetBlobClient(IndexBlobName);
        for (int attempt = 1; ; attempt++)
        {
            (PublicIndex current, ETag? etag) = await ReadIndexAsync(blob, cancellationToken);
            if (current.Contains(entry.Id))
            {
                return;
            }

            byte[] content = PublicIndex.Add(current, entry).ToJson();
            var options = new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = JsonContentType },
                Metadata = new Dictionary<string, string> { [Sha256Metadata] = Sha256(content) },
                Conditions = etag is { } match ? new BlobRequestConditions { IfMatch = match } : new BlobRequestConditions { IfNoneMatch = ETag.All },
            };
            try
            {
                await blob.UploadAsync(new BinaryData(content), options, cancellationToken);
                return;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < MaxIndexAttempts)
            {
                // Another publication wrote the index since it was read: read it again and merge.
                logger.LogDebug("Index update for {DisclosureId} lost a race (attempt {Attempt}); retrying", entry.Id, attempt);
                await Task.Delay(Backoff(attempt), cancellationToken);
            }
        }
    }

    /// <summary>Exponential back-off with full jitter (up to 10, 20, 40 ... 320 ms), so that many writers spread out instead of colliding again.</summary>
    private static TimeSpan Backoff(int attempt) =>
        TimeSpan.FromMilliseconds(Random.Shared.Next(0, 10 << Math.Min(attempt - 1, 5)));

    /// <summary>The stored index and its ETag, or the empty index and no ETag when nothing was published yet.</summary>
    internal static async Task<(PublicIndex Index, ETag? ETag)> ReadIndexAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        try
        {
            BlobDownloadResult result = (await blob.DownloadContentAsync(cancellationToken)).Value;
            return (PublicIndex.FromJson(result.Content.ToMemory().Span), result.Details.ETag);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return (PublicIndex.Empty, null);
        }
    }
}
