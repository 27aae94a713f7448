using System.Text.Json;
using G7Flows.Infra.Tests.Support;

namespace G7Flows.Infra.Tests;

/// <summary>The optional Azure Front Door in front of the function app, which rate limits the anonymous paths.</summary>
public sealed class FrontDoorTests
{
    private static JsonElement RateLimitRule =>
        Assert.Single(CompiledTemplate.Single("Microsoft.Network/FrontDoorWebApplicationFirewallPolicies").Properties.GetProperty("customRules").GetProperty("rules").EnumerateArray());

    [Theory]
    [InlineData("frontDoor")]
    [InlineData("frontDoorRoute")]
    public void Front_door_is_deployed_only_when_asked_for(string module)
    {
        // Act
        var condition = CompiledTemplate.Module(module).Condition;

        // Assert
        Assert.Equal("[parameters('deployFrontDoor')]", condition);
        Assert.False(CompiledTemplate.MainParameter("deployFrontDoor").GetProperty("defaultValue").GetBoolean());
    }

    [Fact]
    public void Profile_and_firewall_policy_are_the_standard_tier()
    {
        // Act
        var profile = CompiledTemplate.Single("Microsoft.Cdn/profiles");
        var policy = CompiledTemplate.Single("Microsoft.Network/FrontDoorWebApplicationFirewallPolicies");

        // Assert
        Assert.Equal("Standard_AzureFrontDoor", profile.Json.GetProperty("sku").GetProperty("name").GetString());
        Assert.Equal("Standard_AzureFrontDoor", policy.Json.GetProperty("sku").GetProperty("name").GetString());
        Assert.Equal("Prevention", policy.Properties.GetProperty("policySettings").GetProperty("mode").GetString());
        Assert.Equal(429, policy.Properties.GetProperty("policySettings").GetProperty("customBlockResponseStatusCode").GetInt32());
    }

    [Fact]
    public void Rate_limit_rule_counts_requests_per_minute_to_the_anonymous_paths_from_the_one_file()
    {
        // Arrange
        var condition = Assert.Single(RateLimitRule.GetProperty("matchConditions").EnumerateArray());

        // Act
        var passedPaths = CompiledTemplate.Strings(CompiledTemplate.Main, CompiledTemplate.ModuleParameter("frontDoor", "anonymousPaths"));
        var apiPaths = CompiledTemplate.Strings(CompiledTemplate.Main, CompiledTemplate.Main.GetProperty("variables").GetProperty("anonymousPaths"));

        // Assert
        Assert.Equal("RateLimitRule", RateLimitRule.GetProperty("ruleType").GetString());
        Assert.Equal("Block", RateLimitRule.GetProperty("action").GetString());
        Assert.Equal(1, RateLimitRule.GetProperty("rateLimitDurationInMinutes").GetInt32());
        Assert.Equal("[parameters('anonymousRateLimitPerMinute')]", RateLimitRule.GetProperty("rateLimitThreshold").GetString());
        Assert.Equal("RequestUri", condition.GetProperty("matchVariable").GetString());
        Assert.Equal("Contains", condition.GetProperty("operator").GetString());
        Assert.Equal("[map(parameters('anonymousPaths'), lambda('path', toLower(replace(lambdaVariables('path'), '*', ''))))]", condition.GetProperty("matchValue").GetString());
        // The API's anonymous paths only: the web app's "/" would match every request by "contains".
        Assert.Equal(apiPaths, passedPaths);
        Assert.DoesNotContain("/", passedPaths);
    }

    [Fact]
    public void Firewall_policy_applies_to_every_path_of_the_endpoint()
    {
        // Act
        var policy = CompiledTemplate.Single("Microsoft.Cdn/profiles/securityPolicies").Properties.GetProperty("parameters");
        var association = Assert.Single(policy.GetProperty("associations").EnumerateArray());

        // Assert
        Assert.Equal("WebApplicationFirewall", policy.GetProperty("type").GetString());
        Assert.Equal("[parameters('wafPolicyId')]", policy.GetProperty("wafPolicy").GetProperty("id").GetString());
        Assert.Equal(["/*"], association.GetProperty("patternsToMatch").EnumerateArray().Select(pattern => pattern.GetString()));
        Assert.Equal("[resourceId('Microsoft.Cdn/profiles/afdEndpoints', parameters('profileName'), parameters('endpointName'))]", Assert.Single(association.GetProperty("domains").EnumerateArray()).GetProperty("id").GetString());
    }

    [Fact]
    public void Route_forwards_https_only_to_the_function_app()
    {
        // Act
        var route = CompiledTemplate.Single("Microsoft.Cdn/profiles/afdEndpoints/routes").Properties;
        var origin = CompiledTemplate.Single("Microsoft.Cdn/profiles/originGroups/origins").Properties;

        // Assert
        Assert.Equal(["Https"], route.GetProperty("supportedProtocols").EnumerateArray().Select(protocol => protocol.GetString()));
        Assert.Equal("HttpsOnly", route.GetProperty("forwardingProtocol").GetString());
        Assert.Equal("[parameters('originHostName')]", origin.GetProperty("hostName").GetString());
        Assert.Equal("[parameters('originHostName')]", origin.GetProperty("originHostHeader").GetString());
        Assert.True(origin.GetProperty("enforceCertificateNameCheck").GetBoolean());
        Assert.EndsWith("'api'), '2025-04-01').outputs.defaultHostName.value]", CompiledTemplate.ModuleParameter("frontDoorRoute", "originHostName").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Front_door_logs_go_to_the_workspace()
    {
        // Act
        var diagnostics = CompiledTemplate.SingleIn("frontDoor", "Microsoft.Insights/diagnosticSettings");

        // Assert
        Assert.Equal("[resourceId('Microsoft.Cdn/profiles', parameters('profileName'))]", diagnostics.Scope);
        Assert.Equal("[parameters('logAnalyticsId')]", diagnostics.Properties.GetProperty("workspaceId").GetString());
    }
}
