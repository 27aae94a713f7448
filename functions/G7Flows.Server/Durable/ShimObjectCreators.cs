using DurableTask.Core;
using G7Flows.Workflows.Platform.Telemetry;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker.Shims;

namespace G7Flows.Server.Durable;

/// <summary>Creates a fresh core orchestrator for each work item and wraps it for the Durable Task Framework.</summary>
internal sealed class OrchestratorCreator : ObjectCreator<TaskOrchestration>
{
    private readonly Type type;
    private readonly DurableTaskShimFactory shims;

    public OrchestratorCreator(Type type, DurableTaskShimFactory shims)
    {
        this.type = type;
        this.shims = shims;
        this.Name = type.Name;
        this.Version = string.Empty;
    }

    public override TaskOrchestration Create() =>
        this.shims.CreateOrchestration(new TaskName(this.Name), (ITaskOrchestrator)Activator.CreateInstance(this.type)!);
}

/// <summary>Resolves a core activity from DI for each invocation and wraps it for the Durable Task Framework.</summary>
internal sealed class ActivityCreator : ObjectCreator<DurableTask.Core.TaskActivity>
{
    /// <summary>The logging category whose scope carries each activity's workflow id.</summary>
    public const string ActivityLogCategory = "G7Flows.Workflows.Activities";

    private readonly Type type;
    private readonly IServiceProvider services;
    private readonly DurableTaskShimFactory shims;
    private readonly ILogger logger;

    public ActivityCreator(Type type, IServiceProvider services, DurableTaskShimFactory shims, ILoggerFactory loggerFactory)
    {
        this.type = type;
        this.services = services;
        this.shims = shims;
        this.logger = loggerFactory.CreateLogger(ActivityLogCategory);
        this.Name = type.Name;
        this.Version = string.Empty;
    }

    public override DurableTask.Core.TaskActivity Create() =>
        this.shims.CreateActivity(
            new TaskName(this.Name),
            ActivityTelemetry.Instrument(this.Name, (ITaskActivity)this.services.GetRequiredService(this.type), this.logger));
}
