using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace G7Flows.Workflows.Platform.Http;

/// <summary>
/// Refuses a request that would change something when the browser that sent it says it comes from another site. In Azure
/// the web app's calls are authenticated by App Service Authentication's session cookie, which a browser also attaches
/// to a form that another site posts to the API, or to a <c>no-cors</c> fetch from another site. Most routes are already
/// safe from that, because they read only JSON bodies (a cross-site form cannot send <c>application/json</c>, and a
/// cross-site script that does must pass a CORS preflight the API never grants, so it gets 415 or never arrives), but a
/// route without a body is not. So both hosts run this check before any route: for a method other than GET, HEAD and
/// OPTIONS, <c>Sec-Fetch-Site</c> (which current browsers send) must be <c>same-origin</c> or <c>none</c>; without it,
/// an <c>Origin</c> header must name this host. A request with neither comes from no browser (curl, a service, a test
/// client) and carries no ambient cookie that a page could have lent it, so it passes.
/// </summary>
public static class CrossSiteRequests
{
    /// <summary>The header with which browsers say where a request comes from, relative to its target's origin.</summary>
    public const string FetchSiteHeader = "Sec-Fetch-Site";

    /// <summary>The problem's type.</summary>
    public const string ProblemType = "cross-site-request";

    /// <summary>The refusal for <paramref name="request"/>, or null when it may go on.</summary>
    public static IResult? Check(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return IsCrossSite(request)
            ? Problems.Problem(
                StatusCodes.Status403Forbidden,
                ProblemType,
                "Requests from other sites are refused.",
                "This request came from a page of another site; nothing was done. Use G7Flows' own pages, or call the API from a client that sends a bearer token.")
            : null;
    }

    /// <summary>Whether a browser sent <paramref name="request"/> from another site with a method that changes something.</summary>
    public static bool IsCrossSite(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method))
        {
            return false;
        }

        string? site = request.Headers[FetchSiteHeader].FirstOrDefault();
        if (!string.IsNullOrEmpty(site))
        {
            // "same-site" is refused too: another app on a sibling host is another party.
            return !site.Equals("same-origin", StringComparison.OrdinalIgnoreCase) && !site.Equals("none", StringComparison.OrdinalIgnoreCase);
        }

        string? origin = request.Headers[HeaderNames.Origin].FirstOrDefault();
        if (string.IsNullOrEmpty(origin))
        {
            return false;
        }

        // "null" (an opaque origin: a sandboxed frame, a file, a redirect across origins) names no host, so it is refused.
        return !Uri.TryCreate(origin, UriKind.Absolute, out Uri? uri)
            || !string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }
}
