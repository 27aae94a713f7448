using System.Text.Json;
using G7Flows.Functions.Functions;
using G7Flows.Functions.Tests.Support;
using G7Flows.Workflows;
using G7Flows.Workflows.Platform.Hosting;
using G7Flows.Workflows.Platform.Http;

namespace G7Flows.Functions.Tests;

/// <summary>
/// The <c>functions.metadata</c> the worker SDK writes at build time is what the Functions host indexes
/// (with worker indexing it asks the worker, which generates the same from the same attributes). Every route,
/// orchestrator and activity must be in it with the right bindings, and nothing else.
/// </summary>
public sealed class FunctionsMetadataTests
{
    private readonly IReadOnlyDictionary<string, JsonElement> metadata = FunctionsApp.Metadata();

    public static TheoryData<string> RouteNames => [.. WorkflowModules.Routes.Select(r => r.Name)];

    public static TheoryData<string> OrchestratorNames => [.. WorkflowModules.Orchestrators.Select(t => t.Name)];

    public static TheoryData<string> ActivityNames => [.. WorkflowModules.Activities.Select(t => t.Name)];

    public static TheoryData<string> ScheduleNames => [.. WorkflowModules.Schedules.Select(s => s.Name)];

    [Theory]
    [MemberData(nameof(RouteNames))]
    public void Every_route_is_an_anonymous_httpTrigger_with_its_method_and_route_and_an_http_result(string name)
    {
        // Arrange
        ApiRoute route = WorkflowModules.Routes.Single(r => r.Name == name);

        // Act
        JsonElement function = this.Function(name);
        JsonElement trigger = Assert.Single(FunctionsApp.Bindings(function), b => b.GetProperty("type").GetString() == "httpTrigger");

        // Assert
        Assert.Equal("In", trigger.GetProperty("direction").GetString());
        Assert.Equal("Anonymous", trigger.GetProperty("authLevel").GetString());
        Assert.Equal([route.Method.ToLowerInvariant()], trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal($"{ApiRoute.Prefix}/{route.Template}", trigger.GetProperty("route").GetString());
        Assert.Single(FunctionsApp.Bindings(function), b =>
            b.GetProperty("name").GetString() == "$return" && b.GetProperty("type").GetString() == "http" && b.GetProperty("direction").GetString() == "Out");
    }

    [Theory]
    [InlineData("ServeWebApp", "get,head", WebTriggers.IndexRoute)]
    [InlineData("ServeWebAsset", "get,head", "assets/{*path}")]
    [InlineData("SignIn", "get", "sign-in")]
    public void The_web_app_functions_are_anonymous_httpTriggers_at_the_root_below_assets_and_at_sign_in(string name, string methods, string route)
    {
        // Act
        JsonElement function = this.Function(name);
        JsonElement trigger = Assert.Single(FunctionsApp.Bindings(function), b => b.GetProperty("type").GetString() == "httpTrigger");

        // Assert
        Assert.Equal("Anonymous", trigger.GetProperty("authLevel").GetString());
        Assert.Equal(methods.Split(','), trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(route, trigger.GetProperty("route").GetString());
        Assert.DoesNotContain(FunctionsApp.Bindings(function), b => b.GetProperty("type").GetString() == "durableClient");
    }

    [Fact]
    public void The_routes_that_start_or_signal_workflows_and_only_those_have_a_durableClient_binding()
    {
        // Arrange
        string[] expected =
        [
            "ConsultationDecisionSweep", "ExtendConsultation", "ListConsultationDisagreements", "RepairConsultations", "ReportSchedule", "RespondToConsultation", "ReviewDisclosure", "ReviseDisclosure",
            "StartConsultation", "StartReport", "SubmitDisclosure", "WithdrawConsultation", "WithdrawDisclosure",
        ];

        // Act
        var withClient = this.metadata
            .Where(f => FunctionsApp.Bindings(f.Value).Any(b => b.GetProperty("type").GetString() == "durableClient"))
            .Select(f => f.Key)
            .Order(StringComparer.Ordinal);

        // Assert
        Assert.Equal(expected, withClient);
    }

    [Theory]
    [MemberData(nameof(OrchestratorNames))]
    public void Every_orchestrator_is_an_orchestrationTrigger_and_nothing_more(string name)
    {
        // Act
        JsonElement binding = Assert.Single(FunctionsApp.Bindings(this.Function(name)));

        // Assert
        Assert.Equal(("orchestrationTrigger", "In"), (binding.GetProperty("type").GetString(), binding.GetProperty("direction").GetString()));
    }

    [Theory]
    [MemberData(nameof(ActivityNames))]
    public void Every_activity_is_an_activityTrigger_and_nothing_more(string name)
    {
        // Act
        JsonElement binding = Assert.Single(FunctionsApp.Bindings(this.Function(name)));

        // Assert
        Assert.Equal(("activityTrigger", "In"), (binding.GetProperty("type").GetString(), binding.GetProperty("direction").GetString()));
    }

    [Theory]
    [MemberData(nameof(ScheduleNames))]
    public void Every_schedule_is_a_timerTrigger_whose_expression_is_its_setting_and_which_can_start_workflows(string name)
    {
        // Arrange
        ScheduledWork work = WorkflowModules.Schedules.Single(s => s.Name == name);

        // Act
        var bindings = FunctionsApp.Bindings(this.Function(name)).ToList();
        JsonElement timer = Assert.Single(bindings, b => b.GetProperty("type").GetString() == "timerTrigger");

        // Assert: the host resolves %setting% from the app settings, the same setting the server's scheduler reads.
        Assert.Equal("In", timer.GetProperty("direction").GetString());
        Assert.Equal($"%{work.ScheduleSetting}%", timer.GetProperty("schedule").GetString());
        Assert.False(timer.TryGetProperty("runOnStartup", out JsonElement runOnStartup) && runOnStartup.GetBoolean(), "A timer that runs at every start would report at every restart.");
        Assert.Equal(["durableClient", "timerTrigger"], bindings.Select(b => b.GetProperty("type").GetString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_metadata_lists_exactly_the_routes_orchestrators_activities_and_schedules()
    {
        // Arrange
        var expected = WorkflowModules.Routes.Select(r => r.Name)
            .Concat(WorkflowModules.Orchestrators.Select(t => t.Name))
            .Concat(WorkflowModules.Activities.Select(t => t.Name))
            .Concat(WorkflowModules.Schedules.Select(s => s.Name))
            .Concat(WebTriggers.Names)
            .Order(StringComparer.Ordinal);

        // Act
        var listed = this.metadata.Keys.Order(StringComparer.Ordinal);

        // Assert
        Assert.Equal(expected, listed);
    }

    [Fact]
    public void Every_function_points_at_the_app_assembly_and_an_existing_method()
    {
        // Arrange
        var methods = FunctionsApp.Functions().ToDictionary(f => f.Name, f => $"{f.Method.DeclaringType!.FullName}.{f.Method.Name}");

        // Act and Assert
        Assert.All(this.metadata, f =>
        {
            Assert.Equal("G7Flows.Functions.dll", f.Value.GetProperty("scriptFile").GetString());
            Assert.Equal("dotnet-isolated", f.Value.GetProperty("language").GetString());
            Assert.Equal(methods[f.Key], f.Value.GetProperty("entryPoint").GetString());
        });
    }

    [Fact]
    public void The_build_output_has_what_the_host_needs_to_load_the_app()
    {
        // Act
        string output = FunctionsApp.OutputDirectory;

        // Assert
        Assert.True(File.Exists(Path.Combine(output, "host.json")), "host.json is not copied to the output.");
        Assert.True(File.Exists(Path.Combine(output, "worker.config.json")), "worker.config.json is missing.");
        Assert.True(File.Exists(Path.Combine(output, "extensions.json")), "extensions.json is missing.");
        Assert.Contains("Microsoft.Azure.WebJobs.Extensions.DurableTask", File.ReadAllText(Path.Combine(output, "extensions.json")), StringComparison.Ordinal);
        Assert.Equal(File.ReadAllText(Repository.PathOf("host.json")), File.ReadAllText(Path.Combine(output, "host.json")));
    }

    private JsonElement Function(string name)
    {
        Assert.True(this.metadata.TryGetValue(name, out JsonElement function), $"functions.metadata has no function '{name}'.");
        return function;
    }
}
