using G7Flows.Workflows.Activities;
using G7Flows.Workflows.Orchestrators;

namespace G7Flows.Workflows.Hosting;

/// <summary>Every orchestrator and activity of the core. Both hosts register exactly these (a parity test checks).</summary>
public static class WorkflowRegistry
{
    public static IReadOnlyList<Type> Orchestrators { get; } = [typeof(ConsultationOrchestrator)];

    public static IReadOnlyList<Type> Activities { get; } =
    [
        typeof(OpenConsultationActivity),
        typeof(CollectResponsesActivity),
        typeof(SendRemindersActivity),
        typeof(ApplyExtensionActivity),
        typeof(CloseConsultationActivity),
        typeof(PublishRecordActivity),
    ];
}
