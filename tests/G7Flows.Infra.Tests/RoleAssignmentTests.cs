using System.Text.RegularExpressions;
using G7Flows.Infra.Tests.Support;

namespace G7Flows.Infra.Tests;

/// <summary>
/// Exactly the data roles the app needs, each on the right one of the two storage accounts; the deployer's
/// copies only when asked for; Monitoring Metrics Publisher for identity-based telemetry; AcrPull for the
/// server's image.
/// </summary>
public sealed partial class RoleAssignmentTests
{
    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string StorageBlobDataContributor = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";
    private const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";
    private const string AcrPull = "7f951dda-4ed3-4680-a7ca-43fe172d538d";

    private const string HostStorageScope = "[resourceId('Microsoft.Storage/storageAccounts', parameters('storageAccountName'))]";
    private const string DataStorageScope = "[resourceId('Microsoft.Storage/storageAccounts', parameters('dataStorageAccountName'))]";
    private const string AppPrincipal = "[reference(resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', parameters('identityName')), '2023-01-31').principalId]";

    private static List<TemplateResource> Assignments => [.. CompiledTemplate.OfType("Microsoft.Authorization/roleAssignments")];

    /// <summary>The role ids an assignment (or a copy loop of assignments) grants.</summary>
    private static List<string> RolesOf(TemplateResource assignment)
    {
        var definition = assignment.Properties.GetProperty("roleDefinitionId").GetString()!;
        var match = RoleDefinitionPattern().Match(definition);
        Assert.True(match.Success, $"Unexpected role definition expression {definition}.");
        var roles = assignment.Variable(match.Groups["name"].Value);
        return match.Groups["loop"].Success
            ? [.. roles.EnumerateArray().Select(role => assignment.Resolve(role).GetString()!)]
            : [roles.GetString()!];
    }

    private static List<string> RolesOn(string scope, Func<TemplateResource, bool> principal) =>
        [.. Assignments.Where(assignment => assignment.Module == "rbac" && assignment.Scope == scope && principal(assignment)).SelectMany(RolesOf).Order(StringComparer.Ordinal)];

    private static bool IsApp(TemplateResource assignment) => assignment.Properties.GetProperty("principalId").GetString() == AppPrincipal;

    private static bool IsDeployer(TemplateResource assignment) => assignment.Properties.GetProperty("principalId").GetString() == "[parameters('userPrincipalId')]";

    [Fact]
    public void App_identity_holds_exactly_the_host_and_task_hub_roles_on_the_host_storage_account()
    {
        // Act
        var roles = RolesOn(HostStorageScope, IsApp);

        // Assert
        Assert.Equal(new[] { StorageBlobDataOwner, StorageQueueDataContributor, StorageTableDataContributor }.Order(StringComparer.Ordinal), roles);
    }

    [Fact]
    public void App_identity_holds_exactly_blob_and_table_contributor_on_the_data_storage_account()
    {
        // Act
        var roles = RolesOn(DataStorageScope, IsApp);

        // Assert: no Owner (no ACLs to set) and no queues (G7Flows' own data has none).
        Assert.Equal(new[] { StorageBlobDataContributor, StorageTableDataContributor }.Order(StringComparer.Ordinal), roles);
    }

    [Fact]
    public void App_roles_are_unconditional_and_granted_to_a_service_principal()
    {
        // Act
        var appAssignments = Assignments.Where(IsApp).ToList();

        // Assert
        Assert.Equal(3, appAssignments.Count);
        Assert.All(appAssignments, assignment => Assert.Null(assignment.Condition));
        Assert.All(appAssignments, assignment => Assert.Equal("ServicePrincipal", assignment.Properties.GetProperty("principalType").GetString()));
    }

    [Theory]
    [InlineData("storageAccountName", "storageAccountName")]
    [InlineData("dataStorageAccountName", "dataStorageAccountName")]
    public void Role_scopes_are_the_accounts_the_app_uses(string rbacParameter, string mainVariable)
    {
        // Act
        var rbac = CompiledTemplate.ModuleParameter("rbac", rbacParameter).GetString();
        var api = CompiledTemplate.ModuleParameter("api", rbacParameter).GetString();

        // Assert
        Assert.Equal($"[variables('{mainVariable}')]", rbac);
        Assert.Equal(rbac, api);
    }

    [Fact]
    public void Host_and_data_accounts_have_different_names()
    {
        // Act
        var variables = CompiledTemplate.Main.GetProperty("variables");

        // Assert
        Assert.Equal("[format('{0}{1}', variables('abbreviations').storageAccount, variables('resourceToken'))]", variables.GetProperty("storageAccountName").GetString());
        Assert.Equal("[format('{0}data{1}', variables('abbreviations').storageAccount, variables('resourceToken'))]", variables.GetProperty("dataStorageAccountName").GetString());
    }

    [Fact]
    public void Deployer_gets_the_same_storage_roles_only_when_deployer_data_access_is_asked_for()
    {
        // Act
        var onHost = RolesOn(HostStorageScope, IsDeployer);
        var onData = RolesOn(DataStorageScope, IsDeployer);
        var deployerAssignments = Assignments.Where(IsDeployer).ToList();

        // Assert
        Assert.Equal(RolesOn(HostStorageScope, IsApp), onHost);
        Assert.Equal(RolesOn(DataStorageScope, IsApp), onData);
        Assert.All(deployerAssignments, assignment => Assert.Equal("[parameters('assignUser')]", assignment.Condition));
        Assert.All(deployerAssignments, assignment => Assert.Equal("[parameters('userPrincipalType')]", assignment.Properties.GetProperty("principalType").GetString()));
        Assert.Equal("[and(parameters('deployerDataAccess'), not(empty(parameters('principalId'))))]", CompiledTemplate.ModuleParameter("rbac", "assignUser").GetString());
        Assert.False(CompiledTemplate.MainParameter("deployerDataAccess").GetProperty("defaultValue").GetBoolean());
    }

    [Fact]
    public void Deployer_is_the_azd_principal_and_a_user_by_default()
    {
        // Act
        var principalId = CompiledTemplate.ModuleParameter("rbac", "userPrincipalId").GetString();
        var principalType = CompiledTemplate.ModuleParameter("rbac", "userPrincipalType").GetString();

        // Assert
        Assert.Equal("[parameters('principalId')]", principalId);
        Assert.Equal("[parameters('principalType')]", principalType);
        Assert.Equal("User", CompiledTemplate.MainParameter("principalType").GetProperty("defaultValue").GetString());
    }

    [Fact]
    public void App_identity_publishes_metrics_to_application_insights()
    {
        // Act
        var assignment = Assert.Single(Assignments, candidate => RolesOf(candidate).Contains(MonitoringMetricsPublisher));

        // Assert
        Assert.True(IsApp(assignment));
        Assert.Equal("[resourceId('Microsoft.Insights/components', parameters('applicationInsightsName'))]", assignment.Scope);
        Assert.Equal("[variables('applicationInsightsName')]", CompiledTemplate.ModuleParameter("rbac", "applicationInsightsName").GetString());
    }

    [Fact]
    public void Server_identity_gets_acr_pull_on_an_azure_container_registry_it_pulls_from()
    {
        // Arrange
        var module = CompiledTemplate.Module("registryPull");
        var assignment = CompiledTemplate.SingleIn("registryPull", "Microsoft.Authorization/roleAssignments");

        // Act
        var condition = CompiledTemplate.Main.GetProperty("variables").GetProperty("assignRegistryPull").GetString();

        // Assert
        Assert.Equal([AcrPull], RolesOf(assignment));
        Assert.Equal("[resourceId('Microsoft.ContainerRegistry/registries', parameters('registryName'))]", assignment.Scope);
        Assert.Equal("[parameters('identityPrincipalId')]", assignment.Properties.GetProperty("principalId").GetString());
        Assert.Equal("ServicePrincipal", assignment.Properties.GetProperty("principalType").GetString());
        Assert.Equal("[variables('assignRegistryPull')]", module.Condition);
        Assert.Equal("[and(parameters('deployContainerApp'), endsWith(toLower(parameters('serverRegistryServer')), environment().suffixes.acrLoginServer))]", condition);
        Assert.Equal("[split(parameters('serverRegistryServer'), '.')[0]]", CompiledTemplate.ModuleParameter("registryPull", "registryName").GetString());
        Assert.EndsWith("'identity'), '2025-04-01').outputs.principalId.value]", CompiledTemplate.ModuleParameter("registryPull", "identityPrincipalId").GetString(), StringComparison.Ordinal);
        Assert.Equal("[if(empty(parameters('serverRegistryResourceGroup')), format('{0}{1}', variables('abbreviations').resourceGroup, parameters('environmentName')), parameters('serverRegistryResourceGroup'))]", module.Json.GetProperty("resourceGroup").GetString());
    }

    [Fact]
    public void Role_assignment_names_are_guids_of_scope_principal_and_role()
    {
        // Act
        var names = Assignments.Select(assignment => assignment.Name).ToList();

        // Assert
        Assert.Equal(6, names.Count);
        Assert.All(names, name => Assert.StartsWith("[guid(resourceId(", name, StringComparison.Ordinal));
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Role_definitions_are_built_in_roles_by_id()
    {
        // Act
        var roles = Assignments.SelectMany(RolesOf).Distinct().ToList();

        // Assert
        Assert.All(roles, role => Assert.True(Guid.TryParse(role, out _), $"{role} is not a role definition id."));
        Assert.Equal(6, roles.Count);
    }

    [GeneratedRegex(@"^\[subscriptionResourceId\('Microsoft\.Authorization/roleDefinitions', variables\('(?<name>[^']+)'\)(?<loop>\[copyIndex\(\)\])?\)\]$")]
    private static partial Regex RoleDefinitionPattern();
}
