namespace G7Flows.Workflows.Platform.Http;

/// <summary>Who may call a route before the handler's own authorization runs.</summary>
public enum RouteAccess
{
    /// <summary>An authenticated caller is required (the default: deny the anonymous).</summary>
    Authenticated,

    /// <summary>Open to anyone, with no token: health and published material only.</summary>
    Anonymous,
}

/// <summary>
/// One HTTP endpoint: its method, its route below <c>/api</c>, the function name both hosts give it, and the
/// shared handler (a delegate whose parameters the server binds: the request, services, route values).
/// </summary>
public sealed record ApiRoute(string Method, string Template, string Name, Delegate Handler, RouteAccess Access = RouteAccess.Authenticated)
{
    /// <summary>Every route lives below this prefix, in both hosts (host.json's routePrefix).</summary>
    public const string Prefix = "api";

    /// <summary>The route as a client sees it, for example <c>POST /api/consultations</c>.</summary>
    public string Display => $"{this.Method} /{Prefix}/{this.Template}";
}
