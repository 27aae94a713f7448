using G7Flows.Workflows;
using G7Flows.Workflows.Consultations;
using G7Flows.Workflows.Consultations.Api;
using G7Flows.Workflows.Platform.Http;
using G7Flows.Workflows.Platform.Security;
using G7Flows.Workflows.Platform.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace G7Flows.Functions.Functions;

/// <summary>
/// The HTTP API of <see cref="ApiRoutes"/>, one thin function per route, each handing over to the core's
/// <see cref="ConsultationApi"/>. Anonymous at the Functions level: Easy Auth authenticates (see
/// <see cref="Hosting.EasyAuthMiddleware"/>) and the core authorizes.
/// </summary>
public sealed class HttpTriggers(ConsultationApi api, HealthApi health, InboxApi inbox)
{
    [Function(nameof(StartConsultation))]
    public async Task<IActionResult> StartConsultation(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = FunctionRoutes.Api + ConsultationRoutes.Start)] HttpRequest req,
        [DurableClient] DurableTaskClient client) =>
        new ResultActionResult(await api.StartAsync(req, client));

    [Function(nameof(ListConsultations))]
    public async Task<IActionResult> ListConsultations(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = FunctionRoutes.Api + ConsultationRoutes.List)] HttpRequest req) =>
        new ResultActionResult(await api.ListAsync(req));

    [Function(nameof(GetConsultation))]
    public async Task<IActionResult> GetConsultation(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = FunctionRoutes.Api + ConsultationRoutes.Get)] HttpRequest req,
        string id) =>
        new ResultActionResult(await api.GetAsync(req, id));

    [Function(nameof(GetConsultationRecord))]
    public async Task<IActionResult> GetConsultationRecord(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = FunctionRoutes.Api + ConsultationRoutes.Record)] HttpRequest req,
        string id) =>
        new ResultActionResult(await api.GetRecordAsync(req, id));

    [Function(nameof(GetConsultationAudit))]
    public async Task<IActionResult> GetConsultationAudit(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = FunctionRoutes.Api + ConsultationRoutes.Audit)] HttpRequest req,
        string id) =>
        new ResultActionResult(await api.GetAuditAsync(req, id));

    [Function(nameof(RespondToConsultation))]
    public async Task<IActionResult> RespondToConsultation(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = FunctionRoutes.Api + ConsultationRoutes.Respond)] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string id,
        string nation) =>
        new ResultActionResult(await api.RespondAsync(req, client, id, nation));

    [Function(nameof(WithdrawConsultation))]
    public async Task<IActionResult> WithdrawConsultation(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = FunctionRoutes.Api + ConsultationRoutes.Withdraw)] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string id) =>
        new ResultActionResult(await api.WithdrawAsync(req, client, id));

    [Function(nameof(ExtendConsultation))]
    public async Task<IActionResult> ExtendConsultation(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = FunctionRoutes.Api + ConsultationRoutes.Extend)] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string id) =>
        new ResultActionResult(await api.ExtendAsync(req, client, id));

    [Function(nameof(ListTasks))]
    public async Task<IActionResult> ListTasks(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = FunctionRoutes.Api + InboxApi.Route)] HttpRequest req) =>
        new ResultActionResult(await inbox.ListTasksAsync(req));

    [Function(nameof(GetMe))]
    public static IActionResult GetMe(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = FunctionRoutes.Api + MeApi.Route)] HttpRequest req) =>
        new ResultActionResult(MeApi.Get(req));

    [Function(nameof(ListConsultationDisagreements))]
    public async Task<IActionResult> ListConsultationDisagreements(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = FunctionRoutes.Api + ConsultationRoutes.Disagreements)] HttpRequest req,
        [DurableClient] DurableTaskClient client) =>
        new ResultActionResult(await api.ListDisagreementsAsync(req, client));

    [Function(nameof(RepairConsultations))]
    public async Task<IActionResult> RepairConsultations(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = FunctionRoutes.Api + ConsultationRoutes.Repair)] HttpRequest req,
        [DurableClient] DurableTaskClient client) =>
        new ResultActionResult(await api.RepairAsync(req, client));

    [Function(nameof(Health))]
    public async Task<IActionResult> Health(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = FunctionRoutes.Api + HealthApi.Route)] HttpRequest req) =>
        new ResultActionResult(await health.HealthAsync(req));

    /// <summary>The API's OpenAPI document, the same the server serves (also kept as openapi.json beside this app).</summary>
    [Function(nameof(GetOpenApiDocument))]
    public static IActionResult GetOpenApiDocument(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = FunctionRoutes.Api + WorkflowApiDocument.Route)] HttpRequest req) =>
        new ResultActionResult(WorkflowApiDocument.Serve());
}
