using G7Flows.Workflows;
using G7Flows.Workflows.Platform.Hosting;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace G7Flows.Functions.Functions;

/// <summary>Runs a module's <see cref="ScheduledWork"/> from its timer trigger, as the server's scheduler runs it.</summary>
internal static class ScheduledTimers
{
    /// <summary>
    /// Runs the schedule named <paramref name="name"/>. A past-due run (the app was stopped over an occurrence) is for
    /// the missed occurrence, as the server's make-up run is; otherwise for now.
    /// </summary>
    public static Task RunAsync(string name, TimerInfo timer, DurableTaskClient client, IServiceProvider services, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        DateTimeOffset now = clock.GetUtcNow();
        DateTimeOffset occurrence = timer.IsPastDue && timer.ScheduleStatus?.Next is { } missed && missed <= now.UtcDateTime
            ? new DateTimeOffset(DateTime.SpecifyKind(missed, DateTimeKind.Utc))
            : now;
        ScheduledWork work = WorkflowModules.Schedules.Single(s => s.Name == name);
        return work.RunAsync(services, client, occurrence, now, cancellationToken);
    }
}
