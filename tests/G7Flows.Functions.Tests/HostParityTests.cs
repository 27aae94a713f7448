using System.Reflection;
using DurableTask.Core;
using G7Flows.Functions.Tests.Support;
using G7Flows.Server.Durable;
using G7Flows.Server.Hosting;
using G7Flows.Workflows;
using G7Flows.Workflows.Platform.Hosting;
using G7Flows.Workflows.Platform.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace G7Flows.Functions.Tests;

/// <summary>
/// The functions app and the self-hosted server serve the same API and run the same workflows: a route, an
/// orchestrator or an activity that exists in one host and not the other fails here.
/// </summary>
public sealed class HostParityTests
{
    [Fact]
    public void Both_hosts_serve_exactly_the_routes_of_ApiRoutes()
    {
        // Arrange
        var expected = WorkflowModules.Routes.Select(r => $"{r.Method} /{ApiRoute.Prefix}/{r.Template}").Order(StringComparer.Ordinal).ToList();

        // Act
        var functions = FunctionsApp.ApiFunctions()
            .SelectMany(f => f.Trigger.Methods!.Select(m => $"{m.ToUpperInvariant()} {FunctionsApp.HttpPath(f.Trigger)}"))
            .Order(StringComparer.Ordinal);
        var server = ServerRoutes().Select(r => r.Route).Order(StringComparer.Ordinal);

        // Assert
        Assert.Equal(expected, functions);
        Assert.Equal(expected, server);
    }

    [Fact]
    public void Both_hosts_name_each_route_as_ApiRoutes_does()
    {
        // Arrange
        var expected = WorkflowModules.Routes.Select(r => (r.Name, $"{r.Method} /{ApiRoute.Prefix}/{r.Template}")).Order().ToList();

        // Act
        var functions = FunctionsApp.ApiFunctions()
            .Select(f => (f.Name, $"{f.Trigger.Methods!.Single().ToUpperInvariant()} {FunctionsApp.HttpPath(f.Trigger)}"))
            .Order();
        var server = ServerRoutes().Select(r => (r.Name!, r.Route)).Order();

        // Assert
        Assert.Equal(expected, functions);
        Assert.Equal(expected, server);
    }

    [Fact]
    public void Both_hosts_serve_the_web_app_at_the_root_and_below_assets_for_GET_and_HEAD_and_nothing_else_outside_the_API()
    {
        // Arrange: the server's endpoints outside /api (its Production pipeline: no development sign-in, no API reference).
        using var server = new RealServer();
        var serverWeb = ((IEndpointRouteBuilder)server.App).DataSources
            .SelectMany(d => d.Endpoints)
            .OfType<RouteEndpoint>()
            .Where(e => !e.RoutePattern.RawText!.StartsWith($"/{ApiRoute.Prefix}/", StringComparison.Ordinal))
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(m => $"{m} {e.RoutePattern.RawText}"))
            .Order(StringComparer.Ordinal)
            .ToList();

        // Act: the functions app's web functions, as paths (its catch-all parameter spelled as the server spells it).
        var functionsWeb = FunctionsApp.WebFunctions()
            .Where(f => f.Name != nameof(global::G7Flows.Functions.Functions.WebTriggers.SignIn))
            .SelectMany(f => f.Trigger.Methods!.Select(m => $"{m.ToUpperInvariant()} {FunctionsApp.HttpPath(f.Trigger)}"))
            .Select(r => r.Replace(global::G7Flows.Functions.Functions.WebTriggers.IndexRoute, string.Empty, StringComparison.Ordinal).Replace("{*path}", "{**path}", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();

        // Assert
        Assert.Equal(["GET /", "GET /assets/{**path}", "HEAD /", "HEAD /assets/{**path}"], serverWeb);
        Assert.Equal(serverWeb, functionsWeb);
    }

    [Fact]
    public void Both_hosts_run_exactly_the_orchestrators_of_WorkflowRegistry_under_the_same_names()
    {
        // Arrange
        var expected = WorkflowModules.Orchestrators.Select(t => t.Name).Order(StringComparer.Ordinal).ToList();

        // Act
        var functions = FunctionsApp.NamesWith<OrchestrationTriggerAttribute>().Order(StringComparer.Ordinal);
        using var server = new RealServer();
        var registered = server.Engine.Orchestrations.Names.Order(StringComparer.Ordinal);

        // Assert
        Assert.Equal(expected, functions);
        Assert.Equal(expected, registered);
    }

    [Fact]
    public void Both_hosts_run_exactly_the_activities_of_WorkflowRegistry_under_the_same_names()
    {
        // Arrange
        var expected = WorkflowModules.Activities.Select(t => t.Name).Order(StringComparer.Ordinal).ToList();

        // Act
        var functions = FunctionsApp.NamesWith<ActivityTriggerAttribute>().Order(StringComparer.Ordinal);
        using var server = new RealServer();
        var registered = server.Engine.Activities.Names.Order(StringComparer.Ordinal).ToList();

        // Assert: the names, and each one creates a runnable activity from the server's own services.
        Assert.Equal(expected, functions);
        Assert.Equal(expected, registered);
        Assert.All(registered, name => Assert.NotNull(server.Engine.Activities.GetObject(name, string.Empty)));
    }

    [Fact]
    public void Every_function_has_exactly_one_trigger()
    {
        // Act
        var triggerCounts = FunctionsApp.Functions().Select(f => (f.Name, Triggers: f.Method.GetParameters()
            .SelectMany(p => p.GetCustomAttributes())
            .Count(a => a is HttpTriggerAttribute or OrchestrationTriggerAttribute or ActivityTriggerAttribute or TimerTriggerAttribute)));

        // Assert
        Assert.All(triggerCounts, f => Assert.Equal((f.Name, 1), f));
    }

    /// <summary>The server's API endpoints (below <c>/api</c>; the web app's files are not API routes), from the server's own application (its services and pipeline).</summary>
    private static List<(string Route, string? Name)> ServerRoutes()
    {
        using var server = new RealServer();
        return ((IEndpointRouteBuilder)server.App).DataSources
            .SelectMany(d => d.Endpoints)
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith($"/{ApiRoute.Prefix}/", StringComparison.Ordinal))
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods
                .Select(m => ($"{m} {e.RoutePattern.RawText}", e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName)))
            .ToList();
    }

    /// <summary>
    /// The server as Program.cs builds it (<c>AddG7FlowsServer</c>, <c>UseG7FlowsServer</c>), against storage that
    /// is never reached: its durable engine's worker is created (not started), so its registrations are the ones the
    /// engine dispatches to.
    /// </summary>
    private sealed class RealServer : IDisposable
    {
        public RealServer()
        {
            WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Parity" });
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [AppSettingNames.Storage] = Requests.UnreachableStorage });
            builder.AddG7FlowsServer();
            this.App = builder.Build().UseG7FlowsServer();
            this.Engine = this.App.Services.GetServices<IHostedService>().OfType<DurableEngine>().Single();
            this.Worker = this.Engine.CreateWorker();
        }

        public WebApplication App { get; }

        public DurableEngine Engine { get; }

        private TaskHubWorker Worker { get; }

        public void Dispose()
        {
            this.Worker.Dispose();
            ((IDisposable)this.App).Dispose();
        }
    }
}
