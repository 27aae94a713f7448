using System.Globalization;
using System.Text;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using G7Flows.Workflows.Disclosures.Publishing;
using G7Flows.Workflows.Platform.Http;
using G7Flows.Workflows.Platform.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace G7Flows.Workflows.Disclosures.PublicApi;

/// <summary>
/// The anonymous read side of published disclosures, shared by both hosts: the index (newest first, paged), one
/// disclosure and the Atom feed. Only what <see cref="DisclosurePublisher"/> wrote to the public container is served,
/// so nothing that is not published can be reached here. No handler needs a caller; the route table marks them
/// anonymous. The HTML pages carry no script and load nothing (the host adds its content security policy).
/// </summary>
public sealed class PublicDisclosureApi(StorageClients storage, ILogger<PublicDisclosureApi> logger)
{
    /// <summary>The page size of the index when none is asked for.</summary>
    public const int DefaultPageSize = 20;

    /// <summary>The largest page of the index.</summary>
    public const int MaxPageSize = 100;

    /// <summary>How many of the newest publications the feed carries.</summary>
    public const int FeedSize = 50;

    private const string IndexCacheControl = "public, no-cache";

    private const string DisclosureCacheControl = "public, max-age=300";

    private readonly BlobContainerClient container = storage.Container(StorageNames.PublicDisclosuresContainer);

    /// <summary><c>GET /api/public/disclosures?pageSize=&amp;continuationToken=</c></summary>
    public Task<IResult> ListAsync(HttpRequest request) => this.GuardAsync(async ct =>
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, string[]>();
        int pageSize = DefaultPageSize;
        string? size = request.Query["pageSize"];
        if (size is not null && (!int.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > MaxPageSize))
        {
            errors["pageSize"] = [$"Use a whole number from 1 to {MaxPageSize}."];
        }

        IndexPosition? after = null;
        string? continuation = request.Query["continuationToken"];
        if (continuation is not null && !IndexPosition.TryDecode(continuation, out after))
        {
            errors["continuationToken"] = ["This is not a continuation token G7Flows gave out."];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        (PublicIndex index, DateTimeOffset? modified) = await this.ReadIndexAsync(ct);
        List<PublicIndexEntry> rest = after is null ? [.. index.Entries] : [.. index.Entries.Where(after.Precedes)];
        List<PublicIndexEntry> page = rest.Take(pageSize).ToList();
        string? next = rest.Count > pageSize ? IndexPosition.Of(page[^1]).Encode() : null;

        byte[] content;
        string contentType;
        if (PublicResponses.PrefersHtml(request))
        {
            string? olderPath = next is null ? null
                : $"/{ApiRoute.Prefix}/{PublicDisclosureRoutes.List}?pageSize={pageSize}&continuationToken={Uri.EscapeDataString(next)}";
            content = Encoding.UTF8.GetBytes(PublicIndexRenderer.Html(page, olderPath));
            contentType = PublicResponses.Html;
        }
        else
        {
            var document = new IndexPage(
                page.Select(e => new IndexItem(e.Id, e.Nation, e.Kind, e.Title, PublicHtml.Utc(e.PublishedAt), e.Sha256, PublicHtml.DisclosurePath(e.Id))).ToList(),
                next);
            content = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(document, Platform.Publishing.Json.Options);
            contentType = PublicResponses.Json;
        }

        return PublicResponses.Cacheable(request, content, contentType, DisclosurePublisher.Sha256(content), modified, IndexCacheControl);
    });

    /// <summary><c>GET /api/public/disclosures/{id}</c></summary>
    public Task<IResult> GetAsync(HttpRequest request, string id)
    {
        ArgumentNullException.ThrowIfNull(request);

        // The Functions host orders routes by function name, not by precedence as ASP.NET Core does
        // (Azure/azure-functions-host#9876), so there GetPublicDisclosure is tried first and receives the feed's path.
        if (string.Equals(id, PublicDisclosureRoutes.FeedSegment, StringComparison.Ordinal))
        {
            return this.FeedAsync(request);
        }

        return this.GuardAsync(async ct =>
        {
            if (!PublicDisclosureIds.IsWellFormed(id))
            {
                return NotPublished();
            }

            bool html = PublicResponses.PrefersHtml(request);
            BlobClient blob = this.container.GetBlobClient(html ? DisclosurePublisher.HtmlBlobName(id) : DisclosurePublisher.JsonBlobName(id));
            BlobDownloadResult result;
            try
            {
                result = (await blob.DownloadContentAsync(ct)).Value;
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                return NotPublished();
            }

            byte[] content = result.Content.ToArray();
            string etag = result.Details.Metadata.TryGetValue(DisclosurePublisher.Sha256Metadata, out string? sha) ? sha : DisclosurePublisher.Sha256(content);
            return PublicResponses.Cacheable(
                request,
                content,
                html ? PublicResponses.Html : PublicResponses.Json,
                etag,
                result.Details.LastModified,
                DisclosureCacheControl);
        });
    }

    /// <summary><c>GET /api/public/disclosures/feed.atom</c>: the newest <see cref="FeedSize"/> publications.</summary>
    public Task<IResult> FeedAsync(HttpRequest request) => this.GuardAsync(async ct =>
    {
        ArgumentNullException.ThrowIfNull(request);
        (PublicIndex index, DateTimeOffset? modified) = await this.ReadIndexAsync(ct);
        List<PublicIndexEntry> newest = index.Entries.Take(FeedSize).ToList();
        DateTime updated = newest.Count > 0 ? newest[0].PublishedAt : DateTime.UnixEpoch;
        var baseAddress = new Uri($"{request.Scheme}://{request.Host.ToUriComponent()}/");
        byte[] content = PublicIndexRenderer.Atom(newest, baseAddress, updated);
        return PublicResponses.Cacheable(request, content, PublicResponses.Atom, DisclosurePublisher.Sha256(content), modified, IndexCacheControl);
    });

    private static IResult NotPublished() => Problems.NotFound("No published disclosure has this id.");

    private async Task<(PublicIndex Index, DateTimeOffset? Modified)> ReadIndexAsync(CancellationToken ct)
    {
        try
        {
            BlobDownloadResult result = (await this.container.GetBlobClient(DisclosurePublisher.IndexBlobName).DownloadContentAsync(ct)).Value;
            return (PublicIndex.FromJson(result.Content.ToMemory().Span), result.Details.LastModified);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return (PublicIndex.Empty, null);
        }
    }

    private Task<IResult> GuardAsync(Func<CancellationToken, Task<IResult>> handler) => HandlerSupport.GuardAsync(logger, handler);

    /// <summary>One page of the index as JSON, shaped like the other listings: <c>{ items, continuationToken }</c>.</summary>
    private sealed record IndexPage(IReadOnlyList<IndexItem> Items, string? ContinuationToken);

    private sealed record IndexItem(string Id, string Nation, string Kind, string Title, DateTime PublishedAt, string Sha256, string Url);

    /// <summary>
    /// Where a page of the index ended: the publication time and id of its last entry. The next page starts after it in
    /// the index's order, so publications that arrive meanwhile (at the top) neither repeat nor skip entries.
    /// </summary>
    private sealed record IndexPosition(long Ticks, string Id)
    {
        public static IndexPosition Of(PublicIndexEntry entry) => new(PublicHtml.Utc(entry.PublishedAt).Ticks, entry.Id);

        public static bool TryDecode(string token, out IndexPosition? position)
        {
            position = null;
            if (!ContinuationToken.TryDecode(token, out string? raw) || raw!.Split('|') is not [string ticks, string id]
                || !long.TryParse(ticks, NumberStyles.None, CultureInfo.InvariantCulture, out long value)
                || value > DateTime.MaxValue.Ticks || !PublicDisclosureIds.IsWellFormed(id))
            {
                return false;
            }

            position = new IndexPosition(value, id);
            return true;
        }

        public string Encode() => ContinuationToken.Encode(string.Create(CultureInfo.InvariantCulture, $"{this.Ticks}|{this.Id}"));

        /// <summary>True for an entry that comes after this position (older, or as old with a later id).</summary>
        public bool Precedes(PublicIndexEntry entry)
        {
            long ticks = PublicHtml.Utc(entry.PublishedAt).Ticks;
            return ticks < this.Ticks || (ticks == this.Ticks && string.CompareOrdinal(entry.Id, this.Id) > 0);
        }
    }
}
