using G7Flows.Workflows.Platform.Http;
using G7Flows.Workflows.Platform.OpenApi;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace G7Flows.Workflows.Platform.Hosting;

/// <summary>The routes that belong to no workflow: the health check and the API's OpenAPI document.</summary>
public sealed class PlatformModule : IWorkflowModule, IDescribedModule
{
    public string Name => "Platform";

    public IReadOnlyList<ApiRoute> Routes { get; } =
    [
        new("GET", HealthApi.Route, "Health", (HttpRequest r, HealthApi h) => h.HealthAsync(r), RouteAccess.Anonymous),
        new("GET", WorkflowApiDocument.Route, "GetOpenApiDocument", () => WorkflowApiDocument.Serve(), RouteAccess.Anonymous),
    ];

    /// <inheritdoc/>
    public ApiContract Contract => PlatformContract.Contract;

    public IReadOnlyList<Type> Orchestrators { get; } = [];

    public IReadOnlyList<Type> Activities { get; } = [];

    public void AddServices(IServiceCollection services)
    {
    }
}
