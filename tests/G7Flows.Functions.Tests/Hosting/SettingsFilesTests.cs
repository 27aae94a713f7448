using System.Text.Json;
using G7Flows.Functions.Tests.Support;
using G7Flows.Server.Durable;
using G7Flows.Workflows;
using G7Flows.Workflows.Platform.Hosting;
using G7Flows.Workflows.Platform.Http;
using Microsoft.Extensions.Configuration;

namespace G7Flows.Functions.Tests.Hosting;

/// <summary>host.json, local.settings.sample.json and docs/functions-app.md agree with the names the code reads.</summary>
public sealed class SettingsFilesTests
{
    private static readonly JsonElement Host = Read("host.json");
    private static readonly JsonElement LocalSettings = Read("local.settings.sample.json");

    [Fact]
    public void Host_json_is_version_2_with_no_route_prefix_so_the_web_app_is_at_the_root_and_the_api_below_its_own_prefix()
    {
        // Act
        string? version = Host.GetProperty("version").GetString();
        string? prefix = Host.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString();

        // Assert: the API keeps its addresses because every API function's route starts with the prefix itself.
        Assert.Equal("2.0", version);
        Assert.Equal(string.Empty, prefix);
        Assert.All(FunctionsApp.ApiFunctions(), f => Assert.StartsWith($"/{ApiRoute.Prefix}/", FunctionsApp.HttpPath(f.Trigger), StringComparison.Ordinal));
    }

    [Fact]
    public void Host_json_takes_the_task_hub_from_the_shared_setting()
    {
        // Act
        string? hub = Host.GetProperty("extensions").GetProperty("durableTask").GetProperty("hubName").GetString();

        // Assert
        Assert.Equal($"%{AppSettingNames.TaskHub}%", hub);
    }

    [Fact]
    public void Host_json_default_version_is_the_cores_latest_and_older_instances_still_run()
    {
        // Arrange
        JsonElement durable = Host.GetProperty("extensions").GetProperty("durableTask");

        // Act
        string? defaultVersion = durable.GetProperty("defaultVersion").GetString();
        string? match = durable.GetProperty("versionMatchStrategy").GetString();
        string? failure = durable.GetProperty("versionFailureStrategy").GetString();

        // Assert: a worker of this build runs every version up to its own and leaves newer ones for a newer worker.
        Assert.Equal(WorkflowVersions.Latest, defaultVersion);
        Assert.Equal("CurrentOrOlder", match);
        Assert.Equal("Reject", failure);
    }

    [Fact]
    public void The_server_engine_takes_every_tuning_value_from_host_json()
    {
        // Arrange: the server's build output, where it reads its copy of host.json.
        string serverHostJson = Repository.PathOf("functions", "G7Flows.Server", "bin", Repository.Configuration, "net10.0", "host.json");
        JsonElement durableTask = Host.GetProperty("extensions").GetProperty("durableTask");
        JsonElement storage = durableTask.GetProperty("storageProvider");

        // Act
        DurableEngineOptions server = DurableEngineOptions.Load(new ConfigurationBuilder().Build(), serverHostJson);

        // Assert
        Assert.Equal(File.ReadAllText(Repository.PathOf("host.json")), File.ReadAllText(serverHostJson));
        Assert.Equal(storage.GetProperty("partitionCount").GetInt32(), server.PartitionCount);
        Assert.Equal(durableTask.GetProperty("maxConcurrentOrchestratorFunctions").GetInt32(), server.MaxConcurrentOrchestrations);
        Assert.Equal(durableTask.GetProperty("maxConcurrentActivityFunctions").GetInt32(), server.MaxConcurrentActivities);
        Assert.Equal(durableTask.GetProperty("extendedSessionsEnabled").GetBoolean(), server.ExtendedSessions);
        Assert.Equal(storage.GetProperty("useTablePartitionManagement").GetBoolean(), server.UseTablePartitionManagement);
        Assert.Equal(Duration(storage, "maxQueuePollingInterval"), server.MaxQueuePollingInterval);
        Assert.Equal(Duration(storage, "controlQueueVisibilityTimeout"), server.ControlQueueVisibilityTimeout);
        Assert.Equal(Duration(storage, "workItemQueueVisibilityTimeout"), server.WorkItemQueueVisibilityTimeout);
    }

    [Fact]
    public void The_server_settings_file_does_not_tune_the_engine_a_second_time()
    {
        // Act
        JsonElement appSettings = Read(Path.Combine("functions", "G7Flows.Server", "appsettings.json"));
        bool tunes = appSettings.TryGetProperty("G7Flows", out JsonElement g7) && g7.TryGetProperty("Durable", out _);

        // Assert
        Assert.False(tunes, "functions/G7Flows.Server/appsettings.json has a G7Flows:Durable section; the engine's tuning belongs in host.json.");
    }

    [Fact]
    public void A_setting_overrides_a_host_json_value_for_one_server()
    {
        // Arrange
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["G7Flows:Durable:ControlQueueVisibilityTimeout"] = "00:00:20" })
            .Build();

        // Act
        DurableEngineOptions server = DurableEngineOptions.Load(configuration, Repository.PathOf("host.json"));

        // Assert
        Assert.Equal(TimeSpan.FromSeconds(20), server.ControlQueueVisibilityTimeout);
        Assert.Equal(Duration(Host.GetProperty("extensions").GetProperty("durableTask").GetProperty("storageProvider"), "workItemQueueVisibilityTimeout"), server.WorkItemQueueVisibilityTimeout);
    }

    [Fact]
    public void The_functions_app_and_the_server_do_not_share_a_task_hub_by_default()
    {
        // Act
        string functionsHub = LocalSettings.GetProperty("Values").GetProperty(AppSettingNames.TaskHub).GetString()!;
        string serverHub = DurableEngineOptions.Load(new ConfigurationBuilder().Build(), Repository.PathOf("host.json")).TaskHub;

        // Assert
        Assert.Equal("G7Flows", functionsHub);
        Assert.NotEqual(functionsHub, serverHub, StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public void Host_json_recovers_from_a_crash_as_quickly_as_the_server()
    {
        // Arrange: messages a dead worker had dequeued come back after the visibility timeout (the engine's default is 5 minutes).
        var server = new DurableEngineOptions();
        JsonElement storage = Host.GetProperty("extensions").GetProperty("durableTask").GetProperty("storageProvider");

        // Act
        TimeSpan control = TimeSpan.Parse(storage.GetProperty("controlQueueVisibilityTimeout").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        TimeSpan workItem = TimeSpan.Parse(storage.GetProperty("workItemQueueVisibilityTimeout").GetString()!, System.Globalization.CultureInfo.InvariantCulture);

        // Assert
        Assert.Equal(server.ControlQueueVisibilityTimeout, control);
        Assert.Equal(server.WorkItemQueueVisibilityTimeout, workItem);
        Assert.True(control < TimeSpan.FromMinutes(1), "A restart must not wait minutes for the dead worker's messages.");
    }

    [Fact]
    public void Host_json_has_no_extension_bundle_because_the_isolated_worker_brings_its_extensions()
    {
        // Act and Assert
        Assert.False(Host.TryGetProperty("extensionBundle", out _));
    }

    [Fact]
    public void The_sample_settings_run_the_isolated_worker_against_the_local_emulator()
    {
        // Act
        JsonElement values = LocalSettings.GetProperty("Values");

        // Assert
        Assert.False(LocalSettings.GetProperty("IsEncrypted").GetBoolean());
        Assert.Equal("UseDevelopmentStorage=true", values.GetProperty(AppSettingNames.Storage).GetString());
        Assert.Equal("UseDevelopmentStorage=true", values.GetProperty(AppSettingNames.DataStorage.Replace(":", "__", StringComparison.Ordinal)).GetString());
        Assert.Equal("dotnet-isolated", values.GetProperty("FUNCTIONS_WORKER_RUNTIME").GetString());
        Assert.Equal("G7Flows", values.GetProperty(AppSettingNames.TaskHub).GetString());
        Assert.Equal(string.Empty, values.GetProperty(AppSettingNames.ApplicationInsightsConnectionString).GetString());
    }

    [Fact]
    public void The_sample_settings_never_trust_the_Easy_Auth_header()
    {
        // Act
        string? easyAuth = LocalSettings.GetProperty("Values").TryGetProperty(AppSettingNames.EasyAuthEnabled, out JsonElement value) ? value.GetString() : null;

        // Assert
        Assert.NotEqual("true", easyAuth?.ToLowerInvariant());
    }

    [Fact]
    public void The_sample_settings_values_are_all_strings_as_Core_Tools_requires()
    {
        // Act
        var kinds = LocalSettings.GetProperty("Values").EnumerateObject().Select(p => (p.Name, p.Value.ValueKind));

        // Assert
        Assert.All(kinds, k => Assert.Equal(JsonValueKind.String, k.ValueKind));
    }

    [Fact]
    public void The_functions_app_doc_explains_every_setting()
    {
        // Arrange
        string doc = File.ReadAllText(Repository.PathOf("docs", "functions-app.md"));
        var settings = LocalSettings.GetProperty("Values").EnumerateObject().Select(p => p.Name)
            .Append(AppSettingNames.ApplicationInsightsAuthentication);

        // Act
        var missing = settings.Where(s => !doc.Contains($"| `{s}` |", StringComparison.Ordinal));

        // Assert
        Assert.Empty(missing);
        Assert.Contains("--skipApiVersionCheck", doc, StringComparison.Ordinal);
    }

    private static TimeSpan Duration(JsonElement section, string name) =>
        TimeSpan.Parse(section.GetProperty(name).GetString()!, System.Globalization.CultureInfo.InvariantCulture);

    private static JsonElement Read(string file)
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(Repository.PathOf(file)));
        return document.RootElement.Clone();
    }
}
