using G7Flows.Workflows;
using G7Flows.Workflows.Platform.Hosting;
using Microsoft.DurableTask.Client;

namespace G7Flows.Server.Hosting;

public static class ScheduleExtensions
{
    /// <summary>Setting that turns the server's schedules off (<c>false</c>), for instances that must not run them.</summary>
    public const string EnabledSetting = "G7Flows:Schedules:Enabled";

    /// <summary>One <see cref="ScheduleRunner"/> per schedule of <see cref="WorkflowModules.Schedules"/>, each reading its own setting.</summary>
    public static IServiceCollection AddG7FlowsSchedules(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton<IScheduleStatusStore, TableScheduleStatusStore>();
        if (string.Equals(configuration[EnabledSetting], "false", StringComparison.OrdinalIgnoreCase))
        {
            return services;
        }

        foreach (ScheduledWork work in WorkflowModules.Schedules)
        {
            // Parsed now, so that a wrong expression stops the server at start rather than failing quietly later.
            CronExpression schedule = CronExpression.Parse(ScheduleOf(work, configuration));
            services.AddSingleton<IHostedService>(sp => new ScheduleRunner(
                work,
                schedule,
                sp.GetRequiredService<IScheduleStatusStore>(),
                sp.GetRequiredService<DurableTaskClient>(),
                sp,
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<ScheduleRunner>>()));
        }

        return services;
    }

    /// <summary>The expression a schedule runs on: its setting, else its default (the functions app's timer reads the same setting).</summary>
    public static string ScheduleOf(ScheduledWork work, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration[work.ScheduleSetting] is { Length: > 0 } expression ? expression : work.DefaultSchedule;
    }
}
