using System.Reflection;
using DurableTask.Core;
using G7Flows.Functions.Tests.Support;
using G7Flows.Server.Hosting;
using G7Flows.Workflows;
using G7Flows.Workflows.Platform.Hosting;
using G7Flows.Workflows.Platform.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

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
        string prefix = FunctionsApp.RoutePrefix();

        // Act
        var functions = FunctionsApp.Functions()
            .Where(f => f.Trigger is HttpTriggerAttribute)
            .SelectMany(f => ((HttpTriggerAttribute)f.Trigger!).Methods!.Select(m => $"{m.ToUpperInvariant()} /{prefix}/{((HttpTriggerAttribute)f.Trigger!).Route}"))
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
        string prefix = FunctionsApp.RoutePrefix();

        // Act
        var functions = FunctionsApp.Functions()
            .Where(f => f.Trigger is HttpTriggerAttribute)
            .Select(f => (f.Name, $"{((HttpTriggerAttribute)f.Trigger!).Methods!.Single().ToUpperInvariant()} /{prefix}/{((HttpTriggerAttribute)f.Trigger!).Route}"))
            .Order();
        var server = ServerRoutes().Select(r => (r.Name!, r.Route)).Order();

        // Assert
        Assert.Equal(expected, functions);
        Assert.Equal(expected, server);
    }

    [Fact]
    public void Both_hosts_run_exactly_the_orchestrators_of_WorkflowRegistry_under_the_same_names()
    {
        // Arrange
        var expected = WorkflowModules.Orchestrators.Select(t => t.Name).Order(StringComparer.Ordinal).ToList();

        // Act
        var functions = FunctionsApp.NamesWith<OrchestrationTriggerAttribute>().Order(StringComparer.Ordinal);
        var server = ServerRegistrations<TaskOrchestration>("G7Flows.Server.Durable.OrchestratorCreator", WorkflowModules.Orchestrators).Order(StringComparer.Ordinal);

        // Assert
        Assert.Equal(expected, functions);
        Assert.Equal(expected, server);
    }

    [Fact]
    public void Both_hosts_run_exactly_the_activities_of_WorkflowRegistry_under_the_same_names()
    {
        // Arrange
        var expected = WorkflowModules.Activities.Select(t => t.Name).Order(StringComparer.Ordinal).ToList();

        // Act
        var functions = FunctionsApp.NamesWith<ActivityTriggerAttribute>().Order(StringComparer.Ordinal);
        var server = ServerRegistrations<DurableTask.Core.TaskActivity>("G7Flows.Server.Durable.ActivityCreator", WorkflowModules.Activities).Order(StringComparer.Ordinal);

        // Assert
        Assert.Equal(expected, functions);
        Assert.Equal(expected, server);
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

    /// <summary>The server's endpoints, from a bare application with its API mapped as the server maps it.</summary>
    private static List<(string Route, string? Name)> ServerRoutes()
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Parity" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [AppSettingNames.Storage] = Requests.UnreachableStorage });
        builder.Services.AddG7FlowsWorkflows(builder.Configuration);
        builder.Services.AddSingleton(new Mock<DurableTaskClient>("parity").Object);
        using WebApplication app = builder.Build();
        app.MapG7FlowsApi();

        return ((IEndpointRouteBuilder)app).DataSources
            .SelectMany(d => d.Endpoints)
            .OfType<RouteEndpoint>()
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods
                .Select(m => ($"{m} {e.RoutePattern.RawText}", e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName)))
            .ToList();
    }

    /// <summary>The names under which the server's durable engine registers these types: it builds one creator per type, as here.</summary>
    private static IEnumerable<string> ServerRegistrations<T>(string creatorType, IEnumerable<Type> types)
    {
        Type creator = typeof(ServerEndpoints).Assembly.GetType(creatorType, throwOnError: true)!;
        var shims = new DurableTaskShimFactory(new DurableTaskWorkerOptions(), NullLoggerFactory.Instance);
        using ServiceProvider services = new ServiceCollection().BuildServiceProvider();
        foreach (Type type in types)
        {
            object?[] arguments = creator.GetConstructors().Single().GetParameters().Length == 2 ? [type, shims] : [type, services, shims];
            var instance = (ObjectCreator<T>)Activator.CreateInstance(creator, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance, null, arguments, null)!;
            yield return instance.Name;
        }
    }
}
