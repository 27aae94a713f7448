using G7Flows.Workflows.Disclosures;
using G7Flows.Workflows.Disclosures.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace G7Flows.Functions.Functions;

/// <summary>
/// The disclosure routes, one thin function per route, each handing over to the core's <see cref="DisclosureApi"/>.
/// Anonymous at the Functions level: Easy Auth authenticates and the core authorizes.
/// </summary>
public sealed class DisclosureHttpTriggers(DisclosureApi api)
{
    [Function(nameof(SubmitDisclosure))]
    public async Task<IActionResult> SubmitDisclosure(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = FunctionRoutes.Api + DisclosureRoutes.Submit)] HttpRequest req,
        [DurableClient] DurableTaskClient client) =>
        new ResultActionResult(await api.SubmitAsync(req, client));

    [Function(nameof(ListDisclosures))]
    public async Task<IActionResult> ListDisclosures(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = FunctionRoutes.Api + DisclosureRoutes.List)] HttpRequest req) =>
        new ResultActionResult(await api.ListAsync(req));

    [Function(nameof(GetDisclosure))]
    public async Task<IActionResult> GetDisclosure(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = FunctionRoutes.Api + DisclosureRoutes.Get)] HttpRequest req,
        string id) =>
        new ResultActionResult(await api.GetAsync(req, id));

    [Function(nameof(GetDisclosureAudit))]
    public async Task<IActionResult> GetDisclosureAudit(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = FunctionRoutes.Api + DisclosureRoutes.Audit)] HttpRequest req,
        string id) =>
        new ResultActionResult(await api.GetAuditAsync(req, id));

    [Function(nameof(DiffDisclosureRevisions))]
    public async Task<IActionResult> DiffDisclosureRevisions(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = FunctionRoutes.Api + DisclosureRoutes.Diff)] HttpRequest req,
        string id,
        string revision) =>
        new ResultActionResult(await api.DiffAsync(req, id, revision));

    [Function(nameof(ReviseDisclosure))]
    public async Task<IActionResult> ReviseDisclosure(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = FunctionRoutes.Api + DisclosureRoutes.Revise)] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string id) =>
        new ResultActionResult(await api.ReviseAsync(req, client, id));

    [Function(nameof(ReviewDisclosure))]
    public async Task<IActionResult> ReviewDisclosure(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = FunctionRoutes.Api + DisclosureRoutes.Review)] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string id,
        string step) =>
        new ResultActionResult(await api.ReviewAsync(req, client, id, step));

    [Function(nameof(CommentOnDisclosure))]
    public async Task<IActionResult> CommentOnDisclosure(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = FunctionRoutes.Api + DisclosureRoutes.Comment)] HttpRequest req,
        string id) =>
        new ResultActionResult(await api.CommentAsync(req, id));

    [Function(nameof(ModerateDisclosureComment))]
    public async Task<IActionResult> ModerateDisclosureComment(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = FunctionRoutes.Api + DisclosureRoutes.Moderate)] HttpRequest req,
        string id,
        string commentId) =>
        new ResultActionResult(await api.ModerateAsync(req, id, commentId));

    [Function(nameof(WithdrawDisclosure))]
    public async Task<IActionResult> WithdrawDisclosure(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = FunctionRoutes.Api + DisclosureRoutes.Withdraw)] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string id) =>
        new ResultActionResult(await api.WithdrawAsync(req, client, id));
}
