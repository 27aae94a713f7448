using System.Text.Json;
using G7Flows.Infra.Tests.Support;

namespace G7Flows.Infra.Tests;

/// <summary>App Service Authentication (Easy Auth) with Microsoft Entra ID in front of the functions API.</summary>
public sealed class EasyAuthTests
{
    private static TemplateResource AuthSettings =>
        Assert.Single(CompiledTemplate.OfType("Microsoft.Web/sites/config"), config => config.Name.Contains("'authsettingsV2'", StringComparison.Ordinal));

    private static JsonElement EntraId =>
        AuthSettings.Properties.GetProperty("identityProviders").GetProperty("azureActiveDirectory");

    private static JsonElement Policy => EntraId.GetProperty("validation").GetProperty("defaultAuthorizationPolicy");

    private static List<string> AnonymousPathsFile(string list = "paths")
    {
        using var file = JsonDocument.Parse(Repository.ReadAllText("infra", "anonymous-paths.json"));
        return [.. file.RootElement.GetProperty(list).EnumerateArray().Select(path => path.GetString()!)];
    }

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
    public void Anonymous_paths_file_lists_the_health_probe_the_OpenAPI_document_and_the_public_routes_only()
    {
        // Act
        var paths = AnonymousPathsFile();

        // Assert
        Assert.Equal(["/api/health", "/api/openapi/v1.json", "/api/public/*"], paths);
    }

    [Fact]
    public void Anonymous_paths_file_lists_the_web_apps_shell_its_files_and_its_sign_in_apart()
    {
        // Act
        var paths = AnonymousPathsFile("webPaths");

        // Assert: the shell alone (not a prefix), everything below /assets/, and the sign-in redirect.
        Assert.Equal(["/", "/assets/*", "/sign-in"], paths);
    }

    [Fact]
    public void Easy_auth_excluded_paths_are_the_anonymous_paths_file_and_its_web_paths()
    {
        // Arrange
        var api = AnonymousPathsFile();
        var web = AnonymousPathsFile("webPaths");

        // Act: the app's excludedPaths is its anonymousPaths parameter, which main.bicep fills from the file's two lists.
        var excluded = AuthSettings.Properties.GetProperty("globalValidation").GetProperty("excludedPaths").GetString();
        var passed = CompiledTemplate.ModuleParameter("api", "anonymousPaths").GetString();

        // Assert
        Assert.Equal("[parameters('anonymousPaths')]", excluded);
        Assert.Equal("[concat(variables('anonymousPaths'), variables('webPaths'))]", passed);
        Assert.Equal(api, CompiledTemplate.Strings(CompiledTemplate.Main, CompiledTemplate.Main.GetProperty("variables").GetProperty("anonymousPaths")));
        Assert.Equal(web, CompiledTemplate.Strings(CompiledTemplate.Main, CompiledTemplate.Main.GetProperty("variables").GetProperty("webPaths")));
        Assert.Contains("loadJsonContent('anonymous-paths.json')", Repository.ReadAllText("infra", "main.bicep"), StringComparison.Ordinal);
    }

    [Fact]
    public void Easy_auth_signs_browsers_in_with_microsoft_entra_id_and_keeps_answering_401_to_api_callers()
    {
        // Act
        var validation = AuthSettings.Properties.GetProperty("globalValidation");
        var login = AuthSettings.Properties.GetProperty("login");

        // Assert: /sign-in sends the browser to /.auth/login/aad; anything else without a session is a plain 401.
        Assert.Equal("Return401", validation.GetProperty("unauthenticatedClientAction").GetString());
        Assert.Equal("azureactivedirectory", validation.GetProperty("redirectToProvider").GetString());
        Assert.True(login.GetProperty("tokenStore").GetProperty("enabled").GetBoolean());
        Assert.Empty(login.GetProperty("allowedExternalRedirectUrls").EnumerateArray());
        Assert.True(login.GetProperty("preserveUrlFragmentsForLogins").GetBoolean());
        Assert.False(EntraId.GetProperty("registration").TryGetProperty("clientSecretSettingName", out _), "A client secret would switch Easy Auth to the hybrid flow and put a secret in the app settings.");
    }

    [Fact]
    public void Behind_Front_Door_the_sign_in_uses_the_forwarded_host()
    {
        // Act
        var convention = AuthSettings.Properties.GetProperty("httpSettings").GetProperty("forwardProxy").GetProperty("convention").GetString();

        // Assert
        Assert.Equal("[if(empty(parameters('frontDoorId')), 'NoProxy', 'Standard')]", convention);
    }

    [Fact]
    public void Easy_auth_trusts_the_app_registration_given_as_parameters()
    {
        // Act
        var registration = EntraId.GetProperty("registration");

        // Assert
        Assert.Equal("[parameters('authClientId')]", registration.GetProperty("clientId").GetString());
        Assert.Equal("[format('{0}{1}/v2.0', environment().authentication.loginEndpoint, parameters('authTenantId'))]", registration.GetProperty("openIdIssuer").GetString());
        Assert.Equal("[parameters('authClientId')]", CompiledTemplate.ModuleParameter("api", "authClientId").GetString());
        Assert.Equal("[variables('effectiveAuthTenantId')]", CompiledTemplate.ModuleParameter("api", "authTenantId").GetString());
    }

    [Fact]
    public void Easy_auth_audiences_are_exactly_the_client_id_and_its_application_id_uri()
    {
        // Act
        var audiences = EntraId.GetProperty("validation").GetProperty("allowedAudiences").EnumerateArray().Select(audience => audience.GetString());

        // Assert: v2.0 tokens carry the client id, v1.0 tokens api://<client id>; nothing else.
        Assert.Equal(["[format('api://{0}', parameters('authClientId'))]", "[parameters('authClientId')]"], audiences);
        Assert.Equal("[format('api://{0}', parameters('authClientId'))]", CompiledTemplate.Output("AUTH_AUDIENCE").GetProperty("value").GetString());
    }

    [Fact]
    public void Easy_auth_accepts_only_allowed_client_applications_and_never_any_application()
    {
        // Act
        var applications = Policy.GetProperty("allowedApplications").GetString();
        var effective = CompiledTemplate.Main.GetProperty("variables").GetProperty("effectiveAuthAllowedApplications").GetString();

        // Assert: an empty list would mean any application, so the list always holds the API's own registration (the
        // client of the browser sign-in) and, besides it, only the applications named.
        Assert.Equal("[parameters('authAllowedApplications')]", applications);
        Assert.Equal("[variables('effectiveAuthAllowedApplications')]", CompiledTemplate.ModuleParameter("api", "authAllowedApplications").GetString());
        Assert.Equal("[union(createArray(parameters('authClientId')), variables('authAllowedApplicationIds'))]", effective);
        Assert.Equal(1, AuthSettings.Template.GetProperty("parameters").GetProperty("authAllowedApplications").GetProperty("minLength").GetInt32());
        Assert.Equal(string.Empty, CompiledTemplate.MainParameter("authAllowedApplications").GetProperty("defaultValue").GetString());
    }

    [Fact]
    public void Easy_auth_restricts_principals_to_the_allowed_groups_and_identities_when_given()
    {
        // Act
        var principals = AuthSettings.Resolve(Policy.GetProperty("allowedPrincipals")).GetString();

        // Assert: a list is sent only when it has entries (Easy Auth reads an empty list as no restriction).
        Assert.Equal(
            "[union(if(empty(parameters('authAllowedGroups')), createObject(), createObject('groups', parameters('authAllowedGroups'))), if(empty(parameters('authAllowedIdentities')), createObject(), createObject('identities', parameters('authAllowedIdentities'))))]",
            principals);
        Assert.Equal("[variables('authAllowedGroupIds')]", CompiledTemplate.ModuleParameter("api", "authAllowedGroups").GetString());
        Assert.Equal("[variables('authAllowedIdentityIds')]", CompiledTemplate.ModuleParameter("api", "authAllowedIdentities").GetString());
    }

    [Theory]
    [InlineData("authAllowedApplicationIds", "authAllowedApplications")]
    [InlineData("authAllowedGroupIds", "authAllowedGroups")]
    [InlineData("authAllowedIdentityIds", "authAllowedIdentities")]
    [InlineData("scmAllowedIpRangeList", "scmAllowedIpRanges")]
    public void Comma_separated_parameter_becomes_a_list_without_spaces(string variable, string parameter)
    {
        // Act
        var list = CompiledTemplate.Main.GetProperty("variables").GetProperty(variable).GetString();

        // Assert
        Assert.Equal($"[if(empty(trim(parameters('{parameter}'))), createArray(), split(replace(parameters('{parameter}'), ' ', ''), ','))]", list);
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
    public void Website_auth_enabled_is_never_an_app_setting_or_an_environment_variable()
    {
        // Arrange: App Service sets WEBSITE_AUTH_ENABLED itself when Easy Auth is on; the code trusts
        // X-MS-CLIENT-PRINCIPAL only then, so setting it by hand would let anyone forge the header.
        var settingNames = CompiledTemplate.OfType("Microsoft.Web/sites/config")
            .Where(config => config.Name.Contains("'appsettings'", StringComparison.Ordinal))
            .SelectMany(config => config.Properties.EnumerateObject().Select(setting => setting.Name));
        var siteConfigNames = CompiledTemplate.OfType("Microsoft.Web/sites")
            .Where(site => site.Properties.GetProperty("siteConfig").TryGetProperty("appSettings", out _))
            .Select(site => site.Name);
        var environmentNames = CompiledTemplate.OfType("Microsoft.App/containerApps")
            .SelectMany(app => app.Properties.GetProperty("template").GetProperty("containers").EnumerateArray())
            .SelectMany(container => container.GetProperty("env").EnumerateArray().Select(variable => variable.GetProperty("name").GetString()!));

        // Act
        var names = settingNames.Concat(environmentNames).ToList();

        // Assert
        Assert.NotEmpty(names);
        Assert.DoesNotContain(names, name => string.Equals(name, G7Flows.Workflows.Platform.Hosting.AppSettingNames.EasyAuthEnabled, StringComparison.OrdinalIgnoreCase));
        Assert.Empty(siteConfigNames);
        Assert.DoesNotContain("WEBSITE_AUTH_ENABLED", CompiledTemplate.Text, StringComparison.OrdinalIgnoreCase);
    }
}
