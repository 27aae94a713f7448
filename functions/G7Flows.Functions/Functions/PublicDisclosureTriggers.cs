using G7Flows.Workflows.Disclosures.PublicApi;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace G7Flows.Functions.Functions;

/// <summary>
/// The anonymous routes of published disclosures, one thin function per route over the core's
/// <see cref="PublicDisclosureApi"/>. The route table marks them anonymous, so Easy Auth (infra/anonymous-paths.json)
/// and <see cref="Hosting.EasyAuthMiddleware"/> let callers without a token through.
/// </summary>
public sealed class PublicDisclosureTriggers(PublicDisclosureApi api)
{
    [Function(nameof(ListPublicDisclosures))]
    public async Task<IActionResult> ListPublicDisclosures(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = FunctionRoutes.Api + PublicDisclosureRoutes.List)] HttpRequest req) =>
        new ResultActionResult(await api.ListAsync(req));

    [Function(nameof(GetPublicDisclosuresFeed))]
    public async Task<IActionResult> GetPublicDisclosuresFeed(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = FunctionRoutes.Api + PublicDisclosureRoutes.Feed)] HttpRequest req) =>
        new ResultActionResult(await api.FeedAsync(req));

    [Function(nameof(GetPublicDisclosure))]
    public async Task<IActionResult> GetPublicDisclosure(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = FunctionRoutes.Api + PublicDisclosureRoutes.Get)] HttpRequest req,
        string id) =>
        new ResultActionResult(await api.GetAsync(req, id));
}
