using G7Flows.Infra.Tests.Support;

namespace G7Flows.Infra.Tests;

/// <summary>
/// Exactly the data roles the app needs on its storage account, for the app's identity and for the deployer,
/// plus Monitoring Metrics Publisher for identity-based telemetry.
/// </summary>
public sealed class RoleAssignmentTests
{
    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";

    private static readonly string[] StorageDataRoleIds = [StorageBlobDataOwner, StorageQueueDataContributor, StorageTableDataContributor];

    public static TheoryData<string> StorageDataRoles => [.. StorageDataRoleIds];

    private static List<TemplateResource> Assignments => [.. CompiledTemplate.OfType("Microsoft.Authorization/roleAssignments")];

    private static string RoleOf(TemplateResource assignment) =>
        assignment.Expand(assignment.Properties.GetProperty("roleDefinitionId").GetString()!);

    private static string PrincipalTypeOf(TemplateResource assignment) => assignment.Properties.GetProperty("principalType").GetString()!;

    private static bool IsOnStorage(TemplateResource assignment) =>
        assignment.Json.GetProperty("scope").GetString()!.StartsWith("[resourceId('Microsoft.Storage/storageAccounts', ", StringComparison.Ordinal);

    [Theory]
    [MemberData(nameof(StorageDataRoles))]
    public void App_identity_holds_the_storage_data_role(string roleId)
    {
        // Act
        var assignment = Assert.Single(Assignments, candidate => RoleOf(candidate).Contains(roleId, StringComparison.Ordinal) && PrincipalTypeOf(candidate) == "ServicePrincipal");

        // Assert
        Assert.True(IsOnStorage(assignment));
        Assert.Null(assignment.Condition);
        Assert.Equal(
            "[reference(resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', parameters('identityName')), '2023-01-31').principalId]",
            assignment.Properties.GetProperty("principalId").GetString());
    }

    [Theory]
    [MemberData(nameof(StorageDataRoles))]
    public void Deployer_holds_the_storage_data_role_when_a_principal_id_is_given(string roleId)
    {
        // Act
        var assignment = Assert.Single(Assignments, candidate => RoleOf(candidate).Contains(roleId, StringComparison.Ordinal) && PrincipalTypeOf(candidate) != "ServicePrincipal");

        // Assert
        Assert.True(IsOnStorage(assignment));
        Assert.Equal("[parameters('userPrincipalType')]", PrincipalTypeOf(assignment));
        Assert.Equal("[parameters('userPrincipalId')]", assignment.Properties.GetProperty("principalId").GetString());
        Assert.Equal("[variables('assignUser')]", assignment.Condition);
        Assert.Equal("[not(empty(parameters('userPrincipalId')))]", assignment.Variable("assignUser").GetString());
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
    public void Storage_roles_are_exactly_the_three_data_roles()
    {
        // Act
        var roles = Assignments.Where(IsOnStorage).Select(RoleOf).ToList();

        // Assert
        Assert.Equal(6, roles.Count);
        Assert.All(roles, role => Assert.Contains(StorageDataRoleIds, roleId => role.Contains(roleId, StringComparison.Ordinal)));
        Assert.All(StorageDataRoleIds, roleId => Assert.Equal(2, roles.Count(role => role.Contains(roleId, StringComparison.Ordinal))));
    }

    [Fact]
    public void App_identity_publishes_metrics_to_application_insights()
    {
        // Act
        var assignment = Assert.Single(Assignments, candidate => RoleOf(candidate).Contains(MonitoringMetricsPublisher, StringComparison.Ordinal));

        // Assert
        Assert.Equal("ServicePrincipal", PrincipalTypeOf(assignment));
        Assert.StartsWith("[resourceId('Microsoft.Insights/components', ", assignment.Json.GetProperty("scope").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Role_assignment_names_are_guids_of_scope_principal_and_role()
    {
        // Act
        var names = Assignments.Select(assignment => assignment.Name).ToList();

        // Assert
        Assert.Equal(7, names.Count);
        Assert.All(names, name => Assert.StartsWith("[guid(resourceId(", name, StringComparison.Ordinal));
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Role_definitions_are_built_in_roles_by_id()
    {
        // Act
        var definitions = Assignments.Select(RoleOf);

        // Assert
        Assert.All(definitions, definition => Assert.StartsWith("[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '", definition, StringComparison.Ordinal));
    }
}
