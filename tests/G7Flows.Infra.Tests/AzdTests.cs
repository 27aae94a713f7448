using System.Text.Json;
using G7Flows.Infra.Tests.Support;

namespace G7Flows.Infra.Tests;

/// <summary>azure.yaml and infra/main.parameters.json, which drive <c>azd up</c>.</summary>
public sealed class AzdTests
{
    private static JsonElement ParameterFile =>
        JsonDocument.Parse(Repository.ReadAllText("infra", "main.parameters.json")).RootElement.GetProperty("parameters");

    [Fact]
    public void Azure_yaml_deploys_the_functions_project_as_the_api_service()
    {
        // Arrange
        var lines = Repository.ReadAllText("azure.yaml").Split('\n').Select(line => line.TrimEnd()).ToList();

        // Act
        var api = lines.SkipWhile(line => line != "services:").Skip(1).TakeWhile(line => line.StartsWith(' ')).ToList();

        // Assert
        Assert.Equal(
            ["  api:", "    project: ./functions/G7Flows.Functions", "    language: dotnet", "    host: function"],
            api);
        Assert.True(Directory.Exists(Repository.PathOf("functions", "G7Flows.Functions")), "azure.yaml names functions/G7Flows.Functions, which does not exist.");
    }

    [Theory]
    [InlineData("environmentName", "${AZURE_ENV_NAME}")]
    [InlineData("location", "${AZURE_LOCATION}")]
    [InlineData("principalId", "${AZURE_PRINCIPAL_ID}")]
    [InlineData("principalType", "${AZURE_PRINCIPAL_TYPE=User}")]
    [InlineData("authClientId", "${AUTH_CLIENT_ID}")]
    [InlineData("authTenantId", "${AUTH_TENANT_ID}")]
    [InlineData("deployContainerApp", "${DEPLOY_CONTAINER_APP=false}")]
    [InlineData("environmentType", "${AZURE_ENV_TYPE}")]
    [InlineData("networkIsolation", "${NETWORK_ISOLATION}")]
    [InlineData("scmAllowedIpRanges", "${SCM_ALLOWED_IP_RANGES}")]
    [InlineData("deployerDataAccess", "${DEPLOYER_DATA_ACCESS=false}")]
    [InlineData("authAllowedApplications", "${AUTH_ALLOWED_APPLICATIONS}")]
    [InlineData("authAllowedGroups", "${AUTH_ALLOWED_GROUPS}")]
    [InlineData("authAllowedIdentities", "${AUTH_ALLOWED_IDENTITIES}")]
    [InlineData("alwaysReadyDurableInstances", "${ALWAYS_READY_DURABLE_INSTANCES=1}")]
    [InlineData("recordsRetentionDays", "${RECORDS_RETENTION_DAYS}")]
    [InlineData("recordsRetentionLocked", "${RECORDS_RETENTION_LOCKED=false}")]
    [InlineData("deployFrontDoor", "${DEPLOY_FRONT_DOOR=false}")]
    [InlineData("anonymousRateLimitPerMinute", "${ANONYMOUS_RATE_LIMIT_PER_MINUTE=120}")]
    [InlineData("serverRegistryResourceGroup", "${SERVER_REGISTRY_RESOURCE_GROUP}")]
    public void Parameter_file_takes_the_parameter_from_the_azd_environment(string parameter, string value)
    {
        // Act
        var mapped = ParameterFile.GetProperty(parameter).GetProperty("value").GetString();

        // Assert
        Assert.Equal(value, mapped);
    }

    [Fact]
    public void Parameter_file_and_template_declare_the_same_parameters()
    {
        // Arrange
        var declared = CompiledTemplate.Main.GetProperty("parameters").EnumerateObject().Select(parameter => parameter.Name).Order(StringComparer.Ordinal);

        // Act
        var mapped = ParameterFile.EnumerateObject().Select(parameter => parameter.Name).Order(StringComparer.Ordinal);

        // Assert
        Assert.Equal(declared, mapped);
    }

    [Fact]
    public void Location_parameter_is_prompted_as_an_azure_location()
    {
        // Act
        var type = CompiledTemplate.MainParameter("location").GetProperty("metadata").GetProperty("azd").GetProperty("type").GetString();

        // Assert
        Assert.Equal("location", type);
    }

    [Theory]
    [InlineData("environmentType")]
    [InlineData("networkIsolation")]
    [InlineData("recordsRetentionDays")]
    public void Parameter_with_a_derived_default_is_mapped_without_a_default_of_its_own(string parameter)
    {
        // Arrange: azd passes the template's default when the variable is unset or empty, so a default in the
        // parameter file would hide the one the template derives.
        var mapped = ParameterFile.GetProperty(parameter).GetProperty("value").GetString()!;

        // Act
        var defaultValue = CompiledTemplate.MainParameter(parameter).GetProperty("defaultValue").GetString()!;

        // Assert
        Assert.DoesNotContain("=", mapped, StringComparison.Ordinal);
        Assert.StartsWith("[", defaultValue, StringComparison.Ordinal);
    }

    [Fact]
    public void Environment_type_is_prod_when_the_environment_name_says_so()
    {
        // Act
        var environmentType = CompiledTemplate.MainParameter("environmentType");
        var allowed = environmentType.GetProperty("allowedValues").EnumerateArray().Select(value => value.GetString());

        // Assert
        Assert.Equal("[if(contains(toLower(parameters('environmentName')), 'prod'), 'prod', 'dev')]", environmentType.GetProperty("defaultValue").GetString());
        Assert.Equal(["dev", "prod"], allowed);
    }

    [Fact]
    public void Azure_yaml_asks_for_an_azd_that_deploys_to_flex_consumption()
    {
        // Act
        var lines = Repository.ReadAllText("azure.yaml").Split('\n').Select(line => line.TrimEnd()).ToList();

        // Assert
        Assert.Contains("requiredVersions:", lines);
        Assert.Contains("  azd: \">= 1.10.0\"", lines);
    }
}
