using System.Text.Json;
using G7Flows.Infra.Tests.Support;
using G7Flows.Workflows.Platform.Hosting;

namespace G7Flows.Infra.Tests;

public sealed class AppSettingsTests
{
    public static TheoryData<string> RequiredSettings => [.. AppSettingNames.RequiredIdentityBasedFunctionSettings];

    private static TemplateResource AppSettings =>
        Assert.Single(CompiledTemplate.OfType("Microsoft.Web/sites/config"), config => config.Name.Contains("'appsettings'", StringComparison.Ordinal));

    private static string Setting(string name) => AppSettings.Properties.GetProperty(name).GetString()!;

    /// <summary>
    /// The prefix of the identity-based connection to G7Flows' own storage account (tables and containers),
    /// apart from the Functions host's AzureWebJobsStorage. Same keys as AzureWebJobsStorage.
    /// </summary>
    private const string DataStorage = "G7Flows__DataStorage";

    [Theory]
    [MemberData(nameof(RequiredSettings))]
    public void Function_app_settings_provide_a_setting_the_app_needs_at_startup(string name)
    {
        // Act
        var provided = AppSettings.Properties.TryGetProperty(name, out var value);

        // Assert
        Assert.True(provided, $"The function app settings lack {name}.");
        Assert.False(string.IsNullOrWhiteSpace(value.GetString()), $"{name} is empty.");
    }

    [Fact]
    public void Storage_connection_authenticates_with_the_user_assigned_identity()
    {
        // Act
        var credential = Setting($"{AppSettingNames.Storage}__credential");
        var clientId = Setting($"{AppSettingNames.Storage}__clientId");

        // Assert
        Assert.Equal("managedidentity", credential);
        Assert.Equal("[parameters('identityClientId')]", clientId);
        Assert.Contains("outputs.clientId.value", CompiledTemplate.ModuleParameter("api", "identityClientId").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("blob")]
    [InlineData("queue")]
    [InlineData("table")]
    public void Host_storage_service_uri_is_the_host_storage_account_endpoint(string service)
    {
        // Act
        var uri = Setting($"{AppSettingNames.Storage}__{service}ServiceUri");

        // Assert
        Assert.Equal($"[reference(resourceId('Microsoft.Storage/storageAccounts', parameters('storageAccountName')), '2023-05-01').primaryEndpoints.{service}]", uri);
    }

    [Theory]
    [InlineData("credential", "managedidentity")]
    [InlineData("clientId", "[parameters('identityClientId')]")]
    [InlineData("blobServiceUri", "[reference(resourceId('Microsoft.Storage/storageAccounts', parameters('dataStorageAccountName')), '2023-05-01').primaryEndpoints.blob]")]
    [InlineData("tableServiceUri", "[reference(resourceId('Microsoft.Storage/storageAccounts', parameters('dataStorageAccountName')), '2023-05-01').primaryEndpoints.table]")]
    public void Data_storage_settings_point_to_the_data_account_with_the_identity(string key, string expected)
    {
        // Act
        var value = Setting($"{DataStorage}__{key}");

        // Assert
        Assert.Equal(expected, value);
    }

    [Fact]
    public void Data_storage_settings_are_the_only_settings_under_their_prefix()
    {
        // Act
        var names = AppSettings.Properties.EnumerateObject().Select(setting => setting.Name)
            .Where(name => name.StartsWith(DataStorage, StringComparison.Ordinal));

        // Assert: no queue endpoint (G7Flows' own data has no queues) and no connection string.
        Assert.Equal(
            [$"{DataStorage}__credential", $"{DataStorage}__clientId", $"{DataStorage}__blobServiceUri", $"{DataStorage}__tableServiceUri"],
            names);
    }

    [Fact]
    public void Task_hub_app_setting_is_the_one_host_json_reads_and_names_G7Flows()
    {
        // Arrange: host.json names the hub through an app setting, %Name%.
        using var hostJson = JsonDocument.Parse(Repository.ReadAllText("host.json"));
        var hubName = hostJson.RootElement.GetProperty("extensions").GetProperty("durableTask").GetProperty("hubName").GetString()!;

        // Act
        var setting = hubName.Trim('%');
        var taskHub = Setting(setting);
        var passed = CompiledTemplate.ModuleParameter("api", "taskHubName").GetString()!;

        // Assert
        Assert.Equal($"%{AppSettingNames.TaskHub}%", hubName);
        Assert.Equal("[parameters('taskHubName')]", taskHub);
        Assert.Equal("[variables('taskHubName')]", passed);
        Assert.Equal("G7Flows", CompiledTemplate.Variable(CompiledTemplate.Main, "taskHubName").GetString());
        Assert.Equal("[variables('serverTaskHubName')]", CompiledTemplate.ModuleParameter("server", "taskHubName").GetString());
        Assert.Equal("G7FlowsServer", CompiledTemplate.Variable(CompiledTemplate.Main, "serverTaskHubName").GetString());
        Assert.Equal("[variables('taskHubName')]", CompiledTemplate.Output("G7FLOWS_TASK_HUB").GetProperty("value").GetString());
    }

    [Fact]
    public void Application_insights_authenticates_with_the_user_assigned_identity()
    {
        // Act
        var authentication = Setting(AppSettingNames.ApplicationInsightsAuthentication);
        var connectionString = Setting(AppSettingNames.ApplicationInsightsConnectionString);

        // Assert
        Assert.Equal("[format('Authorization=AAD;ClientId={0}', parameters('identityClientId'))]", authentication);
        Assert.Equal("[reference(resourceId('Microsoft.Insights/components', parameters('applicationInsightsName')), '2020-02-02').ConnectionString]", connectionString);
    }

    [Fact]
    public void Application_insights_connection_string_is_the_component_s_and_needs_a_token_to_be_used()
    {
        // Arrange: the connection string holds the component's instrumentation key, which is no secret only
        // because the component refuses telemetry that carries no Microsoft Entra token.
        var component = CompiledTemplate.Single("Microsoft.Insights/components");

        // Act
        var connectionString = Setting(AppSettingNames.ApplicationInsightsConnectionString);

        // Assert
        Assert.Equal("[reference(resourceId('Microsoft.Insights/components', parameters('applicationInsightsName')), '2020-02-02').ConnectionString]", connectionString);
        Assert.True(component.Properties.GetProperty("DisableLocalAuth").GetBoolean());
        Assert.Equal("[format('Authorization=AAD;ClientId={0}', parameters('identityClientId'))]", Setting(AppSettingNames.ApplicationInsightsAuthentication));
    }

    [Theory]
    [InlineData("FUNCTIONS_WORKER_RUNTIME")]
    [InlineData("FUNCTIONS_EXTENSION_VERSION")]
    [InlineData("AzureWebJobsStorage")]
    [InlineData("APPINSIGHTS_INSTRUMENTATIONKEY")]
    public void Function_app_settings_leave_out_a_setting_flex_consumption_or_keyless_access_forbids(string name)
    {
        // Act
        var present = AppSettings.Properties.EnumerateObject().Any(setting => setting.Name == name);

        // Assert
        Assert.False(present, $"{name} must not be an app setting.");
    }

    [Fact]
    public void The_hosts_default_home_page_is_off_so_the_web_app_answers_the_root()
    {
        // Act
        var value = Setting("AzureWebJobsDisableHomepage");

        // Assert
        Assert.Equal("true", value);
    }

    [Fact]
    public void Every_app_setting_value_is_a_string()
    {
        // Act
        var kinds = AppSettings.Properties.EnumerateObject().Select(setting => setting.Value.ValueKind).Distinct();

        // Assert
        Assert.Equal([JsonValueKind.String], kinds);
    }
}
