using G7Flows.Infra.Tests.Support;

namespace G7Flows.Infra.Tests;

/// <summary>App Service Authentication (Easy Auth) with Microsoft Entra ID in front of the functions API.</summary>
public sealed class EasyAuthTests
{
    private static TemplateResource AuthSettings =>
        Assert.Single(CompiledTemplate.OfType("Microsoft.Web/sites/config"), config => config.Name.Contains("'authsettingsV2'", StringComparison.Ordinal));

    private static System.Text.Json.JsonElement EntraId =>
        AuthSettings.Properties.GetProperty("identityProviders").GetProperty("azureActiveDirectory");

    [Fact]
    public void Easy_auth_is_enabled_with_microsoft_entra_id()
    {
        // Act
        var platformEnabled = AuthSettings.Properties.GetProperty("platform").GetProperty("enabled").GetBoolean();
        var entraIdEnabled = EntraId.GetProperty("enabled").GetBoolean();

        // Assert
        Assert.True(platformEnabled);
        Assert.True(entraIdEnabled);
    }

    [Fact]
    public void Easy_auth_requires_authentication_and_answers_401_to_anonymous_callers()
    {
        // Act
        var validation = AuthSettings.Properties.GetProperty("globalValidation");

        // Assert
        Assert.True(validation.GetProperty("requireAuthentication").GetBoolean());
        Assert.Equal("Return401", validation.GetProperty("unauthenticatedClientAction").GetString());
    }

    [Fact]
    public void Easy_auth_lets_only_the_health_probe_through_anonymously()
    {
        // Act
        var excluded = AuthSettings.Properties.GetProperty("globalValidation").GetProperty("excludedPaths").GetString();
        var paths = AuthSettings.ParameterDefault("anonymousPaths").EnumerateArray().Select(path => path.GetString());

        // Assert
        Assert.Equal("[parameters('anonymousPaths')]", excluded);
        Assert.Equal(["/api/health"], paths);
        Assert.False(CompiledTemplate.Module("api").Properties.GetProperty("parameters").TryGetProperty("anonymousPaths", out _));
    }

    [Fact]
    public void Easy_auth_trusts_the_app_registration_given_as_parameters()
    {
        // Act
        var registration = EntraId.GetProperty("registration");
        var audiences = EntraId.GetProperty("validation").GetProperty("allowedAudiences").EnumerateArray().Select(audience => audience.GetString());

        // Assert
        Assert.Equal("[parameters('authClientId')]", registration.GetProperty("clientId").GetString());
        Assert.Equal("[format('{0}{1}/v2.0', environment().authentication.loginEndpoint, parameters('authTenantId'))]", registration.GetProperty("openIdIssuer").GetString());
        Assert.Contains("[format('api://{0}', parameters('authClientId'))]", audiences);
        Assert.Equal("[parameters('authClientId')]", CompiledTemplate.ModuleParameter("api", "authClientId").GetString());
        Assert.Equal("[variables('effectiveAuthTenantId')]", CompiledTemplate.ModuleParameter("api", "authTenantId").GetString());
    }

    [Fact]
    public void Auth_tenant_defaults_to_the_deployment_tenant()
    {
        // Act
        var tenant = CompiledTemplate.Main.GetProperty("variables").GetProperty("effectiveAuthTenantId").GetString();

        // Assert
        Assert.Equal("[if(empty(parameters('authTenantId')), tenant().tenantId, parameters('authTenantId'))]", tenant);
    }

    [Fact]
    public void Easy_auth_keeps_no_token_store()
    {
        // Act
        var tokenStore = AuthSettings.Properties.GetProperty("login").GetProperty("tokenStore").GetProperty("enabled").GetBoolean();

        // Assert
        Assert.False(tokenStore);
    }
}
