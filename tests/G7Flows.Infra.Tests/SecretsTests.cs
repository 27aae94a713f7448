using System.Text.Json;
using G7Flows.Infra.Tests.Support;

namespace G7Flows.Infra.Tests;

/// <summary>Nothing in the deployment hands out or stores a key: every connection is identity-based.</summary>
public sealed class SecretsTests
{
    // InstrumentationKey is not among them: the Application Insights connection string always contains one,
    // and it is harmless because the component refuses telemetry without a Microsoft Entra token
    // (AppSettingsTests and the test below check both).
    public static TheoryData<string> ForbiddenFragments =>
    [
        "AccountKey",
        "listKeys",
        "SharedAccessSignature",
        "sharedKey",
        "primaryKey",
        "primarySharedKey",
    ];

    [Theory]
    [MemberData(nameof(ForbiddenFragments))]
    public void No_app_setting_or_environment_variable_contains(string fragment)
    {
        // Arrange
        var settings = CompiledTemplate.OfType("Microsoft.Web/sites/config")
            .Where(config => config.Name.Contains("'appsettings'", StringComparison.Ordinal))
            .Select(config => config.Properties.GetRawText());
        var environment = CompiledTemplate.OfType("Microsoft.App/containerApps")
            .SelectMany(app => app.Properties.GetProperty("template").GetProperty("containers").EnumerateArray())
            .Select(container => container.GetProperty("env").GetRawText());

        // Act
        var offending = settings.Concat(environment).Where(text => text.Contains(fragment, StringComparison.OrdinalIgnoreCase));

        // Assert
        Assert.Empty(offending);
    }

    [Theory]
    [MemberData(nameof(ForbiddenFragments))]
    public void No_output_of_any_template_contains(string fragment)
    {
        // Arrange
        var templates = new[] { CompiledTemplate.Main }
            .Concat(CompiledTemplate.OfType("Microsoft.Resources/deployments").Select(module => module.Properties.GetProperty("template")));

        // Act
        var offending = templates
            .Where(template => template.TryGetProperty("outputs", out _))
            .SelectMany(template => template.GetProperty("outputs").EnumerateObject())
            .Where(output => output.Name.Contains(fragment, StringComparison.OrdinalIgnoreCase)
                || output.Value.GetRawText().Contains(fragment, StringComparison.OrdinalIgnoreCase))
            .Select(output => output.Name);

        // Assert
        Assert.Empty(offending);
    }

    [Theory]
    [InlineData("listKeys")]
    [InlineData("listAccountSas")]
    [InlineData("listServiceSas")]
    [InlineData("AccountKey=")]
    public void Template_never_reads_a_key(string fragment)
    {
        // Act
        var found = CompiledTemplate.Text.Contains(fragment, StringComparison.OrdinalIgnoreCase);

        // Assert
        Assert.False(found, $"The compiled template contains {fragment}.");
    }

    [Fact]
    public void Log_analytics_workspace_refuses_ingestion_with_its_shared_keys()
    {
        // Arrange
        var workspace = CompiledTemplate.Single("Microsoft.OperationalInsights/workspaces");

        // Act
        var disableLocalAuth = workspace.Properties.GetProperty("features").GetProperty("disableLocalAuth");

        // Assert
        Assert.Equal(JsonValueKind.True, disableLocalAuth.ValueKind);
    }

    [Fact]
    public void Application_insights_refuses_telemetry_without_a_microsoft_entra_token()
    {
        // Arrange
        var component = CompiledTemplate.Single("Microsoft.Insights/components");

        // Act
        var disableLocalAuth = component.Properties.GetProperty("DisableLocalAuth");

        // Assert
        Assert.Equal(JsonValueKind.True, disableLocalAuth.ValueKind);
        Assert.Contains("Microsoft.OperationalInsights/workspaces", component.Properties.GetProperty("WorkspaceResourceId").GetString(), StringComparison.Ordinal);
    }
}
