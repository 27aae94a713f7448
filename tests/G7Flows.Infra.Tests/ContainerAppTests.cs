using System.Text.Json;
using G7Flows.Infra.Tests.Support;
using G7Flows.Workflows.Platform.Hosting;

namespace G7Flows.Infra.Tests;

/// <summary>The optional self-hosted server as an Azure Container App.</summary>
public sealed class ContainerAppTests
{
    public static TheoryData<string> RequiredSettings => [.. AppSettingNames.RequiredIdentityBasedFunctionSettings];

    private static TemplateResource ContainerApp => CompiledTemplate.Single("Microsoft.App/containerApps");

    private static JsonElement Container =>
        Assert.Single(ContainerApp.Properties.GetProperty("template").GetProperty("containers").EnumerateArray());

    private static Dictionary<string, string> Environment =>
        Container.GetProperty("env").EnumerateArray().ToDictionary(
            variable => variable.GetProperty("name").GetString()!,
            variable => variable.GetProperty("value").GetString()!,
            StringComparer.Ordinal);

    [Fact]
    public void Container_app_is_deployed_only_when_deployContainerApp_is_true()
    {
        // Act
        var condition = CompiledTemplate.Module("server").Condition;
        var parameter = CompiledTemplate.MainParameter("deployContainerApp");

        // Assert
        Assert.Equal("server", ContainerApp.Module);
        Assert.Equal("[parameters('deployContainerApp')]", condition);
        Assert.Equal("bool", parameter.GetProperty("type").GetString());
        Assert.False(parameter.GetProperty("defaultValue").GetBoolean());
    }

    [Theory]
    [MemberData(nameof(RequiredSettings))]
    public void Container_app_environment_provides_a_setting_the_app_needs_at_startup(string name)
    {
        // Act
        var provided = Environment.TryGetValue(name, out var value);

        // Assert
        Assert.True(provided, $"The container app environment lacks {name}.");
        Assert.False(string.IsNullOrWhiteSpace(value));
    }

    [Fact]
    public void Container_app_reaches_storage_with_the_same_identity_as_the_function_app()
    {
        // Act
        var environment = Environment;
        var identities = ContainerApp.Json.GetProperty("identity").GetProperty("userAssignedIdentities").EnumerateObject().Select(identity => identity.Name);

        // Assert
        Assert.Equal("managedidentity", environment["AzureWebJobsStorage__credential"]);
        Assert.Equal("[parameters('identityClientId')]", environment["AzureWebJobsStorage__clientId"]);
        Assert.Equal(["[format('{0}', parameters('identityId'))]"], identities);
        Assert.Equal(CompiledTemplate.ModuleParameter("api", "identityId").GetString(), CompiledTemplate.ModuleParameter("server", "identityId").GetString());
        Assert.Equal(CompiledTemplate.ModuleParameter("api", "storageAccountName").GetString(), CompiledTemplate.ModuleParameter("server", "storageAccountName").GetString());
        Assert.NotEqual(CompiledTemplate.ModuleParameter("api", "taskHubName").GetString(), CompiledTemplate.ModuleParameter("server", "taskHubName").GetString());
    }

    [Fact]
    public void Container_app_answers_only_for_its_own_host_name()
    {
        // Act
        string allowed = Environment["AllowedHosts"];

        // Assert
        Assert.DoesNotContain("*", allowed, StringComparison.Ordinal);
        Assert.Contains("defaultDomain", allowed, StringComparison.Ordinal);
    }

    [Fact]
    public void Container_app_validates_bearer_tokens_issued_for_the_app_registration()
    {
        // Act
        var environment = Environment;

        // Assert
        Assert.Equal("[format('{0}{1}/v2.0', environment().authentication.loginEndpoint, parameters('authTenantId'))]", environment["Authentication__Schemes__Bearer__Authority"]);
        Assert.Equal("[format('api://{0}', parameters('authClientId'))]", environment["Authentication__Schemes__Bearer__ValidAudiences__0"]);
        Assert.Equal("[parameters('authClientId')]", environment["Authentication__Schemes__Bearer__ValidAudiences__1"]);
    }

    [Fact]
    public void Container_app_serves_https_on_the_server_port_8080()
    {
        // Act
        var ingress = ContainerApp.Properties.GetProperty("configuration").GetProperty("ingress");

        // Assert
        Assert.True(ingress.GetProperty("external").GetBoolean());
        Assert.Equal(8080, ingress.GetProperty("targetPort").GetInt32());
        Assert.False(ingress.GetProperty("allowInsecure").GetBoolean());
    }

    [Fact]
    public void Container_app_runs_the_serverImage_parameter()
    {
        // Act
        var image = Container.GetProperty("image").GetString();
        var defaultImage = CompiledTemplate.MainParameter("serverImage").GetProperty("defaultValue").GetString();

        // Assert
        Assert.Equal("[parameters('image')]", image);
        Assert.Equal("[parameters('serverImage')]", CompiledTemplate.ModuleParameter("server", "image").GetString());
        Assert.False(string.IsNullOrWhiteSpace(defaultImage));
    }

    [Fact]
    public void Container_app_keeps_one_replica_running_for_the_durable_engine()
    {
        // Act
        var scale = ContainerApp.Properties.GetProperty("template").GetProperty("scale");

        // Assert
        Assert.Equal("[parameters('minReplicas')]", scale.GetProperty("minReplicas").GetString());
        Assert.True(ContainerApp.ParameterDefault("minReplicas").GetInt32() >= 1);
    }

    [Fact]
    public void Container_apps_environment_logs_to_the_shared_workspace_without_a_key()
    {
        // Arrange
        var environment = CompiledTemplate.Single("Microsoft.App/managedEnvironments");
        var diagnostics = CompiledTemplate.SingleIn("server", "Microsoft.Insights/diagnosticSettings");

        // Act
        var destination = environment.Properties.GetProperty("appLogsConfiguration").GetProperty("destination").GetString();

        // Assert
        Assert.Equal("azure-monitor", destination);
        Assert.Equal("[parameters('logAnalyticsId')]", diagnostics.Properties.GetProperty("workspaceId").GetString());
        Assert.Contains("'monitoring'", CompiledTemplate.ModuleParameter("server", "logAnalyticsId").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Container_app_reaches_the_data_account_like_the_function_app()
    {
        // Act
        var environment = Environment;

        // Assert
        Assert.Equal("managedidentity", environment["G7Flows__DataStorage__credential"]);
        Assert.Equal("[parameters('identityClientId')]", environment["G7Flows__DataStorage__clientId"]);
        Assert.Equal("[reference(resourceId('Microsoft.Storage/storageAccounts', parameters('dataStorageAccountName')), '2023-05-01').primaryEndpoints.blob]", environment["G7Flows__DataStorage__blobServiceUri"]);
        Assert.Equal("[reference(resourceId('Microsoft.Storage/storageAccounts', parameters('dataStorageAccountName')), '2023-05-01').primaryEndpoints.table]", environment["G7Flows__DataStorage__tableServiceUri"]);
        Assert.Equal(CompiledTemplate.ModuleParameter("api", "dataStorageAccountName").GetString(), CompiledTemplate.ModuleParameter("server", "dataStorageAccountName").GetString());
    }

    [Fact]
    public void Container_apps_environment_joins_the_server_subnet_with_network_isolation()
    {
        // Act
        var vnet = CompiledTemplate.Single("Microsoft.App/managedEnvironments").Properties.GetProperty("vnetConfiguration").GetString();
        var passed = CompiledTemplate.ModuleParameter("server", "infrastructureSubnetId").GetString()!;

        // Assert
        Assert.Equal("[if(empty(parameters('infrastructureSubnetId')), null(), createObject('infrastructureSubnetId', parameters('infrastructureSubnetId'), 'internal', false()))]", vnet);
        Assert.StartsWith("[if(parameters('networkIsolation'), createObject('value', reference(", passed, StringComparison.Ordinal);
        Assert.EndsWith("'network'), '2025-04-01').outputs.serverSubnetId.value), createObject('value', ''))]", passed, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rbac")]
    [InlineData("registryPull")]
    [InlineData("storageEndpoints")]
    [InlineData("dataStorageEndpoints")]
    public void Container_app_is_created_after(string module)
    {
        // Act
        var dependsOn = CompiledTemplate.Module("server").DependsOn;

        // Assert: storage roles and AcrPull before the first revision pulls the image and starts.
        Assert.Contains(dependsOn, id => id.EndsWith($"'Microsoft.Resources/deployments', '{module}')]", StringComparison.Ordinal));
    }

    [Fact]
    public void Container_app_pulls_from_the_registry_with_the_identity()
    {
        // Act
        var registries = ContainerApp.Properties.GetProperty("configuration").GetProperty("registries").GetString();

        // Assert
        Assert.Equal("[if(empty(parameters('registryServer')), createArray(), createArray(createObject('server', parameters('registryServer'), 'identity', parameters('identityId'))))]", registries);
        Assert.Equal("[parameters('serverRegistryServer')]", CompiledTemplate.ModuleParameter("server", "registryServer").GetString());
    }
}
