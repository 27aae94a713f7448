using System.Collections.Frozen;
using G7Flows.Functions.Hosting;
using G7Flows.Workflows.Platform.Http;
using G7Flows.Workflows.Platform.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;

namespace G7Flows.Functions.Functions;

/// <summary>
/// The web app for reviewers and staff, served by the functions app itself from the same compiled-in files as the server
/// (<see cref="WebApp"/>): the shell at <c>/</c>, its files below <c>/assets/</c>, and <c>/sign-in</c>, which hands the
/// browser to App Service Authentication's sign-in. The app then calls the API on the same origin, where Easy Auth's
/// session cookie authenticates it. These functions are anonymous (<see cref="EasyAuthMiddleware"/>); Easy Auth lets their
/// paths through (infra/anonymous-paths.json, <c>webPaths</c>).
/// </summary>
public sealed class WebTriggers(IConfiguration configuration)
{
    /// <summary>
    /// The shell's route: an optional parameter that may only be empty, so it matches <c>/</c> and nothing else (the host
    /// does not route an empty route template to the site's root).
    /// </summary>
    public const string IndexRoute = "{root:maxlength(0)?}";

    /// <summary>The route of the app's other files.</summary>
    public const string AssetsRoute = "assets/{*path}";

    /// <summary>The route of the sign-in (<see cref="WebApp.SignInPath"/> without its leading slash).</summary>
    public const string SignInRoute = "sign-in";

    /// <summary>App Service Authentication's browser sign-in with Microsoft Entra ID, returning to the app's shell.</summary>
    public const string EasyAuthSignIn = "/.auth/login/aad?post_login_redirect_uri=/";

    /// <summary>The names of these functions, which need no caller.</summary>
    public static readonly FrozenSet<string> Names = FrozenSet.Create(StringComparer.Ordinal, nameof(ServeWebApp), nameof(ServeWebAsset), nameof(SignIn));

    [Function(nameof(ServeWebApp))]
    public static IActionResult ServeWebApp(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = IndexRoute)] HttpRequest req) =>
        new ResultActionResult(WebApp.Serve(req));

    [Function(nameof(ServeWebAsset))]
    public static IActionResult ServeWebAsset(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = AssetsRoute)] HttpRequest req) =>
        new ResultActionResult(WebApp.Serve(req));

    /// <summary>
    /// With Easy Auth on, a redirect to its browser sign-in; without it there is no browser sign-in here (callers send a
    /// bearer token), so a 404 problem, as the server answers outside Development.
    /// </summary>
    [Function(nameof(SignIn))]
    public IActionResult SignIn(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = SignInRoute)] HttpRequest req)
    {
        ArgumentNullException.ThrowIfNull(req);
        return new ResultActionResult(EasyAuthMiddleware.IsEnabled(configuration)
            ? Results.Redirect(EasyAuthSignIn)
            : Problems.NotFound("There is no browser sign-in here: App Service Authentication is not on. Send a bearer token to the API."));
    }
}
