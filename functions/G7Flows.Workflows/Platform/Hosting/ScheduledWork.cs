using Microsoft.DurableTask.Client;

namespace G7Flows.Workflows.Platform.Hosting;

/// <summary>
/// Work a module runs on a schedule: a timer trigger in the functions app, a hosted scheduler in the server, both
/// reading the same six-field NCRONTAB setting (UTC).
/// </summary>
/// <param name="Name">The timer function's name, and the server scheduler's.</param>
/// <param name="ScheduleSetting">The setting that holds the expression (e.g. <c>G7Flows:Reports:Schedule</c>).</param>
/// <param name="DefaultSchedule">The expression when the setting is not there.</param>
/// <param name="RunAsync">The work, given the services, a durable client, the occurrence it is for (a past one when a run was missed) and now.</param>
public sealed record ScheduledWork(
    string Name,
    string ScheduleSetting,
    string DefaultSchedule,
    Func<IServiceProvider, DurableTaskClient, DateTimeOffset, DateTimeOffset, CancellationToken, Task> RunAsync);
