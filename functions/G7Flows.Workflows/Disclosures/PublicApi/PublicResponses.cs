using G7Flows.Workflows.Platform.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace G7Flows.Workflows.Disclosures.PublicApi;

/// <summary>
/// What the public answers share: content negotiation between JSON and HTML on <c>Accept</c>, and validators
/// (<c>ETag</c>, <c>Last-Modified</c>) with <c>304 Not Modified</c> for a client that already has the representation.
/// </summary>
internal static class PublicResponses
{
    public const string Html = "text/html; charset=utf-8";

    public const string Json = "application/json; charset=utf-8";

    public const string Atom = "application/atom+xml; charset=utf-8";

    /// <summary>
    /// True when the client prefers HTML to JSON. Each type takes the quality of the most specific range that matches it
    /// (<c>text/html</c> before <c>text/*</c> before <c>*/*</c>); HTML wins when its quality is higher, or equal and
    /// named while JSON is not (a browser's <c>text/html, */*</c>). No <c>Accept</c> at all means JSON.
    /// </summary>
    public static bool PrefersHtml(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out IList<MediaTypeHeaderValue>? ranges) || ranges.Count == 0)
        {
            return false;
        }

        (double html, bool htmlNamed) = Quality(ranges, "text", "html");
        (double json, bool jsonNamed) = Quality(ranges, "application", "json");
        return html > 0 && (html > json || (html == json && htmlNamed && !jsonNamed));
    }

    /// <summary>
    /// Writes the validators and the representation's headers, and answers 304 (with no body) when the request's
    /// <c>If-None-Match</c> already names <paramref name="etag"/>; otherwise returns <paramref name="content"/> as it is.
    /// </summary>
    public static IResult Cacheable(HttpRequest request, byte[] content, string contentType, string etag, DateTimeOffset? lastModified, string cacheControl)
    {
        HttpResponse response = request.HttpContext.Response;
        var tag = new EntityTagHeaderValue($"\"{etag}\"");
        response.Headers.ETag = tag.ToString();
        response.Headers.CacheControl = cacheControl;
        response.Headers.Vary = "Accept";
        if (lastModified is { } modified)
        {
            response.Headers.LastModified = HeaderUtilities.FormatDate(modified);
        }

        if (ConditionalRequests.ClientHasCurrent(request, tag))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        return TypedResults.Bytes(content, contentType);
    }

    private static (double Quality, bool Named) Quality(IList<MediaTypeHeaderValue> ranges, string type, string subtype)
    {
        MediaTypeHeaderValue? best = null;
        int specificity = -1;
        foreach (MediaTypeHeaderValue range in ranges)
        {
            int matched = range.Type.Equals(type, StringComparison.OrdinalIgnoreCase) && range.SubType.Equals(subtype, StringComparison.OrdinalIgnoreCase) ? 2
                : range.Type.Equals(type, StringComparison.OrdinalIgnoreCase) && range.MatchesAllSubTypes ? 1
                : range.MatchesAllTypes ? 0
                : -1;
            if (matched > specificity)
            {
                (best, specificity) = (range, matched);
            }
        }

        return best is null ? (0, false) : (best.Quality ?? 1.0, specificity == 2);
    }
}
