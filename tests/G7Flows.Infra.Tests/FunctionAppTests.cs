using G7Flows.Infra.Tests.Support;

namespace G7Flows.Infra.Tests;

public sealed class FunctionAppTests
{
    private static TemplateResource FunctionApp => CompiledTemplate.Single("Microsoft.Web/sites");

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
}
