using G7Flows.Workflows.Platform.Hosting;
using Microsoft.DurableTask.Client;

namespace G7Flows.Server.Hosting;

/// <summary>
/// The server's timer: runs a module's <see cref="ScheduledWork"/> at each occurrence of its NCRONTAB setting, as the
/// functions app's timer trigger does. Like the Functions host it keeps a schedule status (last and next occurrence),
/// so an occurrence missed while no server ran is made up once when a server starts (the timer's past-due run). As
/// there, a schedule that recurs more often than once a minute is not monitored: it keeps no status and its runs are
/// logged at debug level. The work itself must be idempotent: several server instances each run it.
/// </summary>
public sealed partial class ScheduleRunner(
    ScheduledWork work,
    CronExpression schedule,
    IScheduleStatusStore statuses,
    DurableTaskClient client,
    IServiceProvider services,
    TimeProvider clock,
    ILogger<ScheduleRunner> logger) : BackgroundService
{
    /// <summary>Timers are armed for at most this long at a time (long delays are beyond what a timer takes).</summary>
    private static readonly TimeSpan MaxWait = TimeSpan.FromHours(12);

    public ScheduledWork Work => work;

    public CronExpression Schedule => schedule;

    /// <summary>
    /// Whether the schedule keeps a status (and makes up a missed occurrence): as the Functions host's <c>UseMonitor</c>
    /// default, only when it recurs once a minute or less often.
    /// </summary>
    public bool Monitored { get; } = IsMonitored(schedule, clock.GetUtcNow());

    private static bool IsMonitored(CronExpression schedule, DateTimeOffset now)
    {
        IReadOnlyList<DateTimeOffset> next = schedule.Next(now, 2);
        return next[1] - next[0] >= TimeSpan.FromMinutes(1);
    }

    private DateTimeOffset? lastRun;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        DateTimeOffset next = await this.CatchUpAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            DateTimeOffset now = clock.GetUtcNow();
            if (now < next)
            {
                TimeSpan wait = next - now;
                await Task.Delay(wait < MaxWait ? wait : MaxWait, clock, stoppingToken);
                continue;
            }

            await this.RunAsync(next, stoppingToken);
            next = schedule.Next(clock.GetUtcNow());
            await this.SaveAsync(next, stoppingToken);
        }
    }

    /// <summary>Reads the schedule status; runs a past-due occurrence once; returns the next occurrence to wait for.</summary>
    private async Task<DateTimeOffset> CatchUpAsync(CancellationToken cancellationToken)
    {
        if (!this.Monitored)
        {
            return schedule.Next(clock.GetUtcNow());
        }

        try
        {
            ScheduleStatus? status = await statuses.GetAsync(work.Name, cancellationToken);
            this.lastRun = status?.Last;

            // No status: the first start of this schedule, which (as in the Functions host) is not a missed run.
            if (status is not null && status.Next <= clock.GetUtcNow())
            {
                LogPastDue(logger, work.Name, status.Next);
                await this.RunAsync(status.Next, cancellationToken);
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogFailed(logger, ex, work.Name);
        }

        DateTimeOffset next = schedule.Next(clock.GetUtcNow());
        await this.SaveAsync(next, cancellationToken);
        return next;
    }

    private async Task RunAsync(DateTimeOffset occurrence, CancellationToken cancellationToken)
    {
        try
        {
            await work.RunAsync(services, client, occurrence, clock.GetUtcNow(), cancellationToken);
            this.lastRun = occurrence;
            if (this.Monitored)
            {
                LogRan(logger, work.Name, occurrence);
            }
            else
            {
                LogRanFrequent(logger, work.Name, occurrence);
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Logged and left: the next occurrence runs as planned, as the Functions host does with a failed timer run.
            LogFailed(logger, ex, work.Name);
        }
    }

    private async Task SaveAsync(DateTimeOffset next, CancellationToken cancellationToken)
    {
        if (!this.Monitored)
        {
            return;
        }

        try
        {
            await statuses.SetAsync(work.Name, new ScheduleStatus(this.lastRun, next), cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogFailed(logger, ex, work.Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Schedule {Name}: ran for {Occurrence:O}")]
    private static partial void LogRan(ILogger logger, string name, DateTimeOffset occurrence);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Schedule {Name}: ran for {Occurrence:O}")]
    private static partial void LogRanFrequent(ILogger logger, string name, DateTimeOffset occurrence);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Schedule {Name}: the occurrence at {Occurrence:O} was missed; running it now")]
    private static partial void LogPastDue(ILogger logger, string name, DateTimeOffset occurrence);

    [LoggerMessage(Level = LogLevel.Error, Message = "Schedule {Name} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string name);
}
