using System.Collections.Frozen;
using System.Reflection;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace G7Flows.Workflows.Platform.Web;

/// <summary>
/// The web app for reviewers and staff: static files (HTML, CSS, JavaScript modules) compiled into this assembly from
/// <c>Platform/Web/wwwroot</c>, so that both hosts serve the same bytes. <see cref="Index"/> is served at <c>/</c>; every
/// other file below <see cref="AssetsPrefix"/>. The app's pages are addressed by the URL's fragment
/// (<c>/#/consultations/{id}</c>), so only these two paths reach a host.
/// </summary>
public static class WebApp
{
    /// <summary>The path of the app's shell.</summary>
    public const string Index = "/";

    /// <summary>Where the app's other files live: <c>/assets/app.css</c>, <c>/assets/js/app.js</c>.</summary>
    public const string AssetsPrefix = "/assets/";

    /// <summary>
    /// Where the app's "Sign in" link leads: in the functions app to App Service Authentication's browser sign-in (when it
    /// is on), in the server's Development environment to the development sign-in page; elsewhere it is a 404.
    /// </summary>
    public const string SignInPath = "/sign-in";

    /// <summary>
    /// The policy of the app's pages: scripts, styles and data only from this origin, no inline script or style, no
    /// frames, no plug-ins, forms only to this origin.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private const string ResourcePrefix = "G7Flows.Web/";

    private static readonly FrozenDictionary<string, WebFile> Files = Load();

    /// <summary>Every file the app serves, by its path (<c>/</c> for the shell).</summary>
    public static IReadOnlyDictionary<string, WebFile> All => Files;

    /// <summary>The file at a request path, or null.</summary>
    public static WebFile? Find(PathString path) => Files.GetValueOrDefault(path.Value is null or "" ? Index : path.Value);

    /// <summary>
    /// Serves the file at the request's path: 200 with its bytes, 304 when the caller's copy is current, 404 when there
    /// is no such file. Both hosts route only GET and HEAD here (the server answers other methods with its 405 problem).
    /// The shell is never cached without revalidation; the other files are revalidated after an hour.
    /// </summary>
    public static IResult Serve(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Find(request.Path) is { } file ? Result(file) : Http.Problems.NotFound("There is no such page or file in the web app.");
    }

    /// <summary>Serves one file with the app's headers (ETag and 304, cache policy, nosniff, and the app's CSP on HTML).</summary>
    public static IResult Result(WebFile file) => new WebFileResult(file);

    /// <summary>
    /// The files an assembly embeds under <paramref name="resourcePrefix"/> (a LogicalName of
    /// <c>prefix/relative/path</c>), by request path <c>/relative/path</c>, each with its content type and an ETag from its SHA-256.
    /// </summary>
    public static FrozenDictionary<string, WebFile> LoadEmbedded(Assembly assembly, string resourcePrefix)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var files = new Dictionary<string, WebFile>(StringComparer.Ordinal);
        foreach (string name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(resourcePrefix, StringComparison.Ordinal)))
        {
            string path = "/" + name[resourcePrefix.Length..].Replace('\\', '/');
            using Stream stream = assembly.GetManifestResourceStream(name)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            byte[] bytes = buffer.ToArray();
            string tag = "\"" + Convert.ToHexStringLower(SHA256.HashData(bytes))[..32] + "\"";
            files[path] = new WebFile(path, ContentTypeOf(path), bytes, tag);
        }

        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The app's files; its shell, <c>index.html</c>, is served at <see cref="Index"/>.</summary>
    private static FrozenDictionary<string, WebFile> Load() =>
        LoadEmbedded(typeof(WebApp).Assembly, ResourcePrefix)
            .Select(f => f.Key == "/index.html" ? KeyValuePair.Create(Index, f.Value with { Path = Index }) : f)
            .ToFrozenDictionary(StringComparer.Ordinal);

    private static string ContentTypeOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".html" => "text/html; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".js" or ".mjs" => "text/javascript; charset=utf-8",
        ".json" => "application/json; charset=utf-8",
        ".svg" => "image/svg+xml",
        ".png" => "image/png",
        ".ico" => "image/x-icon",
        ".woff2" => "font/woff2",
        ".txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    };

    private sealed class WebFileResult(WebFile file) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            HttpResponse response = httpContext.Response;
            response.Headers.ETag = file.ETag;
            // Pages are revalidated on every load (so a new version of the app is picked up at once); their files hourly.
            response.Headers.CacheControl = file.IsHtml ? "no-cache" : "public, max-age=3600, must-revalidate";
            response.Headers.XContentTypeOptions = "nosniff";
            response.Headers["Referrer-Policy"] = "same-origin";
            if (file.IsHtml)
            {
                response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
                response.Headers.XFrameOptions = "DENY";
            }

            if (Http.ConditionalRequests.ClientHasCurrent(httpContext.Request, new EntityTagHeaderValue(file.ETag)))
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                return;
            }

            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = file.ContentType;
            response.ContentLength = file.Content.Length;
            if (!HttpMethods.IsHead(httpContext.Request.Method))
            {
                await response.Body.WriteAsync(file.Content, httpContext.RequestAborted);
            }
        }
    }
}

/// <summary>One file of the web app.</summary>
/// <param name="Path">Its request path.</param>
/// <param name="ContentType">Its media type.</param>
/// <param name="Content">Its bytes.</param>
/// <param name="ETag">A strong entity tag from its SHA-256.</param>
public sealed record WebFile(string Path, string ContentType, byte[] Content, string ETag)
{
    /// <summary>Whether the file is an HTML page (and so gets the app's content security policy).</summary>
    public bool IsHtml => this.ContentType.StartsWith("text/html", StringComparison.Ordinal);
}
