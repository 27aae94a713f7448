using G7Flows.Workflows.Platform.Http;
using G7Flows.Workflows.Platform.Hosting;
using G7Flows.Workflows.Platform.OpenApi;
using G7Flows.Workflows.Reports.Api;
using G7Flows.Workflows.Reports.Domain;
using G7Flows.Workflows.Reports.Facts;
using G7Flows.Workflows.Reports.Storage;
using G7Flows.Workflows.Reports.Workflow;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace G7Flows.Workflows.Reports;

/// <summary>Scheduled reports: routes, the schedule, durable types and services, written down once for both hosts.</summary>
public sealed class ReportsModule : IWorkflowModule, IDescribedModule
{
    /// <summary>The schedule's name: the functions app's timer function and the server's scheduler.</summary>
    public const string ScheduleName = "ReportSchedule";

    public string Name => "Reports";

    public IReadOnlyList<ApiRoute> Routes { get; } =
    [
        new("POST", ReportRoutes.Start, "StartReport", (HttpRequest r, ReportApi h, DurableTaskClient c) => h.StartAsync(r, c)),
        new("GET", ReportRoutes.List, "ListReports", (HttpRequest r, ReportApi h) => h.ListAsync(r), RouteAccess.Anonymous),
        new("GET", ReportRoutes.Get, "GetReport", (HttpRequest r, ReportApi h, string period) => h.GetAsync(r, period), RouteAccess.Anonymous),
    ];

    /// <summary>The routes' descriptions for the OpenAPI document.</summary>
    public ApiContract Contract => ReportContract.Contract;

    public IReadOnlyList<ScheduledWork> Schedules { get; } =
    [
        new(ScheduleName, ReportSettings.ScheduleSetting, ReportSettings.DefaultSchedule, (services, client, occurrence, now, ct) =>
            services.GetRequiredService<ReportStarter>().StartScheduledAsync(client, services.GetRequiredService<ReportSettings>(), occurrence, now, ct)),
    ];

    public IReadOnlyList<Type> Orchestrators { get; } = [typeof(ReportOrchestrator)];

    public IReadOnlyList<Type> Activities { get; } = [typeof(PublishReportActivity), typeof(IndexReportActivity)];

    public void AddServices(IServiceCollection services)
    {
        services.TryAddSingleton(sp => ReportSettings.From(sp.GetRequiredService<IConfiguration>()));
        services.TryAddSingleton<FactStore>();
        services.TryAddSingleton<FactRecorder>();
        services.TryAddSingleton<ReportStore>();
        services.TryAddSingleton<ReportStarter>();
        services.TryAddSingleton<ReportApi>();
    }
}

/// <summary>The report routes below <c>/api</c>; constants, because the functions app's trigger attributes need them.</summary>
public static class ReportRoutes
{
    public const string Start = "reports";
    public const string List = "public/reports";
    public const string Get = "public/reports/{period}";
}
