using Microsoft.AspNetCore.Http;

namespace G7Flows.Workflows.Platform.Http;

/// <summary>
/// The host-wide policy for HTML: every <c>text/html</c> response, from any route now or later, gets a Content Security
/// Policy that allows no script, no frame and nothing from elsewhere (inline styles only, as G7Flows' pages use), and
/// every response gets <c>X-Content-Type-Options: nosniff</c> so a browser never reads JSON or text as HTML. Both hosts
/// register it for every request before the response starts.
/// </summary>
public static class HtmlResponseHeaders
{
    public const string ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'";

    public const string NoSniff = "nosniff";

    /// <summary>Arranges for the headers to be set when <paramref name="response"/> starts, once its content type is known.</summary>
    public static void Register(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.OnStarting(static state =>
        {
            Apply((HttpResponse)state);
            return Task.CompletedTask;
        }, response);
    }

    /// <summary>Sets the headers the response's content type calls for.</summary>
    public static void Apply(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Headers.XContentTypeOptions = NoSniff;
        // A page that set its own policy (the web app's, which allows its own scripts) keeps it.
        if (IsHtml(response.ContentType) && !response.Headers.ContainsKey(Microsoft.Net.Http.Headers.HeaderNames.ContentSecurityPolicy))
        {
            response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        }
    }

    /// <summary>Whether a content type is HTML (<c>text/html</c> with any parameters, in any case).</summary>
    public static bool IsHtml(string? contentType) =>
        contentType is not null && contentType.TrimStart().StartsWith("text/html", StringComparison.OrdinalIgnoreCase);
}
