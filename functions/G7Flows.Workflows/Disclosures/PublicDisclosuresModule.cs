using G7Flows.Workflows.Disclosures.PublicApi;
using G7Flows.Workflows.Disclosures.Publishing;
using G7Flows.Workflows.Platform.Hosting;
using G7Flows.Workflows.Platform.Http;
using G7Flows.Workflows.Platform.OpenApi;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace G7Flows.Workflows.Disclosures;

/// <summary>
/// Published disclosures: the publisher the disclosure workflow calls (<see cref="IDisclosurePublisher"/>) and the
/// anonymous routes that serve what it published. No orchestrators or activities of its own.
/// </summary>
public sealed class PublicDisclosuresModule : IWorkflowModule, IDescribedModule
{
    public string Name => "PublicDisclosures";

    public IReadOnlyList<ApiRoute> Routes { get; } =
    [
        new("GET", PublicDisclosureRoutes.List, "ListPublicDisclosures", (HttpRequest r, PublicDisclosureApi h) => h.ListAsync(r), RouteAccess.Anonymous),
        new("GET", PublicDisclosureRoutes.Feed, "GetPublicDisclosuresFeed", (HttpRequest r, PublicDisclosureApi h) => h.FeedAsync(r), RouteAccess.Anonymous),
        new("GET", PublicDisclosureRoutes.Get, "GetPublicDisclosure", (HttpRequest r, PublicDisclosureApi h, string id) => h.GetAsync(r, id), RouteAccess.Anonymous),
    ];

    /// <summary>The routes' descriptions for the OpenAPI document.</summary>
    public ApiContract Contract => PublicDisclosureContract.Contract;

    public IReadOnlyList<Type> Orchestrators { get; } = [];

    public IReadOnlyList<Type> Activities { get; } = [];

    public void AddServices(IServiceCollection services)
    {
        services.TryAddSingleton<DisclosurePublisher>();
        services.TryAddSingleton<IDisclosurePublisher>(sp => sp.GetRequiredService<DisclosurePublisher>());
        services.TryAddSingleton<PublicDisclosureApi>();
    }
}
