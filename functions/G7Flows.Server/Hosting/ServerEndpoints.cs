using G7Flows.Workflows;
using G7Flows.Workflows.Platform.Http;

namespace G7Flows.Server.Hosting;

/// <summary>Maps every module's routes (<see cref="WorkflowModules.Routes"/>) to the core's shared handlers.</summary>
public static class ServerEndpoints
{
    public static IEndpointRouteBuilder MapG7FlowsApi(this IEndpointRouteBuilder endpoints)
    {
        RouteGroupBuilder api = endpoints.MapGroup("/" + ApiRoute.Prefix);
        foreach (ApiRoute route in WorkflowModules.Routes)
        {
            RouteHandlerBuilder builder = api.MapMethods(route.Template, [route.Method], route.Handler).WithName(route.Name);
            if (route.Access == RouteAccess.Anonymous)
            {
                builder.AllowAnonymous();
            }
        }

        return endpoints;
    }
}
