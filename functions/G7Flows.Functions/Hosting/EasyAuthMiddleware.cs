using System.Collections.Frozen;
using System.Security.Claims;
using G7Flows.Functions.Functions;
using G7Flows.Workflows;
using G7Flows.Workflows.Platform.Hosting;
using G7Flows.Workflows.Platform.Http;
using G7Flows.Workflows.Platform.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace G7Flows.Functions.Hosting;

/// <summary>
/// Authenticates HTTP invocations from App Service Authentication (Easy Auth): the caller is read from the
/// <c>X-MS-CLIENT-PRINCIPAL</c> header, which the platform sets (and strips from incoming requests) only when
/// Easy Auth is on. Anywhere else anyone could send the header, so it is ignored and the caller stays anonymous.
/// The core's handlers then read <see cref="HttpContext.User"/>. Outside Development a reviewer's nation comes only from
/// <c>nation.XX</c> app roles (<see cref="NationClaims"/>).
/// </summary>
public sealed class EasyAuthMiddleware(IConfiguration configuration, IHostEnvironment? environment = null) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (context.GetHttpContext() is { } http)
        {
            if (CrossSiteRequests.Check(http.Request) is { } crossSite)
            {
                // Before anything else: Easy Auth's session cookie rides along with a form another site posts here.
                await crossSite.ExecuteAsync(http);
                return;
            }

            http.User = NationClaims.ForEnvironment(Authenticate(http.Request, IsEnabled(configuration)), environment);
            if (!IsAnonymousAllowed(context.FunctionDefinition.Name) && http.User.Identity?.IsAuthenticated != true)
            {
                // Deny by default, as the server's fallback policy does: only routes marked anonymous are open.
                await Problems.Unauthorized("A valid bearer token is required.").ExecuteAsync(http);
                return;
            }
        }

        await next(context);
    }

    private static readonly FrozenSet<string> AnonymousFunctions =
        WorkflowModules.Routes.Where(r => r.Access == RouteAccess.Anonymous).Select(r => r.Name).ToFrozenSet(StringComparer.Ordinal);

    /// <summary>True for the functions whose route is marked anonymous in the route table (health, published material) and for the web app's files and sign-in.</summary>
    public static bool IsAnonymousAllowed(string functionName) => AnonymousFunctions.Contains(functionName) || WebTriggers.Names.Contains(functionName);

    /// <summary>Whether Easy Auth is on: App Service sets <c>WEBSITE_AUTH_ENABLED</c> to <c>true</c> (in any case).</summary>
    public static bool IsEnabled(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return string.Equals(configuration[AppSettingNames.EasyAuthEnabled]?.Trim(), "true", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The caller of <paramref name="request"/>: the Easy Auth principal when trusted and well formed, else anonymous.</summary>
    public static ClaimsPrincipal Authenticate(HttpRequest request, bool easyAuthEnabled)
    {
        ArgumentNullException.ThrowIfNull(request);
        ClaimsPrincipal? principal = easyAuthEnabled ? EasyAuthPrincipal.Parse(request.Headers[EasyAuthPrincipal.HeaderName]) : null;
        return principal ?? new ClaimsPrincipal(new ClaimsIdentity());
    }
}
