using G7Flows.IntegrationTests.Robustness.Infrastructure;
using G7Flows.Workflows.Platform.Http;

namespace G7Flows.IntegrationTests.Robustness;

/// <summary>Bad requests to <c>GET /api/me</c>: it takes no input but the caller, so refusals are about credentials and methods.</summary>
public sealed partial class BadInputCorpus
{
    private static ApiRoute MeRoute => Route("GetMe");

    /// <summary>Missing and forged credentials (401), methods it does not serve (405; 401 without a caller), paths below it (404).</summary>
    private void AddMeRequests()
    {
        const string path = "/api/me";
        foreach (Credential credential in ForgedTokens.Refused)
        {
            string? query = credential.Query?.Invoke(Claims.Staff);
            this.Add($"me: credentials: {credential.Name}", MeRoute, HttpMethod.Get, query is null ? path : $"{path}?{query}", credential.Authorization(Claims.Staff), null, [401], headers: credential.Headers?.Invoke(Claims.Staff));
        }

        foreach (string method in new[] { "POST", "PUT", "DELETE", "PATCH" })
        {
            bool withBody = method is not "DELETE";
            this.Add($"me: {method} is not served here", MeRoute, new HttpMethod(method), path, this.reviewer, withBody ? Utf8("{\"roles\":[\"admin\"],\"nation\":\"US\"}") : null, [405]);
        }

        // Deny by default: without a caller even a method the route does not serve is a 401, telling nothing of the route.
        this.Add("me: an anonymous PUT that claims the admin role", MeRoute, HttpMethod.Put, path, null, Utf8("{\"roles\":[\"admin\"]}"), [401]);
        foreach (string below in new[] { "/api/me/roles", "/api/me/x/y", "/api/me/..%2Fconsultations", "/api/ME/x" })
        {
            this.Add($"no endpoint at {below}", null, HttpMethod.Get, below, this.staff, null, [404]);
        }
    }
}
