using G7Flows.Infra.Tests.Support;

namespace G7Flows.Infra.Tests;

public sealed class FunctionAppTests
{
    private static TemplateResource FunctionApp => CompiledTemplate.Single("Microsoft.Web/sites");

    private static System.Text.Json.JsonElement SiteConfig => FunctionApp.Properties.GetProperty("siteConfig");

    /// <summary>The resource id ARM gives a sites/config or policy resource of the app, as other resources name it in dependsOn.</summary>
    private static string ConfigId(string type, string name) => $"[resourceId('{type}', parameters('name'), '{name}')]";

    private static string DeploymentId(string module) =>
        $"[extensionResourceId(format('/subscriptions/{{0}}/resourceGroups/{{1}}', subscription().subscriptionId, format('{{0}}{{1}}', variables('abbreviations').resourceGroup, parameters('environmentName'))), 'Microsoft.Resources/deployments', '{module}')]";

    [Fact]
    public void Function_app_runs_on_a_flex_consumption_plan()
    {
        // Arrange
        var plan = CompiledTemplate.Single("Microsoft.Web/serverfarms");

        // Act
        var sku = plan.Json.GetProperty("sku");

        // Assert
        Assert.Equal("FC1", sku.GetProperty("name").GetString());
        Assert.Equal("FlexConsumption", sku.GetProperty("tier").GetString());
        Assert.True(plan.Properties.GetProperty("reserved").GetBoolean());
        Assert.Contains("parameters('planName')", FunctionApp.Properties.GetProperty("serverFarmId").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Function_app_runs_dotnet_isolated_10()
    {
        // Act
        var runtime = FunctionApp.Properties.GetProperty("functionAppConfig").GetProperty("runtime");

        // Assert
        Assert.Equal("dotnet-isolated", runtime.GetProperty("name").GetString());
        Assert.Equal("10.0", runtime.GetProperty("version").GetString());
    }

    [Fact]
    public void Function_app_runs_as_the_user_assigned_identity()
    {
        // Act
        var identity = FunctionApp.Json.GetProperty("identity");
        var identities = identity.GetProperty("userAssignedIdentities").EnumerateObject().Select(property => property.Name);

        // Assert
        Assert.Equal("UserAssigned", identity.GetProperty("type").GetString());
        Assert.Equal(["[format('{0}', parameters('identityId'))]"], identities);
        Assert.Contains("'identity'", CompiledTemplate.ModuleParameter("api", "identityId").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Function_app_accepts_https_only()
    {
        // Act
        var httpsOnly = FunctionApp.Properties.GetProperty("httpsOnly").GetBoolean();

        // Assert
        Assert.True(httpsOnly);
    }

    [Fact]
    public void Function_app_pulls_its_package_from_storage_with_the_identity()
    {
        // Act
        var storage = FunctionApp.Properties.GetProperty("functionAppConfig").GetProperty("deployment").GetProperty("storage");
        var authentication = storage.GetProperty("authentication");

        // Assert
        Assert.Equal("blobContainer", storage.GetProperty("type").GetString());
        Assert.Contains("parameters('deploymentContainerName')", storage.GetProperty("value").GetString(), StringComparison.Ordinal);
        Assert.Equal("UserAssignedIdentity", authentication.GetProperty("type").GetString());
        Assert.Equal("[parameters('identityId')]", authentication.GetProperty("userAssignedIdentityResourceId").GetString());
    }

    [Fact]
    public void Function_app_is_tagged_as_the_azd_api_service()
    {
        // Act
        var tags = FunctionApp.Json.GetProperty("tags").GetString();

        // Assert
        Assert.Contains("'azd-service-name', parameters('serviceName')", tags, StringComparison.Ordinal);
        Assert.Equal("api", FunctionApp.ParameterDefault("serviceName").GetString());
    }

    [Fact]
    public void Function_app_refuses_basic_auth_publishing()
    {
        // Act
        var policies = CompiledTemplate.OfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies").ToList();

        // Assert
        Assert.Equal(2, policies.Count);
        Assert.All(policies, policy => Assert.False(policy.Properties.GetProperty("allow").GetBoolean()));
    }

    [Fact]
    public void Site_configuration_writes_run_one_after_another()
    {
        // Arrange
        var appSettings = Assert.Single(CompiledTemplate.OfType("Microsoft.Web/sites/config"), config => config.Name.Contains("'appsettings'", StringComparison.Ordinal));
        var authSettings = Assert.Single(CompiledTemplate.OfType("Microsoft.Web/sites/config"), config => config.Name.Contains("'authsettingsV2'", StringComparison.Ordinal));
        var policies = CompiledTemplate.OfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies").ToList();
        var ftp = Assert.Single(policies, policy => policy.Name.Contains("'ftp'", StringComparison.Ordinal));
        var scm = Assert.Single(policies, policy => policy.Name.Contains("'scm'", StringComparison.Ordinal));

        // Act / Assert: app settings, then authentication, then the publishing policies, one at a time.
        Assert.Equal(["[resourceId('Microsoft.Web/sites', parameters('name'))]"], appSettings.DependsOn);
        Assert.Contains(ConfigId("Microsoft.Web/sites/config", "appsettings"), authSettings.DependsOn);
        Assert.Contains(ConfigId("Microsoft.Web/sites/config", "authsettingsV2"), ftp.DependsOn);
        Assert.Contains(ConfigId("Microsoft.Web/sites/basicPublishingCredentialsPolicies", "ftp"), scm.DependsOn);
    }

    [Theory]
    [InlineData("rbac")]
    [InlineData("storageEndpoints")]
    [InlineData("dataStorageEndpoints")]
    public void Function_app_is_created_after(string module)
    {
        // Act: the host's first storage calls need its roles (and, in a private network, the private endpoints).
        var dependsOn = CompiledTemplate.Module("api").DependsOn;

        // Assert
        Assert.Contains(DeploymentId(module), dependsOn);
    }

    [Fact]
    public void Role_assignments_of_the_app_identity_are_all_in_the_module_the_app_waits_for()
    {
        // Act
        var modules = CompiledTemplate.OfType("Microsoft.Authorization/roleAssignments")
            .Where(assignment => assignment.Properties.GetProperty("principalType").GetString() == "ServicePrincipal")
            .Select(assignment => assignment.Module)
            .Distinct();

        // Assert: the AcrPull assignment is the server's, which waits for it too (ContainerAppTests).
        Assert.Equal(["rbac", "registryPull"], modules.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Durable_trigger_group_has_one_always_ready_instance_by_default()
    {
        // Act
        var alwaysReady = FunctionApp.Properties.GetProperty("functionAppConfig").GetProperty("scaleAndConcurrency").GetProperty("alwaysReady").GetString();
        var parameter = CompiledTemplate.MainParameter("alwaysReadyDurableInstances");

        // Assert
        Assert.Equal(
            "[if(equals(parameters('alwaysReadyDurableInstances'), 0), createArray(), createArray(createObject('name', 'durable', 'instanceCount', parameters('alwaysReadyDurableInstances'))))]",
            alwaysReady);
        Assert.Equal("[parameters('alwaysReadyDurableInstances')]", CompiledTemplate.ModuleParameter("api", "alwaysReadyDurableInstances").GetString());
        Assert.Equal(1, parameter.GetProperty("defaultValue").GetInt32());
        Assert.Equal(0, parameter.GetProperty("minValue").GetInt32());
    }

    [Fact]
    public void Function_app_requires_tls_1_2()
    {
        // Act
        var minTlsVersion = SiteConfig.GetProperty("minTlsVersion").GetString();

        // Assert
        Assert.Equal("1.2", minTlsVersion);
    }

    [Fact]
    public void Function_app_joins_the_app_subnet_only_with_network_isolation()
    {
        // Act
        var subnet = FunctionApp.Properties.GetProperty("virtualNetworkSubnetId").GetString();
        var passed = CompiledTemplate.ModuleParameter("api", "virtualNetworkSubnetId").GetString()!;

        // Assert
        Assert.Equal("[if(empty(parameters('virtualNetworkSubnetId')), null(), parameters('virtualNetworkSubnetId'))]", subnet);
        Assert.StartsWith("[if(parameters('networkIsolation'), createObject('value', reference(", passed, StringComparison.Ordinal);
        Assert.EndsWith("'network'), '2025-04-01').outputs.appSubnetId.value), createObject('value', ''))]", passed, StringComparison.Ordinal);
    }

    [Fact]
    public void Scm_site_is_closed_to_all_but_the_allowed_ranges_with_network_isolation()
    {
        // Act
        var useMain = SiteConfig.GetProperty("scmIpSecurityRestrictionsUseMain").GetBoolean();
        var defaultAction = SiteConfig.GetProperty("scmIpSecurityRestrictionsDefaultAction").GetString();
        var rules = SiteConfig.GetProperty("scmIpSecurityRestrictions").GetString()!;

        // Assert
        Assert.False(useMain);
        Assert.Equal("[if(parameters('restrictScm'), 'Deny', 'Allow')]", defaultAction);
        Assert.StartsWith("[if(parameters('restrictScm'), map(range(0, length(parameters('scmAllowedIpRanges')))", rules, StringComparison.Ordinal);
        Assert.Contains("'action', 'Allow'", rules, StringComparison.Ordinal);
        Assert.Contains("'ipAddress', parameters('scmAllowedIpRanges')[lambdaVariables('index')]", rules, StringComparison.Ordinal);
        Assert.Equal("[parameters('networkIsolation')]", CompiledTemplate.ModuleParameter("api", "restrictScm").GetString());
        Assert.Equal("[variables('scmAllowedIpRangeList')]", CompiledTemplate.ModuleParameter("api", "scmAllowedIpRanges").GetString());
    }

    [Fact]
    public void Behind_front_door_the_app_accepts_only_requests_from_that_profile()
    {
        // Act
        var defaultAction = SiteConfig.GetProperty("ipSecurityRestrictionsDefaultAction").GetString();
        var rules = SiteConfig.GetProperty("ipSecurityRestrictions").GetString();

        // Assert: Front Door's service tag alone would admit every Front Door customer; the X-Azure-FDID header pins this profile.
        Assert.Equal("[if(empty(parameters('frontDoorId')), 'Allow', 'Deny')]", defaultAction);
        Assert.Equal(
            "[if(empty(parameters('frontDoorId')), createArray(), createArray(createObject('name', 'front-door-only', 'action', 'Allow', 'priority', 100, 'tag', 'ServiceTag', 'ipAddress', 'AzureFrontDoor.Backend', 'headers', createObject('x-azure-fdid', createArray(parameters('frontDoorId'))))))]",
            rules);
        Assert.EndsWith("'frontDoor'), '2025-04-01').outputs.frontDoorId.value), createObject('value', ''))]", CompiledTemplate.ModuleParameter("api", "frontDoorId").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Function_app_logs_go_to_the_workspace()
    {
        // Act
        var diagnostics = CompiledTemplate.SingleIn("api", "Microsoft.Insights/diagnosticSettings");
        var logs = diagnostics.Properties.GetProperty("logs").EnumerateArray().Select(log => log.GetProperty("categoryGroup").GetString());

        // Assert
        Assert.Equal("[resourceId('Microsoft.Web/sites', parameters('name'))]", diagnostics.Scope);
        Assert.Equal("[parameters('logAnalyticsId')]", diagnostics.Properties.GetProperty("workspaceId").GetString());
        Assert.Equal(["allLogs"], logs);
        Assert.EndsWith("'monitoring'), '2025-04-01').outputs.logAnalyticsId.value]", CompiledTemplate.ModuleParameter("api", "logAnalyticsId").GetString(), StringComparison.Ordinal);
    }
}
