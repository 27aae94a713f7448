using DurableTask.Core;
using DurableTask.Core.Command;
using DurableTask.Core.Exceptions;
using DurableTask.Core.History;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.Logging.Abstractions;

namespace G7Flows.Workflows.Tests.Replay;

/// <summary>What replaying a recorded history against today's code found.</summary>
/// <param name="Deterministic">The code issued exactly the recorded actions, in order, and ended as the run ended.</param>
/// <param name="Explanation">Why not, when it did not.</param>
internal sealed record ReplayVerdict(bool Deterministic, string Explanation);

/// <summary>
/// Replays a recorded history the way the server's engine does after a restart: the orchestrator, wrapped by the
/// worker's <see cref="DurableTaskShimFactory"/>, runs on the Durable Task Framework's
/// <see cref="TaskOrchestrationExecutor"/> over the recorded events as past events. The executor matches every activity,
/// timer and sub-orchestration the code schedules against the recorded one with the same sequence number and fails
/// the orchestration when a name or kind differs; an action left over (one the run never scheduled) or an ending that
/// differs from the recorded one is non-determinism too.
/// </summary>
internal static class Replayer
{
    /// <summary>Replays <paramref name="history"/> against today's orchestrator of the same name.</summary>
    public static ReplayVerdict Replay(RecordedHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        Type type = WorkflowModules.Orchestrators.SingleOrDefault(t => t.Name == history.Orchestrator)
            ?? throw new InvalidOperationException($"{history.Name}: no orchestrator named {history.Orchestrator} any more.");
        return Replay(history, (ITaskOrchestrator)Activator.CreateInstance(type)!);
    }

    /// <summary>Replays <paramref name="history"/> against <paramref name="orchestrator"/> (a changed one, in the negative tests).</summary>
    public static ReplayVerdict Replay(RecordedHistory history, ITaskOrchestrator orchestrator)
    {
        ArgumentNullException.ThrowIfNull(history);
        var shims = new DurableTaskShimFactory(new DurableTaskWorkerOptions(), NullLoggerFactory.Instance);
        TaskOrchestration orchestration = shims.CreateOrchestration(new TaskName(history.Orchestrator), orchestrator);
        var state = new OrchestrationRuntimeState(history.Events.ToList());
        var executor = new TaskOrchestrationExecutor(state, orchestration, BehaviorOnContinueAsNew.Carryover, ErrorPropagationMode.SerializeExceptions);

        OrchestratorExecutionResult result;
        try
        {
            result = executor.Execute();
        }
        catch (NonDeterministicOrchestrationException e)
        {
            return new ReplayVerdict(false, e.Message);
        }

        return Judge(history, [.. result.Actions]);
    }

    private static ReplayVerdict Judge(RecordedHistory history, IReadOnlyList<OrchestratorAction> actions)
    {
        ExecutionCompletedEvent? recorded = history.Completed;
        if (recorded is null)
        {
            // A running instance: every action the code takes must already be in the history.
            return actions.Count == 0
                ? new ReplayVerdict(true, string.Empty)
                : new ReplayVerdict(false, $"The code took actions the run never took: {Describe(actions)}");
        }

        if (actions is not [OrchestrationCompleteOrchestratorAction complete])
        {
            return new ReplayVerdict(false, $"The run completed ({recorded.OrchestrationStatus}), the code took instead: {Describe(actions)}");
        }

        if (complete.OrchestrationStatus != recorded.OrchestrationStatus || complete.Result != recorded.Result)
        {
            return new ReplayVerdict(
                false,
                $"The run ended {recorded.OrchestrationStatus} with {recorded.Result}; the code ends {complete.OrchestrationStatus} with {complete.Result} {complete.Details} {complete.FailureDetails}");
        }

        return new ReplayVerdict(true, string.Empty);
    }

    private static string Describe(IEnumerable<OrchestratorAction> actions) =>
        string.Join("; ", actions.Select(a => a switch
        {
            ScheduleTaskOrchestratorAction task => $"activity {task.Name} (#{task.Id})",
            CreateTimerOrchestratorAction timer => $"timer at {timer.FireAt:O} (#{timer.Id})",
            OrchestrationCompleteOrchestratorAction end => $"end {end.OrchestrationStatus}: {end.Result} {end.Details} {end.FailureDetails}",
            _ => $"{a.OrchestratorActionType} (#{a.Id})",
        }));
}
