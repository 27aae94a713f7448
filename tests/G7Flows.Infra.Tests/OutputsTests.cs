using System.Text.RegularExpressions;
using G7Flows.Infra.Tests.Support;

namespace G7Flows.Infra.Tests;

/// <summary>The outputs azd stores in the environment's .env file and docs/deploy.md refers to.</summary>
public sealed partial class OutputsTests
{
    /// <summary>An output that passes on a module's output, and what that module output must be.</summary>
    public static TheoryData<string, string, string, string> ModuleOutputs => new()
    {
        { "AZURE_FUNCTION_APP_NAME", "api", "name", "[parameters('name')]" },
        { "SERVICE_API_NAME", "api", "name", "[parameters('name')]" },
        { "AZURE_FUNCTION_APP_URI", "api", "uri", "[format('https://{0}', reference(resourceId('Microsoft.Web/sites', parameters('name')), '2024-04-01').defaultHostName)]" },
        { "AZURE_MANAGED_IDENTITY_CLIENT_ID", "identity", "clientId", "[reference(resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', parameters('name')), '2023-01-31').clientId]" },
        { "AZURE_STORAGE_ACCOUNT_NAME", "storage", "name", "[parameters('name')]" },
        { "AZURE_STORAGE_BLOB_ENDPOINT", "storage", "blobEndpoint", "[reference(resourceId('Microsoft.Storage/storageAccounts', parameters('name')), '2023-05-01').primaryEndpoints.blob]" },
        { "AZURE_STORAGE_QUEUE_ENDPOINT", "storage", "queueEndpoint", "[reference(resourceId('Microsoft.Storage/storageAccounts', parameters('name')), '2023-05-01').primaryEndpoints.queue]" },
        { "AZURE_STORAGE_TABLE_ENDPOINT", "storage", "tableEndpoint", "[reference(resourceId('Microsoft.Storage/storageAccounts', parameters('name')), '2023-05-01').primaryEndpoints.table]" },
        { "AZURE_DATA_STORAGE_ACCOUNT_NAME", "dataStorage", "name", "[parameters('name')]" },
        { "AZURE_DATA_STORAGE_BLOB_ENDPOINT", "dataStorage", "blobEndpoint", "[reference(resourceId('Microsoft.Storage/storageAccounts', parameters('name')), '2023-05-01').primaryEndpoints.blob]" },
        { "AZURE_DATA_STORAGE_TABLE_ENDPOINT", "dataStorage", "tableEndpoint", "[reference(resourceId('Microsoft.Storage/storageAccounts', parameters('name')), '2023-05-01').primaryEndpoints.table]" },
        { "APPLICATIONINSIGHTS_NAME", "monitoring", "applicationInsightsName", "[parameters('applicationInsightsName')]" },
        { "AZURE_LOG_ANALYTICS_NAME", "monitoring", "logAnalyticsName", "[parameters('logAnalyticsName')]" },
    };

    /// <summary>An output computed in main.bicep itself.</summary>
    public static TheoryData<string, string> MainOutputs => new()
    {
        { "AZURE_LOCATION", "[parameters('location')]" },
        { "AZURE_TENANT_ID", "[tenant().tenantId]" },
        { "AZURE_RESOURCE_GROUP", "[format('{0}{1}', variables('abbreviations').resourceGroup, parameters('environmentName'))]" },
        { "AZURE_ENVIRONMENT_TYPE", "[parameters('environmentType')]" },
        { "G7FLOWS_TASK_HUB", "[variables('taskHubName')]" },
        { "AUTH_CLIENT_ID", "[parameters('authClientId')]" },
        { "AUTH_TENANT_ID", "[variables('effectiveAuthTenantId')]" },
        { "AUTH_AUDIENCE", "[format('api://{0}', parameters('authClientId'))]" },
    };

    private static (string Module, string Output) Source(string expression)
    {
        var match = ModuleOutputPattern().Match(expression);
        Assert.True(match.Success, $"{expression} does not read a module output.");
        return (match.Groups["module"].Value, match.Groups["output"].Value);
    }

    [Theory]
    [MemberData(nameof(ModuleOutputs))]
    public void Template_output_passes_on_the_right_module_output(string name, string module, string moduleOutput, string expected)
    {
        // Act
        var output = CompiledTemplate.Output(name);
        var source = Source(output.GetProperty("value").GetString()!);

        // Assert
        Assert.Equal("string", output.GetProperty("type").GetString());
        Assert.Equal((module, moduleOutput), source);
        Assert.Equal(expected, CompiledTemplate.ModuleOutput(module, moduleOutput));
    }

    [Theory]
    [MemberData(nameof(MainOutputs))]
    public void Template_output_is_computed_in_main(string name, string expected)
    {
        // Act
        var output = CompiledTemplate.Output(name);

        // Assert
        Assert.Equal("string", output.GetProperty("type").GetString());
        Assert.Equal(expected, output.GetProperty("value").GetString());
    }

    [Fact]
    public void Every_output_is_tested()
    {
        // Arrange
        var tested = ModuleOutputs.Select(row => (string)row[0]).Concat(MainOutputs.Select(row => (string)row[0]))
            .Concat(["SERVICE_API_URI", "SERVER_URI", "AZURE_NETWORK_ISOLATION"]);

        // Act
        var outputs = CompiledTemplate.Main.GetProperty("outputs").EnumerateObject().Select(output => output.Name);

        // Assert
        Assert.Equal(tested.Order(StringComparer.Ordinal), outputs.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Service_uri_is_front_door_when_deployed_and_the_function_app_otherwise()
    {
        // Act
        var value = CompiledTemplate.Output("SERVICE_API_URI").GetProperty("value").GetString()!;
        var branches = ModuleOutputPattern().Matches(value).Select(match => (match.Groups["module"].Value, match.Groups["output"].Value));

        // Assert
        Assert.StartsWith("[if(parameters('deployFrontDoor'), ", value, StringComparison.Ordinal);
        Assert.Equal([("frontDoorRoute", "uri"), ("api", "uri")], branches);
        Assert.Equal("[format('https://{0}', reference(resourceId('Microsoft.Cdn/profiles/afdEndpoints', parameters('profileName'), parameters('endpointName')), '2024-02-01').hostName)]", CompiledTemplate.ModuleOutput("frontDoorRoute", "uri"));
    }

    [Fact]
    public void Network_isolation_output_is_the_parameter()
    {
        // Act
        var output = CompiledTemplate.Output("AZURE_NETWORK_ISOLATION");

        // Assert
        Assert.Equal("bool", output.GetProperty("type").GetString());
        Assert.Equal("[parameters('networkIsolation')]", output.GetProperty("value").GetString());
    }

    [Fact]
    public void Server_uri_is_the_container_app_url_and_empty_without_it()
    {
        // Act
        var value = CompiledTemplate.Output("SERVER_URI").GetProperty("value").GetString()!;

        // Assert
        Assert.StartsWith("[if(parameters('deployContainerApp'), ", value, StringComparison.Ordinal);
        Assert.EndsWith(", '')]", value, StringComparison.Ordinal);
        Assert.Equal(("server", "uri"), Source(value));
        Assert.Equal("[format('https://{0}', reference(resourceId('Microsoft.App/containerApps', parameters('name')), '2024-03-01').configuration.ingress.fqdn)]", CompiledTemplate.ModuleOutput("server", "uri"));
    }

    [GeneratedRegex(@"'Microsoft\.Resources/deployments', '(?<module>\w+)'\), '[^']+'\)\.outputs\.(?<output>\w+)\.value")]
    private static partial Regex ModuleOutputPattern();
}
