using G7Flows.Workflows.Platform.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace G7Flows.Workflows.Platform.Hosting;

/// <summary>The routes that belong to no workflow: the health check.</summary>
public sealed class PlatformModule : IWorkflowModule
{
    public string Name => "Platform";

    public IReadOnlyList<ApiRoute> Routes { get; } =
    [
        new("GET", HealthApi.Route, "Health", (HttpRequest r, HealthApi h) => h.HealthAsync(r), RouteAccess.Anonymous),
    ];

    public IReadOnlyList<Type> Orchestrators { get; } = [];

    public IReadOnlyList<Type> Activities { get; } = [];

    public void AddServices(IServiceCollection services)
    {
    }
}
