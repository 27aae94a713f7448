using G7Flows.Workflows.Reports.Domain;
using G7Flows.Workflows.Reports.Facts;
using G7Flows.Workflows.Reports.Publishing;
using G7Flows.Workflows.Reports.Storage;
using Microsoft.DurableTask;

namespace G7Flows.Workflows.Reports.Workflow;

/// <summary>
/// Computes the period's figures from its fact rows (and the previous period's report, for the change) and publishes
/// them as JSON, CSV and HTML. The JSON is written first and decides: when it exists already (a retry, or a second
/// run), the CSV and HTML are rendered from it, so the three renderings always agree and nothing is overwritten.
/// </summary>
public sealed class PublishReportActivity(FactStore facts, ReportStore reports) : TaskActivity<PublishReportRequest, ReportResult>
{
    public override async Task<ReportResult> RunAsync(TaskActivityContext context, PublishReportRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!ReportPeriod.TryParse(input.Period, out ReportPeriod period))
        {
            throw new ArgumentException($"'{input.Period}' is not a period.", nameof(input));
        }

        bool written = false;
        PeriodReport? report = await reports.ReadReportAsync(period);
        if (report is null)
        {
            // The previous report (for the changes) is fetched while the facts are read; each partition's rows are
            // added to a tally as they arrive, so no list of every fact is built.
            Task<PeriodReport?> previous = reports.ReadReportAsync(period.Previous);
            IReadOnlyList<ReportTally> tallies = await facts.ReadPeriodAsync(period, () => new ReportTally());
            var generatedAt = new DateTimeOffset(DateTime.SpecifyKind(input.GeneratedAt, DateTimeKind.Utc));
            report = ReportCalculator.Compute(period, tallies, await previous, generatedAt);
            written = await reports.WriteOnceAsync(period, ReportFormats.Json, ReportJson.Serialize(report));
            if (!written)
            {
                report = await reports.ReadReportAsync(period) ?? throw new InvalidOperationException($"Report {period} is neither writable nor readable.");
            }
        }

        await reports.WriteOnceAsync(period, ReportFormats.Csv, ReportCsv.Serialize(report));
        await reports.WriteOnceAsync(period, ReportFormats.Html, ReportHtml.Serialize(report));
        var (_, _, sha) = await reports.ReadAsync(period, ReportFormats.Json) ?? throw new InvalidOperationException($"Report {period} disappeared.");
        return new ReportResult(report.Period, sha ?? string.Empty, report.FactsRead, report.GeneratedAt, written);
    }
}
