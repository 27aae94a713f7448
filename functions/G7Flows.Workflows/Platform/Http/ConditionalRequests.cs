using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace G7Flows.Workflows.Platform.Http;

/// <summary>Conditional GETs (RFC 9110 §13): whether the client already holds the current representation.</summary>
public static class ConditionalRequests
{
    /// <summary>
    /// True when the request's <c>If-None-Match</c> is <c>*</c> or names <paramref name="tag"/> (weak comparison, as
    /// RFC 9110 asks for this header); the answer is then 304 with no body.
    /// </summary>
    public static bool ClientHasCurrent(HttpRequest request, EntityTagHeaderValue tag)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(tag);
        return EntityTagHeaderValue.TryParseList(request.Headers.IfNoneMatch, out IList<EntityTagHeaderValue>? matches)
            && matches.Any(m => m.Equals(EntityTagHeaderValue.Any) || m.Compare(tag, useStrongComparison: false));
    }
}
