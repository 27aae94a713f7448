using G7Flows.Workflows.Platform.Http;
using G7Flows.Workflows.Platform.Publishing;
using Microsoft.AspNetCore.Http;

namespace G7Flows.Workflows.Platform.Security;

/// <summary>
/// <c>GET /api/me</c>: who the caller is as G7Flows sees them (roles it acts on, nation, organisation), so that a client
/// such as the web app shows each person the work that is theirs. It tells nothing the caller's own token does not.
/// </summary>
public static class MeApi
{
    /// <summary>The route below <c>/api</c>.</summary>
    public const string Route = "me";

    /// <summary><c>GET /api/me</c></summary>
    public static IResult Get(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Caller.FromPrincipal(request.HttpContext.User) is not { } caller)
        {
            return Problems.Unauthorized("Sign in, or send a valid bearer token.");
        }

        return TypedResults.Json(
            new
            {
                subject = caller.Subject,
                name = caller.Name,
                roles = caller.Roles.Order(StringComparer.Ordinal).ToArray(),
                nation = caller.Nation,
                org = caller.Org,
            },
            Json.Options);
    }
}
