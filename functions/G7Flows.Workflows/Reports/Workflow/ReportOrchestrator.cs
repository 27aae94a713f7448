using G7Flows.Workflows.Platform.Durable;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace G7Flows.Workflows.Reports.Workflow;

/// <summary>
/// Generates one period's report. Its instance id is derived from the period (<c>report-2026-11</c>), so the engine
/// runs one per period however many schedulers or staff ask; the renderings are write-once blobs, so even a second
/// run finds the first one's report and leaves it. The generation time is the orchestration's, so a retried activity
/// writes the same report.
/// </summary>
public sealed class ReportOrchestrator : TaskOrchestrator<ReportInput, ReportResult>
{
    /// <inheritdoc/>
    public override async Task<ReportResult> RunAsync(TaskOrchestrationContext context, ReportInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        ILogger logger = context.CreateReplaySafeLogger<ReportOrchestrator>();
        ReportResult result = await context.CallActivityAsync<ReportResult>(
            nameof(PublishReportActivity), new PublishReportRequest(input.Period, context.CurrentUtcDateTime), RetryPolicies.ActivityOptions);
        await context.CallActivityAsync<bool>(nameof(IndexReportActivity), result, RetryPolicies.ActivityOptions);
        logger.LogInformation("Report {Period} published from {Facts} facts (requested by {RequestedBy})", input.Period, result.FactsRead, input.RequestedBy);
        return result;
    }
}
