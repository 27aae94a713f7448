using G7Flows.Workflows.Platform.Http;

namespace G7Flows.Functions.Functions;

/// <summary>
/// host.json's <c>routePrefix</c> is empty, so that the web app's functions can answer <c>/</c> and <c>/assets/*</c>
/// (<see cref="WebTriggers"/>). Every API function's route therefore starts with <see cref="Api"/>, the prefix both hosts
/// serve the API under (<see cref="ApiRoute.Prefix"/>), so its address is the same as before and as in the server.
/// </summary>
internal static class FunctionRoutes
{
    /// <summary>The start of every API function's route: <c>api/</c>.</summary>
    public const string Api = ApiRoute.Prefix + "/";
}
