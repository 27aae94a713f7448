using G7Flows.Workflows.Consultations.Api;
using G7Flows.Workflows.Consultations.Records;
using G7Flows.Workflows.Consultations.Storage;
using G7Flows.Workflows.Consultations.Workflow;
using G7Flows.Workflows.Platform.Http;
using G7Flows.Workflows.Platform.OpenApi;
using G7Flows.Workflows.Platform.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace G7Flows.Workflows.Consultations;

/// <summary>Multi-nation consultations: routes, durable types and services, written down once for both hosts.</summary>
public sealed class ConsultationsModule : IWorkflowModule, IDescribedModule
{
    public string Name => "Consultations";

    public IReadOnlyList<ApiRoute> Routes { get; } =
    [
        new("POST", ConsultationRoutes.Start, "StartConsultation", (HttpRequest r, ConsultationApi h, DurableTaskClient c) => h.StartAsync(r, c)),
        new("GET", ConsultationRoutes.List, "ListConsultations", (HttpRequest r, ConsultationApi h) => h.ListAsync(r)),
        new("GET", ConsultationRoutes.Get, "GetConsultation", (HttpRequest r, ConsultationApi h, string id) => h.GetAsync(r, id)),
        new("GET", ConsultationRoutes.Record, "GetConsultationRecord", (HttpRequest r, ConsultationApi h, string id) => h.GetRecordAsync(r, id)),
        new("GET", ConsultationRoutes.Audit, "GetConsultationAudit", (HttpRequest r, ConsultationApi h, string id) => h.GetAuditAsync(r, id)),
        new("POST", ConsultationRoutes.Respond, "RespondToConsultation", (HttpRequest r, ConsultationApi h, DurableTaskClient c, string id, string nation) => h.RespondAsync(r, c, id, nation)),
        new("POST", ConsultationRoutes.Withdraw, "WithdrawConsultation", (HttpRequest r, ConsultationApi h, DurableTaskClient c, string id) => h.WithdrawAsync(r, c, id)),
        new("POST", ConsultationRoutes.Extend, "ExtendConsultation", (HttpRequest r, ConsultationApi h, DurableTaskClient c, string id) => h.ExtendAsync(r, c, id)),
        new("GET", ConsultationRoutes.Disagreements, "ListConsultationDisagreements", (HttpRequest r, ConsultationApi h, DurableTaskClient c) => h.ListDisagreementsAsync(r, c)),
        new("POST", ConsultationRoutes.Repair, "RepairConsultations", (HttpRequest r, ConsultationApi h, DurableTaskClient c) => h.RepairAsync(r, c)),
    ];

    /// <summary>The routes' descriptions for the OpenAPI document.</summary>
    public ApiContract Contract => ConsultationContract.Contract;

    /// <summary>The decision sweep: wakes decided consultations whose deciding event was never sent (see <see cref="DecisiveAnswers"/>).</summary>
    public IReadOnlyList<ScheduledWork> Schedules { get; } =
    [
        new(DecisiveAnswers.ScheduleName, DecisiveAnswers.ScheduleSetting, DecisiveAnswers.DefaultSchedule, (services, client, _, now, ct) =>
            services.GetRequiredService<DecisiveAnswers>().SweepAsync(client, now, ct)),
    ];

    public IReadOnlyList<Type> Orchestrators { get; } = [typeof(ConsultationOrchestrator)];

    public IReadOnlyList<Type> Activities { get; } =
    [
        typeof(OpenConsultationActivity),
        typeof(SendRemindersActivity),
        typeof(ApplyExtensionActivity),
        typeof(CloseConsultationActivity),
        typeof(PublishRecordActivity),
        typeof(MarkFailedActivity),
    ];

    public void AddServices(IServiceCollection services)
    {
        services.TryAddSingleton<ConsultationStore>();
        services.TryAddSingleton<RecordPublisher>();
        services.TryAddSingleton<DecisiveAnswers>();
        services.TryAddSingleton<ConsultationApi>();
    }
}

/// <summary>The consultation routes below <c>/api</c>; constants, because the functions app's trigger attributes need them.</summary>
public static class ConsultationRoutes
{
    public const string Start = "consultations";
    public const string List = "consultations";
    public const string Get = "consultations/{id}";
    public const string Record = "consultations/{id}/record";
    public const string Audit = "consultations/{id}/audit";
    public const string Respond = "consultations/{id}/responses/{nation}";
    public const string Withdraw = "consultations/{id}/withdraw";
    public const string Extend = "consultations/{id}/extend";
    public const string Disagreements = "admin/consultations/disagreements";
    public const string Repair = "admin/consultations/repair";
}
