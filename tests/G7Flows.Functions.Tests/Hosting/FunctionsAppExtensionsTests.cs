using G7Flows.Functions.Functions;
using G7Flows.Functions.Hosting;
using G7Flows.Functions.Tests.Support;
using G7Flows.Workflows;
using G7Flows.Workflows.Platform.Hosting;
using Microsoft.ApplicationInsights;
using Microsoft.ApplicationInsights.Extensibility;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace G7Flows.Functions.Tests.Hosting;

/// <summary>The services Program.cs registers are enough to build every function and the startup step, with the sample settings.</summary>
public sealed class FunctionsAppExtensionsTests
{
    [Fact]
    public async Task The_app_services_build_the_HTTP_functions_and_every_activity()
    {
        // Arrange
        await using ServiceProvider services = Build(Settings());

        // Act: creating the HTTP functions throws when one of their services is not registered.
        _ = ActivatorUtilities.CreateInstance<HttpTriggers>(services);
        var activities = WorkflowModules.Activities.Select(services.GetRequiredService).ToList();

        // Assert: each activity type resolves to an instance of itself (not another registration under its name).
        Assert.Equal(WorkflowModules.Activities, activities.Select(a => a.GetType()));
    }

    [Fact]
    public async Task Tables_and_containers_are_created_by_a_startup_step()
    {
        // Arrange
        await using ServiceProvider services = Build(Settings());

        // Act
        var hosted = services.GetServices<IHostedService>().Select(s => s.GetType().Name);

        // Assert
        Assert.Contains("StorageInitializer", hosted);
    }

    [Fact]
    public async Task Telemetry_works_with_the_sample_settings_empty_connection_string()
    {
        // Arrange
        await using ServiceProvider services = Build(Settings());

        // Act
        var client = services.GetRequiredService<TelemetryClient>();
        client.TrackEvent("test");

        // Assert: with the sample's empty connection string nothing is sent anywhere.
        Assert.True(string.IsNullOrEmpty(services.GetRequiredService<IOptions<TelemetryConfiguration>>().Value.ConnectionString));
    }

    [Fact]
    public async Task Worker_logs_below_warning_reach_Application_Insights()
    {
        // Arrange
        await using ServiceProvider services = Build(Settings());

        // Act
        var rules = services.GetRequiredService<IOptions<Microsoft.Extensions.Logging.LoggerFilterOptions>>().Value.Rules;

        // Assert
        Assert.DoesNotContain(rules, r => r.ProviderName is not null && r.ProviderName.Contains("ApplicationInsights", StringComparison.Ordinal));
    }

    private static IConfiguration Settings() =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                [AppSettingNames.Storage] = Requests.UnreachableStorage,
                [AppSettingNames.ApplicationInsightsConnectionString] = string.Empty,
                [AppSettingNames.EasyAuthEnabled] = "false",
            })
            .Build();

    private static ServiceProvider Build(IConfiguration configuration) =>
        new ServiceCollection()
            .AddLogging()
            .AddSingleton(configuration)
            .AddG7FlowsFunctionsApp(configuration)
            .BuildServiceProvider();
}
