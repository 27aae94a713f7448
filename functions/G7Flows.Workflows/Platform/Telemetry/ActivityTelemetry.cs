using System.Diagnostics;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace G7Flows.Workflows.Platform.Telemetry;

/// <summary>
/// Runs a durable activity inside a span and records its duration and failures: the one place both hosts run an
/// activity through (the server's engine and the functions app's activity triggers).
/// </summary>
public static class ActivityTelemetry
{
    /// <summary>
    /// Runs <paramref name="run"/> as activity <paramref name="name"/> of workflow instance <paramref name="instanceId"/>;
    /// every log line written meanwhile carries the workflow id and the activity (a logging scope of <paramref name="logger"/>'s factory).
    /// </summary>
    public static async Task<T> RunAsync<T>(string name, string? instanceId, Func<Task<T>> run, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        using IDisposable? scope = logger?.BeginScope(new Dictionary<string, object?>
        {
            [WorkflowTelemetry.Tags.WorkflowId] = instanceId,
            [WorkflowTelemetry.Tags.Activity] = name,
        });
        using Activity? span = WorkflowTelemetry.Source.StartActivity("activity " + name, ActivityKind.Internal);
        span?.SetTag(WorkflowTelemetry.Tags.Activity, name);
        span?.SetTag(WorkflowTelemetry.Tags.WorkflowId, instanceId);
        long started = Stopwatch.GetTimestamp();
        try
        {
            T result = await run();
            TimeSpan elapsed = Stopwatch.GetElapsedTime(started);
            logger?.LogDebug("Activity {Activity} ran in {ElapsedMs:0.0} ms", name, elapsed.TotalMilliseconds);
            WorkflowTelemetry.ActivityDuration.Record(
                elapsed.TotalSeconds,
                new(WorkflowTelemetry.Tags.Activity, name),
                new(WorkflowTelemetry.Tags.Outcome, "succeeded"));
            return result;
        }
        catch (Exception ex)
        {
            string errorType = ex.GetType().FullName ?? ex.GetType().Name;
            span?.SetStatus(ActivityStatusCode.Error);
            span?.SetTag(WorkflowTelemetry.Tags.ErrorType, errorType);
            WorkflowTelemetry.ActivityDuration.Record(
                Stopwatch.GetElapsedTime(started).TotalSeconds,
                new(WorkflowTelemetry.Tags.Activity, name),
                new(WorkflowTelemetry.Tags.Outcome, "failed"));
            WorkflowTelemetry.ActivityFailures.Add(1, new(WorkflowTelemetry.Tags.Activity, name), new(WorkflowTelemetry.Tags.ErrorType, errorType));
            throw;
        }
    }

    /// <summary>Wraps a core activity so that the engine runs it through <see cref="RunAsync{T}"/>.</summary>
    public static ITaskActivity Instrument(string name, ITaskActivity inner, ILogger? logger = null) => new InstrumentedActivity(name, inner, logger);

    private sealed class InstrumentedActivity(string name, ITaskActivity inner, ILogger? logger) : ITaskActivity
    {
        public Type InputType => inner.InputType;

        public Type OutputType => inner.OutputType;

        public Task<object?> RunAsync(TaskActivityContext context, object? input) =>
            ActivityTelemetry.RunAsync(name, context?.InstanceId, () => inner.RunAsync(context!, input), logger);
    }
}
