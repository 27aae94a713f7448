using G7Flows.Workflows.Platform.Http;
using Microsoft.Extensions.DependencyInjection;

namespace G7Flows.Workflows.Platform.Hosting;

/// <summary>
/// A workflow's contribution to both hosts, written down once: its HTTP routes, its orchestrators and activities, and
/// its services. Each host maps and registers every module of <c>WorkflowModules.All</c>.
/// </summary>
public interface IWorkflowModule
{
    /// <summary>The module's name, as in the folder that holds it.</summary>
    string Name { get; }

    IReadOnlyList<ApiRoute> Routes { get; }

    IReadOnlyList<Type> Orchestrators { get; }

    IReadOnlyList<Type> Activities { get; }

    /// <summary>Work the module runs on a schedule; none unless it says so.</summary>
    IReadOnlyList<ScheduledWork> Schedules => [];

    /// <summary>Registers the module's stores, handlers and activities.</summary>
    void AddServices(IServiceCollection services);
}
