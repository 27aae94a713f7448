using G7Flows.Workflows.Reports;
using G7Flows.Workflows.Reports.Api;
using G7Flows.Workflows.Reports.Domain;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace G7Flows.Functions.Functions;

/// <summary>
/// The report routes and the report timer. The timer binds to the same setting the server's scheduler reads
/// (<see cref="ReportSettings.ScheduleSetting"/>); a past-due run (the app was stopped over an occurrence) reports on
/// the period before the missed occurrence, as the server's make-up run does.
/// </summary>
public sealed class ReportTriggers(ReportApi api, IServiceProvider services, TimeProvider clock)
{
    /// <summary>The timer's schedule expression: the setting's value, resolved by the Functions host.</summary>
    public const string ScheduleBinding = "%" + ReportSettings.ScheduleSetting + "%";

    [Function(nameof(StartReport))]
    public async Task<IActionResult> StartReport(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = FunctionRoutes.Api + ReportRoutes.Start)] HttpRequest req,
        [DurableClient] DurableTaskClient client) =>
        new ResultActionResult(await api.StartAsync(req, client));

    [Function(nameof(ListReports))]
    public async Task<IActionResult> ListReports(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = FunctionRoutes.Api + ReportRoutes.List)] HttpRequest req) =>
        new ResultActionResult(await api.ListAsync(req));

    [Function(nameof(GetReport))]
    public async Task<IActionResult> GetReport(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = FunctionRoutes.Api + ReportRoutes.Get)] HttpRequest req,
        string period) =>
        new ResultActionResult(await api.GetAsync(req, period));

    [Function(ReportsModule.ScheduleName)]
    public Task ReportSchedule(
        [TimerTrigger(ScheduleBinding)] TimerInfo timer,
        [DurableClient] DurableTaskClient client,
        FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ScheduledTimers.RunAsync(ReportsModule.ScheduleName, timer, client, services, clock, context.CancellationToken);
    }
}
