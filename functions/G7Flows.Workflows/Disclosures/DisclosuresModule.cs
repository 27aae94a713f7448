using G7Flows.Workflows.Disclosures.Api;
using G7Flows.Workflows.Disclosures.Storage;
using G7Flows.Workflows.Disclosures.Workflow;
using G7Flows.Workflows.Platform.Http;
using G7Flows.Workflows.Platform.Hosting;
using G7Flows.Workflows.Platform.OpenApi;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace G7Flows.Workflows.Disclosures;

/// <summary>
/// Transparency disclosures: routes, durable types and services, written down once for both hosts. The public side
/// (the publisher behind <see cref="Publishing.IDisclosurePublisher"/> and the anonymous public routes) is its own module.
/// </summary>
public sealed class DisclosuresModule : IWorkflowModule, IDescribedModule
{
    public string Name => "Disclosures";

    public IReadOnlyList<ApiRoute> Routes { get; } =
    [
        new("POST", DisclosureRoutes.Submit, "SubmitDisclosure", (HttpRequest r, DisclosureApi h, DurableTaskClient c) => h.SubmitAsync(r, c)),
        new("GET", DisclosureRoutes.List, "ListDisclosures", (HttpRequest r, DisclosureApi h) => h.ListAsync(r)),
        new("GET", DisclosureRoutes.Get, "GetDisclosure", (HttpRequest r, DisclosureApi h, string id) => h.GetAsync(r, id)),
        new("GET", DisclosureRoutes.Audit, "GetDisclosureAudit", (HttpRequest r, DisclosureApi h, string id) => h.GetAuditAsync(r, id)),
        new("GET", DisclosureRoutes.Diff, "DiffDisclosureRevisions", (HttpRequest r, DisclosureApi h, string id, string revision) => h.DiffAsync(r, id, revision)),
        new("POST", DisclosureRoutes.Revise, "ReviseDisclosure", (HttpRequest r, DisclosureApi h, DurableTaskClient c, string id) => h.ReviseAsync(r, c, id)),
        new("POST", DisclosureRoutes.Review, "ReviewDisclosure", (HttpRequest r, DisclosureApi h, DurableTaskClient c, string id, string step) => h.ReviewAsync(r, c, id, step)),
        new("POST", DisclosureRoutes.Comment, "CommentOnDisclosure", (HttpRequest r, DisclosureApi h, string id) => h.CommentAsync(r, id)),
        new("POST", DisclosureRoutes.Moderate, "ModerateDisclosureComment", (HttpRequest r, DisclosureApi h, string id, string commentId) => h.ModerateAsync(r, id, commentId)),
        new("POST", DisclosureRoutes.Withdraw, "WithdrawDisclosure", (HttpRequest r, DisclosureApi h, DurableTaskClient c, string id) => h.WithdrawAsync(r, c, id)),
    ];

    /// <summary>The routes' descriptions for the OpenAPI document.</summary>
    public ApiContract Contract => DisclosureContract.Contract;

    public IReadOnlyList<Type> Orchestrators { get; } = [typeof(DisclosureOrchestrator)];

    public IReadOnlyList<Type> Activities { get; } =
    [
        typeof(ScreenRevisionActivity),
        typeof(OpenReviewStepActivity),
        typeof(ConcludeStepActivity),
        typeof(StepNoticeActivity),
        typeof(CloseCommentPeriodActivity),
        typeof(PublishDisclosureActivity),
        typeof(SettleDisclosureActivity),
        typeof(MarkDisclosureFailedActivity),
    ];

    public void AddServices(IServiceCollection services)
    {
        services.TryAddSingleton(sp => DisclosureSettings.From(sp.GetService<IConfiguration>() ?? new ConfigurationBuilder().Build()));
        services.TryAddSingleton<DisclosureStore>();
        services.TryAddSingleton<DisclosureApi>();
    }
}

/// <summary>The disclosure routes below <c>/api</c>; constants, because the functions app's trigger attributes need them.</summary>
public static class DisclosureRoutes
{
    public const string Submit = "disclosures";
    public const string List = "disclosures";
    public const string Get = "disclosures/{id}";
    public const string Audit = "disclosures/{id}/audit";
    public const string Revise = "disclosures/{id}/revisions";
    public const string Diff = "disclosures/{id}/revisions/{revision}/diff";
    public const string Review = "disclosures/{id}/reviews/{step}";
    public const string Comment = "disclosures/{id}/comments";
    public const string Moderate = "disclosures/{id}/comments/{commentId}/moderation";
    public const string Withdraw = "disclosures/{id}/withdraw";
}
