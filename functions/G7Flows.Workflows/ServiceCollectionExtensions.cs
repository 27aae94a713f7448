using G7Flows.Workflows.Platform.Http;
using G7Flows.Workflows.Platform.Hosting;
using G7Flows.Workflows.Platform.Storage;
using G7Flows.Workflows.Platform.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace G7Flows.Workflows;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Registers the workflow core: the shared platform services, then every module's stores, handlers and
    /// activities. Both hosts call this.
    /// </summary>
    public static IServiceCollection AddG7FlowsWorkflows(this IServiceCollection services, IConfiguration configuration, StorageClientOptions? storageOptions = null)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(storageOptions ?? new StorageClientOptions());
        services.TryAddSingleton(sp => StorageClients.FromConfiguration(configuration, sp.GetRequiredService<StorageClientOptions>()));
        services.TryAddSingleton<AuditLog>();
        services.TryAddSingleton<AuditVerifier>();
        services.TryAddSingleton(sp => new FaultInjector(configuration, sp.GetService<IHostEnvironment>()));
        services.TryAddSingleton<HealthApi>();
        foreach (IWorkflowModule module in WorkflowModules.All)
        {
            module.AddServices(services);
            foreach (Type activity in module.Activities)
            {
                services.TryAddTransient(activity);
            }
        }

        return services;
    }
}
