using G7Flows.Workflows.Consultations;
using G7Flows.Workflows.Disclosures;
using G7Flows.Workflows.Platform.Http;
using G7Flows.Workflows.Platform.Hosting;
using G7Flows.Workflows.Reports;

namespace G7Flows.Workflows;

/// <summary>
/// Every workflow of G7Flows, and what they add up to. Both hosts map exactly these routes and register exactly
/// these orchestrators and activities (parity tests check). A new workflow is a folder beside
/// <c>Consultations/</c> with a module class, listed here.
/// </summary>
public static class WorkflowModules
{
    public static IReadOnlyList<IWorkflowModule> All { get; } = [new PlatformModule(), new ConsultationsModule(), new DisclosuresModule(), new PublicDisclosuresModule(), new ReportsModule()];

    /// <summary>Every HTTP route of every module.</summary>
    public static IReadOnlyList<ApiRoute> Routes { get; } = [.. All.SelectMany(m => m.Routes)];

    public static IReadOnlyList<Type> Orchestrators { get; } = [.. All.SelectMany(m => m.Orchestrators)];

    public static IReadOnlyList<Type> Activities { get; } = [.. All.SelectMany(m => m.Activities)];

    /// <summary>Every schedule of every module: a timer function in the functions app, a scheduler in the server.</summary>
    public static IReadOnlyList<ScheduledWork> Schedules { get; } = [.. All.SelectMany(m => m.Schedules)];
}
