using G7Flows.Workflows.Reports.Domain;
using G7Flows.Workflows.Reports.Storage;
using Microsoft.DurableTask;

namespace G7Flows.Workflows.Reports.Workflow;

/// <summary>Adds a published report to <c>index.json</c> (once; under the index's ETag).</summary>
public sealed class IndexReportActivity(ReportStore reports) : TaskActivity<ReportResult, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, ReportResult input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!ReportPeriod.TryParse(input.Period, out ReportPeriod period))
        {
            throw new ArgumentException($"'{input.Period}' is not a period.", nameof(input));
        }

        await reports.AddToIndexAsync(new ReportIndexEntry(
            input.Period,
            period.Kind == PeriodKind.Month ? "month" : "quarter",
            input.GeneratedAt,
            input.FactsRead,
            input.Sha256,
            ReportFormats.Links(period)));
        return true;
    }
}
