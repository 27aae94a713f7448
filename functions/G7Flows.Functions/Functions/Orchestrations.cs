using G7Flows.Workflows.Consultations.Domain;
using G7Flows.Workflows.Consultations.Workflow;
using G7Flows.Workflows.Reports.Workflow;
using G7Flows.Workflows.Disclosures.Domain;
using G7Flows.Workflows.Disclosures.Workflow;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace G7Flows.Functions.Functions;

/// <summary>
/// The orchestration functions: one per orchestrator of the core's <c>WorkflowRegistry</c>, named after its class.
/// Hand-written, because the source generator that would write them (Microsoft.DurableTask.Generators) is not available.
/// </summary>
public static class Orchestrations
{
    [Function(nameof(ConsultationOrchestrator))]
    public static Task<ConsultationResult> Consultation([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new ConsultationOrchestrator().RunAsync(context, context.GetInput<ConsultationInput>()!);
    }

    [Function(nameof(ReportOrchestrator))]
    public static Task<ReportResult> Report([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new ReportOrchestrator().RunAsync(context, context.GetInput<ReportInput>()!);
    }

    [Function(nameof(DisclosureOrchestrator))]
    public static Task<DisclosureResult> Disclosure([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new DisclosureOrchestrator().RunAsync(context, context.GetInput<DisclosureInput>()!);
    }
}
