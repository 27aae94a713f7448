using System.Text.RegularExpressions;
using G7Flows.Infra.Tests.Support;

namespace G7Flows.Infra.Tests;

public sealed class MainTemplateTests
{
    [Fact]
    public void Template_deploys_at_subscription_scope()
    {
        // Act
        var schema = CompiledTemplate.Main.GetProperty("$schema").GetString();

        // Assert
        Assert.Contains("subscriptionDeploymentTemplate.json", schema, StringComparison.Ordinal);
    }

    [Fact]
    public void Resource_group_is_named_rg_and_the_environment_name()
    {
        // Arrange
        var group = CompiledTemplate.Single("Microsoft.Resources/resourceGroups");

        // Act
        var name = group.Expand(group.Name);

        // Assert
        Assert.Equal("[format('{0}{1}', variables('abbreviations').resourceGroup, parameters('environmentName'))]", name);
        Assert.Equal("rg-", CompiledTemplate.Main.GetProperty("variables").GetProperty("abbreviations").GetProperty("resourceGroup").GetString());
    }

    [Fact]
    public void Resource_token_derives_from_subscription_environment_and_location()
    {
        // Act
        var token = CompiledTemplate.Main.GetProperty("variables").GetProperty("resourceToken").GetString();

        // Assert
        Assert.Equal("[toLower(uniqueString(subscription().id, parameters('environmentName'), parameters('location')))]", token);
    }

    [Fact]
    public void Every_located_resource_carries_the_azd_environment_tag()
    {
        // Arrange
        var located = CompiledTemplate.Resources.Where(resource => resource.Json.TryGetProperty("location", out _)).ToList();
        var tags = CompiledTemplate.Main.GetProperty("variables").GetProperty("tags");

        // Act
        var untagged = located.Where(resource => !resource.Json.TryGetProperty("tags", out var value)
            || !(value.GetString() is "[variables('tags')]" or "[parameters('tags')]"
                || value.GetString()!.StartsWith("[union(parameters('tags'), ", StringComparison.Ordinal)));

        // Assert
        Assert.True(located.Count >= 8);
        Assert.Empty(untagged.Select(resource => resource.Type));
        Assert.Equal("[parameters('environmentName')]", tags.GetProperty("azd-env-name").GetString());
        Assert.All(
            CompiledTemplate.OfType("Microsoft.Resources/deployments").Where(module => module.Properties.GetProperty("parameters").TryGetProperty("tags", out _)),
            module => Assert.Equal("[variables('tags')]", CompiledTemplate.ModuleParameter(module.Name, "tags").GetString()));
    }

    [Fact]
    public void Every_module_is_local_so_bicep_builds_offline()
    {
        // Arrange
        var sources = Directory.EnumerateFiles(Repository.PathOf("infra"), "*.bicep", SearchOption.AllDirectories)
            .Select(File.ReadAllText);

        // Act
        var registryModules = sources.Where(source => Regex.IsMatch(source, @"module\s+\w+\s+'(br|ts)[:/]"));

        // Assert
        Assert.Empty(registryModules);
        Assert.DoesNotContain("templateLink", CompiledTemplate.Text, StringComparison.Ordinal);
    }
}
