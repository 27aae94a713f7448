using G7Flows.Workflows;
using G7Flows.Workflows.Platform.Hosting;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace G7Flows.Functions.Hosting;

public static class FunctionsAppExtensions
{
    /// <summary>
    /// The functions app's services: the workflow core (storage, API handlers, activities), a startup step that
    /// creates G7Flows' tables and containers, and Application Insights for the worker with the core's workflow metrics.
    /// </summary>
    public static IServiceCollection AddG7FlowsFunctionsApp(this IServiceCollection services, IConfiguration configuration) =>
        services
            .AddG7FlowsWorkflows(configuration)
            .AddHostedService<StorageInitializer>()
            .AddHostedService<WorkflowMetricsBridge>()
            .AddApplicationInsightsTelemetryWorkerService()
            .ConfigureFunctionsApplicationInsights()
            .ConfigureG7FlowsTelemetry(configuration);
}
