using G7Flows.Workflows.Reports.Domain;
using G7Flows.Workflows.Reports.Storage;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace G7Flows.Workflows.Reports.Workflow;

/// <summary>Where a request for a period's report stands.</summary>
public enum ReportStart
{
    /// <summary>This call started the period's orchestration.</summary>
    Started,

    /// <summary>The period's orchestration exists already (running, or finished but not yet indexed).</summary>
    InProgress,

    /// <summary>The period's report is published.</summary>
    Published,
}

/// <summary>
/// Starts a period's report orchestration unless the report exists or is being made: the one entry point of the
/// schedule (both hosts) and of <c>POST /api/reports</c>. Safe to call concurrently: the instance id is the period's,
/// the engine keeps one instance per id, and a caller that loses the race finds the winner's instance.
/// </summary>
public sealed partial class ReportStarter(ReportStore reports, ILogger<ReportStarter> logger)
{
    public static string InstanceId(ReportPeriod period) => $"report-{period}";

    public async Task<ReportStart> StartAsync(DurableTaskClient client, ReportPeriod period, string requestedBy, DateTimeOffset requestedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        if ((await reports.ReadIndexAsync(cancellationToken)).Items.Any(i => i.Period == period.ToString()))
        {
            return ReportStart.Published;
        }

        string id = InstanceId(period);

        // Checked first: Durable Functions would replace a completed instance of the same id rather than refuse it.
        if (await client.GetInstanceAsync(id, cancellationToken) is not null)
        {
            return ReportStart.InProgress;
        }

        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(
                nameof(ReportOrchestrator),
                new ReportInput(period.ToString(), requestedBy, requestedAt.UtcDateTime),
                WorkflowVersions.StartOptions(nameof(ReportOrchestrator), id),
                cancellationToken);
            LogStarted(logger, period.ToString(), requestedBy);
            return ReportStart.Started;
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // A concurrent caller started it between our check and our start: one instance, as wanted.
            if (await client.GetInstanceAsync(id, cancellationToken) is null)
            {
                throw;
            }

            return ReportStart.InProgress;
        }
    }

    /// <summary>What the schedule runs at an occurrence: the report of the latest period that has ended by then.</summary>
    public Task<ReportStart> StartScheduledAsync(DurableTaskClient client, ReportSettings settings, DateTimeOffset occurrence, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return this.StartAsync(client, ReportPeriod.LastEndedBy(occurrence, settings.Period), "schedule", now, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Report {Period} started (requested by {RequestedBy})")]
    private static partial void LogStarted(ILogger logger, string period, string requestedBy);
}
