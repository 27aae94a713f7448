using G7Flows.Workflows.Platform.Http;
using G7Flows.Workflows.Platform.OpenApi;
using G7Flows.Workflows.Platform.Security;
using G7Flows.Workflows.Platform.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace G7Flows.Workflows.Platform.Hosting;

/// <summary>The routes that belong to no workflow: the health check, the API's OpenAPI document, the caller's own identity, and the one inbox of every workflow's review tasks.</summary>
public sealed class PlatformModule : IWorkflowModule, IDescribedModule
{
    public string Name => "Platform";

    public IReadOnlyList<ApiRoute> Routes { get; } =
    [
        new("GET", HealthApi.Route, "Health", (HttpRequest r, HealthApi h) => h.HealthAsync(r), RouteAccess.Anonymous),
        new("GET", WorkflowApiDocument.Route, "GetOpenApiDocument", () => WorkflowApiDocument.Serve(), RouteAccess.Anonymous),
        new("GET", InboxApi.Route, "ListTasks", (HttpRequest r, InboxApi h) => h.ListTasksAsync(r)),
        new("GET", MeApi.Route, "GetMe", (HttpRequest r) => MeApi.Get(r)),
    ];

    /// <inheritdoc/>
    public ApiContract Contract => PlatformContract.Contract;

    public IReadOnlyList<Type> Orchestrators { get; } = [];

    public IReadOnlyList<Type> Activities { get; } = [];

    public void AddServices(IServiceCollection services)
    {
        services.TryAddSingleton<InboxApi>();
        services.TryAddSingleton<Durable.OrchestrationSightings>();
    }
}
