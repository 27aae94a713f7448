using G7Flows.Infra.Tests.Support;

namespace G7Flows.Infra.Tests;

/// <summary>Diagnostic settings: what reaches the Log Analytics workspace, and from where.</summary>
public sealed class MonitoringTests
{
    [Fact]
    public void Every_diagnostic_setting_sends_to_the_one_workspace()
    {
        // Arrange
        var settings = CompiledTemplate.OfType("Microsoft.Insights/diagnosticSettings").ToList();

        // Act
        var workspaces = settings.Select(setting => setting.Properties.GetProperty("workspaceId").GetString()).Distinct();

        // Assert: modules receive the workspace id as a parameter; the monitoring module uses its own.
        Assert.Equal(
            ["[parameters('logAnalyticsId')]", "[resourceId('Microsoft.OperationalInsights/workspaces', parameters('logAnalyticsName'))]"],
            workspaces.Order(StringComparer.Ordinal));
        Assert.All(
            CompiledTemplate.OfType("Microsoft.Resources/deployments").Where(module => module.Properties.GetProperty("parameters").TryGetProperty("logAnalyticsId", out _)),
            module => Assert.EndsWith("'monitoring'), '2025-04-01').outputs.logAnalyticsId.value]", CompiledTemplate.ModuleParameter(module.Name, "logAnalyticsId").GetString(), StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("api", "Microsoft.Web/sites")]
    [InlineData("dataStorage", "Microsoft.Storage/storageAccounts/blobServices")]
    [InlineData("dataStorage", "Microsoft.Storage/storageAccounts/tableServices")]
    [InlineData("monitoring", "Microsoft.Insights/components")]
    [InlineData("frontDoor", "Microsoft.Cdn/profiles")]
    [InlineData("server", "Microsoft.App/managedEnvironments")]
    public void Resource_has_a_diagnostic_setting(string module, string type)
    {
        // Act
        var scopes = CompiledTemplate.ResourcesOf(module).Where(resource => resource.Type == "Microsoft.Insights/diagnosticSettings").Select(setting => setting.Scope);

        // Assert
        Assert.Contains(scopes, scope => scope!.StartsWith($"[resourceId('{type}', ", StringComparison.Ordinal));
    }

    [Fact]
    public void Application_insights_sends_its_metrics_but_not_its_logs_twice()
    {
        // Act
        var setting = CompiledTemplate.SingleIn("monitoring", "Microsoft.Insights/diagnosticSettings");

        // Assert: a workspace-based component's telemetry is already in the workspace.
        Assert.False(setting.Properties.TryGetProperty("logs", out _));
        Assert.Equal("AllMetrics", Assert.Single(setting.Properties.GetProperty("metrics").EnumerateArray()).GetProperty("category").GetString());
        Assert.Equal("[resourceId('Microsoft.OperationalInsights/workspaces', parameters('logAnalyticsName'))]", CompiledTemplate.SingleIn("monitoring", "Microsoft.Insights/components").Properties.GetProperty("WorkspaceResourceId").GetString());
    }
}
