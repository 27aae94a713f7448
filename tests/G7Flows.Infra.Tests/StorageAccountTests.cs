using System.Text.Json;
using G7Flows.Infra.Tests.Support;

namespace G7Flows.Infra.Tests;

/// <summary>
/// Both storage accounts: the Functions host's and the Durable Task hub's (module storage) and G7Flows' own
/// data (module dataStorage). Each is hardened the same way; the data account also keeps versions, makes
/// published records immutable and logs every access.
/// </summary>
public sealed class StorageAccountTests
{
    public static TheoryData<string> Accounts => ["storage", "dataStorage"];

    private static TemplateResource Account(string module) => CompiledTemplate.SingleIn(module, "Microsoft.Storage/storageAccounts");

    private static JsonElement Property(string module, string name) => Account(module).Properties.GetProperty(name);

    private static TemplateResource Diagnostics(string service) =>
        Assert.Single(
            CompiledTemplate.ResourcesOf("dataStorage").Where(resource => resource.Type == "Microsoft.Insights/diagnosticSettings"),
            setting => setting.Scope == $"[resourceId('Microsoft.Storage/storageAccounts/{service}', parameters('name'), 'default')]");

    [Fact]
    public void Template_has_exactly_the_two_storage_accounts()
    {
        // Act
        var modules = CompiledTemplate.OfType("Microsoft.Storage/storageAccounts").Select(account => account.Module);

        // Assert
        Assert.Equal(["dataStorage", "storage"], modules.Order(StringComparer.Ordinal));
        Assert.Equal("[variables('storageAccountName')]", CompiledTemplate.ModuleParameter("storage", "name").GetString());
        Assert.Equal("[variables('dataStorageAccountName')]", CompiledTemplate.ModuleParameter("dataStorage", "name").GetString());
    }

    [Theory]
    [MemberData(nameof(Accounts))]
    public void Storage_account_refuses_shared_key_access(string module)
    {
        // Act
        var allowSharedKeyAccess = Property(module, "allowSharedKeyAccess").GetBoolean();

        // Assert
        Assert.False(allowSharedKeyAccess);
    }

    [Theory]
    [MemberData(nameof(Accounts))]
    public void Storage_account_defaults_to_microsoft_entra_authorization_in_the_portal(string module)
    {
        // Act
        var defaultToOAuth = Property(module, "defaultToOAuthAuthentication").GetBoolean();

        // Assert
        Assert.True(defaultToOAuth);
    }

    [Theory]
    [MemberData(nameof(Accounts))]
    public void Storage_account_accepts_https_only(string module)
    {
        // Act
        var httpsOnly = Property(module, "supportsHttpsTrafficOnly").GetBoolean();

        // Assert
        Assert.True(httpsOnly);
    }

    [Theory]
    [MemberData(nameof(Accounts))]
    public void Storage_account_requires_tls_1_2(string module)
    {
        // Act
        var minimumTlsVersion = Property(module, "minimumTlsVersion").GetString();

        // Assert
        Assert.Equal("TLS1_2", minimumTlsVersion);
    }

    [Theory]
    [MemberData(nameof(Accounts))]
    public void Storage_account_allows_no_public_blob_access_and_no_cross_tenant_replication(string module)
    {
        // Act
        var allowBlobPublicAccess = Property(module, "allowBlobPublicAccess").GetBoolean();
        var allowCrossTenantReplication = Property(module, "allowCrossTenantReplication").GetBoolean();

        // Assert
        Assert.False(allowBlobPublicAccess);
        Assert.False(allowCrossTenantReplication);
    }

    [Theory]
    [MemberData(nameof(Accounts))]
    public void Storage_account_refuses_public_networks_with_network_isolation(string module)
    {
        // Act
        var publicNetworkAccess = Property(module, "publicNetworkAccess").GetString();
        var networkAcls = Property(module, "networkAcls");

        // Assert
        Assert.Equal("[if(parameters('networkIsolation'), 'Disabled', 'Enabled')]", publicNetworkAccess);
        Assert.Equal("[if(parameters('networkIsolation'), 'Deny', 'Allow')]", networkAcls.GetProperty("defaultAction").GetString());
        Assert.Equal("[if(parameters('networkIsolation'), 'None', 'AzureServices')]", networkAcls.GetProperty("bypass").GetString());
        Assert.False(networkAcls.TryGetProperty("ipRules", out _));
        Assert.False(networkAcls.TryGetProperty("virtualNetworkRules", out _));
        Assert.Equal("[parameters('networkIsolation')]", CompiledTemplate.ModuleParameter(module, "networkIsolation").GetString());
    }

    [Fact]
    public void Every_blob_container_is_private()
    {
        // Arrange
        var containers = CompiledTemplate.OfType("Microsoft.Storage/storageAccounts/blobServices/containers").ToList();

        // Act
        var publicAccess = containers.Select(container => container.Properties.GetProperty("publicAccess").GetString());

        // Assert
        Assert.Equal(2, containers.Count);
        Assert.All(publicAccess, access => Assert.Equal("None", access));
    }

    [Fact]
    public void Data_account_keeps_blob_versions()
    {
        // Act
        var blobServices = CompiledTemplate.SingleIn("dataStorage", "Microsoft.Storage/storageAccounts/blobServices");

        // Assert
        Assert.True(blobServices.Properties.GetProperty("isVersioningEnabled").GetBoolean());
        Assert.True(blobServices.Properties.GetProperty("deleteRetentionPolicy").GetProperty("enabled").GetBoolean());
    }

    [Fact]
    public void Records_container_is_write_once_read_many_for_the_retention_period()
    {
        // Arrange
        var containers = CompiledTemplate.SingleIn("dataStorage", "Microsoft.Storage/storageAccounts/blobServices/containers");
        var policy = CompiledTemplate.SingleIn("dataStorage", "Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies");

        // Act
        var versionLevel = containers.Properties.GetProperty("immutableStorageWithVersioning").GetProperty("enabled").GetString();

        // Assert: version-level immutability on the records container only, with a default time-based policy.
        Assert.Equal("[equals(variables('storageNames').containers[copyIndex()], variables('recordsContainerName'))]", versionLevel);
        Assert.Equal(G7Flows.Workflows.Platform.Storage.StorageNames.RecordsContainer, containers.Variable("recordsContainerName").GetString());
        Assert.Equal(
            "[format('{0}/{1}/{2}/{3}', parameters('name'), 'default', variables('storageNames').containers[indexOf(variables('storageNames').containers, variables('recordsContainerName'))], 'default')]",
            policy.Name);
        Assert.Equal("[parameters('recordsRetentionDays')]", policy.Properties.GetProperty("immutabilityPeriodSinceCreationInDays").GetString());
        Assert.False(policy.Properties.GetProperty("allowProtectedAppendWrites").GetBoolean());
    }

    [Fact]
    public void Records_retention_is_ten_years_in_production_and_a_day_elsewhere()
    {
        // Act
        var retention = CompiledTemplate.MainParameter("recordsRetentionDays");

        // Assert
        Assert.Equal("[if(equals(parameters('environmentType'), 'prod'), 3650, 1)]", retention.GetProperty("defaultValue").GetString());
        Assert.Equal(1, retention.GetProperty("minValue").GetInt32());
        Assert.Equal("[parameters('recordsRetentionDays')]", CompiledTemplate.ModuleParameter("dataStorage", "recordsRetentionDays").GetString());
    }

    [Fact]
    public void A_locked_retention_policy_is_left_alone_by_provisioning()
    {
        // Act
        var policy = CompiledTemplate.SingleIn("dataStorage", "Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies");

        // Assert: a locked policy cannot be written again, so a redeployment must not try.
        Assert.Equal("[not(parameters('recordsRetentionLocked'))]", policy.Condition);
        Assert.False(CompiledTemplate.MainParameter("recordsRetentionLocked").GetProperty("defaultValue").GetBoolean());
        Assert.Equal("[parameters('recordsRetentionLocked')]", CompiledTemplate.ModuleParameter("dataStorage", "recordsRetentionLocked").GetString());
    }

    [Theory]
    [InlineData("blobServices")]
    [InlineData("tableServices")]
    public void Data_account_logs_every_read_write_and_delete_to_the_workspace(string service)
    {
        // Arrange
        var diagnostics = Diagnostics(service);

        // Act
        var categories = diagnostics.Resolve(diagnostics.Properties.GetProperty("logs")).EnumerateArray()
            .Where(log => log.GetProperty("enabled").GetBoolean())
            .Select(log => log.GetProperty("category").GetString());

        // Assert
        Assert.Equal(["StorageRead", "StorageWrite", "StorageDelete"], categories);
        Assert.Equal("[parameters('logAnalyticsId')]", diagnostics.Properties.GetProperty("workspaceId").GetString());
        Assert.EndsWith("'monitoring'), '2025-04-01').outputs.logAnalyticsId.value]", CompiledTemplate.ModuleParameter("dataStorage", "logAnalyticsId").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Host_account_holds_no_tables_or_containers_of_G7Flows()
    {
        // Act
        var tables = CompiledTemplate.ResourcesOf("storage").Where(resource => resource.Type == "Microsoft.Storage/storageAccounts/tableServices/tables");
        var container = CompiledTemplate.SingleIn("storage", "Microsoft.Storage/storageAccounts/blobServices/containers");

        // Assert: the only container is the deployment package's.
        Assert.Empty(tables);
        Assert.Contains("parameters('deploymentContainerName')", container.Name, StringComparison.Ordinal);
    }
}
