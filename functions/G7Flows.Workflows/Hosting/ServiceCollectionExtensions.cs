using G7Flows.Workflows.Api;
using G7Flows.Workflows.Records;
using G7Flows.Workflows.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace G7Flows.Workflows.Hosting;

public static class ServiceCollectionExtensions
{
    /// <summary>Registers the workflow core: storage, API handlers and activities. Both hosts call this.</summary>
    public static IServiceCollection AddG7FlowsWorkflows(this IServiceCollection services, IConfiguration configuration, StorageClientOptions? storageOptions = null)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(storageOptions ?? new StorageClientOptions());
        services.TryAddSingleton(sp => StorageClients.FromConfiguration(configuration, sp.GetRequiredService<StorageClientOptions>()));
        services.TryAddSingleton<ConsultationStore>();
        services.TryAddSingleton<AuditLog>();
        services.TryAddSingleton<RecordPublisher>();
        services.TryAddSingleton<ConsultationApi>();
        foreach (Type activity in WorkflowRegistry.Activities)
        {
            services.TryAddTransient(activity);
        }

        return services;
    }
}
