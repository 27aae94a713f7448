using System.Globalization;
using G7Flows.Workflows.Consultations.Workflow;
using G7Flows.Workflows.Disclosures.Workflow;
using G7Flows.Workflows.Reports.Workflow;
using Microsoft.DurableTask;

namespace G7Flows.Workflows;

/// <summary>
/// The current version of each orchestrator: every instance is started with its orchestrator's version, which the
/// engine keeps in the instance's history for its whole life, so an orchestrator can branch on
/// <see cref="TaskOrchestrationContext.Version"/> and keep running instances on the path they started on. Raise a
/// version when a change would make a running instance's history replay differently (docs/versioning.md).
/// The functions app's <c>host.json</c> names <see cref="Latest"/> as its <c>defaultVersion</c>.
/// </summary>
public static class WorkflowVersions
{
    /// <summary>
    /// Consultations. Version 2: a consultation started without reminders gets one final reminder an hour before its
    /// deadline (<see cref="ConsultationOrchestrator.FinalReminder"/>); version 1 and instances started without a
    /// version send only the reminders the request asked for.
    /// </summary>
    public const string Consultation = "2";

    /// <summary>Disclosures.</summary>
    public const string Disclosure = "1";

    /// <summary>Scheduled and requested reports.</summary>
    public const string Report = "1";

    /// <summary>The version of an instance started before instances carried one.</summary>
    public const string Unversioned = "1";

    /// <summary>Each orchestrator's current version, by orchestrator name.</summary>
    public static IReadOnlyDictionary<string, string> ByOrchestrator { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [nameof(ConsultationOrchestrator)] = Consultation,
        [nameof(DisclosureOrchestrator)] = Disclosure,
        [nameof(ReportOrchestrator)] = Report,
    };

    /// <summary>The highest current version: what a worker of this build runs (host.json's <c>defaultVersion</c>).</summary>
    public static string Latest { get; } = ByOrchestrator.Values.MaxBy(Number)!;

    /// <summary>Start options for a new instance of <paramref name="orchestrator"/>: its id and its current version.</summary>
    public static StartOrchestrationOptions StartOptions(string orchestrator, string instanceId) =>
        new(instanceId) { Version = ByOrchestrator[orchestrator] };

    /// <summary>
    /// Whether an instance's <paramref name="version"/> is <paramref name="minimum"/> or later; an instance without
    /// a version (started before versions) counts as <see cref="Unversioned"/>.
    /// </summary>
    public static bool IsAtLeast(string? version, string minimum) => Number(version) >= Number(minimum);

    private static int Number(string? version) =>
        string.IsNullOrEmpty(version) ? Number(Unversioned)
        : int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out int number) ? number
        : throw new FormatException($"Orchestration version '{version}' is not a whole number.");
}
