using Azure.Core;
using G7Flows.Workflows.Platform.Hosting;
using Microsoft.ApplicationInsights.Extensibility;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace G7Flows.Functions.Hosting;

/// <summary>The worker's Application Insights settings beyond the SDK's defaults.</summary>
public static class TelemetrySettings
{
    /// <summary>
    /// Authenticates the worker's telemetry with a managed identity when <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c>
    /// asks for it (the Functions host reads that setting itself, the worker's SDK does not, and a component with local
    /// authentication off drops unauthenticated telemetry), and lets the logging configuration decide the levels sent.
    /// </summary>
    public static IServiceCollection ConfigureG7FlowsTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (CreateCredential(configuration[AppSettingNames.ApplicationInsightsAuthentication]) is { } credential)
        {
            services.Configure<TelemetryConfiguration>(telemetry => telemetry.SetAzureTokenCredential(credential));
        }

        // The SDK's default rule sends only warnings and above; let host.json and the logging configuration decide.
        services.Configure<LoggerFilterOptions>(options =>
        {
            LoggerFilterRule? rule = options.Rules.FirstOrDefault(r =>
                r.ProviderName == "Microsoft.Extensions.Logging.ApplicationInsights.ApplicationInsightsLoggerProvider");
            if (rule is not null)
            {
                options.Rules.Remove(rule);
            }
        });
        return services;
    }

    /// <summary>
    /// The credential named by an authentication string such as <c>Authorization=AAD;ClientId=&lt;client id&gt;</c>
    /// (a user-assigned identity) or <c>Authorization=AAD</c> (the system-assigned one); null when there is none.
    /// </summary>
    public static TokenCredential? CreateCredential(string? authenticationString) =>
        TelemetryCredential.FromAuthenticationString(authenticationString);
}
