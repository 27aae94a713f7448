using Azure.Monitor.OpenTelemetry.AspNetCore;
using G7Flows.Workflows.Platform.Hosting;
using G7Flows.Workflows.Platform.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace G7Flows.Server.Hosting;

/// <summary>
/// OpenTelemetry for the server: traces of incoming requests, outgoing storage calls, the durable engine's
/// orchestrations and activities, and the core's handlers and activities; the core's workflow metrics; logs with the
/// span (and so the workflow) they belong to. Exporters are chosen by configuration, never hard coded.
/// </summary>
public static class ServerTelemetry
{
    /// <summary>Where the server sends telemetry: <c>none</c> (the default), <c>console</c> or <c>otlp</c>.</summary>
    public const string ExporterSetting = "G7Flows:Telemetry:Exporter";

    /// <summary>The standard OTLP endpoint variable; when set and no exporter is named, OTLP is used.</summary>
    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The service name in every exported signal.</summary>
    public const string ServiceName = "g7flows-server";

    /// <summary>The exporters the setting names; null with the reason when the setting is not understood.</summary>
    public static IReadOnlyList<string>? Exporters(IConfiguration configuration, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        problem = null;
        string? value = configuration[ExporterSetting];
        if (string.IsNullOrWhiteSpace(value))
        {
            return string.IsNullOrWhiteSpace(configuration[OtlpEndpointSetting]) ? [] : ["otlp"];
        }

        string[] names = [.. value.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(n => n.ToLowerInvariant())];
        if (names.FirstOrDefault(n => n is not ("none" or "console" or "otlp")) is { } unknown)
        {
            problem = $"'{unknown}' is not an exporter; use none, console or otlp (several separated by commas).";
            return null;
        }

        return [.. names.Where(n => n != "none").Distinct()];
    }

    public static WebApplicationBuilder AddG7FlowsTelemetry(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        IReadOnlyList<string> exporters = Exporters(builder.Configuration, out _) ?? [];
        bool azureMonitor = !string.IsNullOrWhiteSpace(builder.Configuration[AppSettingNames.ApplicationInsightsConnectionString]);

        // The storage SDK's own spans (one per service call, with retries) are still marked experimental.
        AppContext.SetSwitch("Azure.Experimental.EnableActivitySource", true);

        OpenTelemetryBuilder telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(ServiceName, serviceVersion: typeof(ServerTelemetry).Assembly.GetName().Version?.ToString()))
            .WithTracing(tracing =>
            {
                tracing
                    .AddSource(WorkflowTelemetry.Name)
                    .AddSource("DurableTask.Core")
                    .AddSource("Azure.Data.Tables.*", "Azure.Storage.Blobs.*");
                if (!azureMonitor)
                {
                    // The Azure Monitor distro adds these itself.
                    tracing
                        .AddAspNetCoreInstrumentation(o => o.RecordException = false)
                        .AddHttpClientInstrumentation(o => o.FilterHttpRequestMessage = request => !IsQueuePoll(request));
                }

                foreach (string exporter in exporters)
                {
                    _ = exporter == "console" ? tracing.AddConsoleExporter() : tracing.AddOtlpExporter();
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(WorkflowTelemetry.Name);
                if (!azureMonitor)
                {
                    metrics.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation();
                }

                foreach (string exporter in exporters)
                {
                    _ = exporter == "console" ? metrics.AddConsoleExporter() : metrics.AddOtlpExporter();
                }
            })
            .WithLogging(
                logging =>
                {
                    foreach (string exporter in exporters)
                    {
                        _ = exporter == "console" ? logging.AddConsoleExporter() : logging.AddOtlpExporter();
                    }
                },
                options =>
                {
                    options.IncludeScopes = true;
                    options.IncludeFormattedMessage = true;
                });
        if (azureMonitor)
        {
            // The connection string is read from configuration; with local authentication off (as infra/ deploys it), the
            // telemetry must be sent with the managed identity APPLICATIONINSIGHTS_AUTHENTICATION_STRING names.
            Azure.Core.TokenCredential? credential = TelemetryCredential.FromAuthenticationString(builder.Configuration[AppSettingNames.ApplicationInsightsAuthentication]);
            telemetry.UseAzureMonitor(o =>
            {
                if (credential is not null)
                {
                    o.Credential = credential;
                }
            });
        }

        return builder;
    }

    /// <summary>
    /// Puts the workflow id of a request (the route's <c>{id}</c>) on its span and on every log line written while it
    /// is handled (a logging scope), so that a workflow's requests are found by its id.
    /// </summary>
    public static IApplicationBuilder UseWorkflowIdScope(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        ILogger logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger("G7Flows.Requests");
        return app.Use(async (context, next) =>
        {
            if (context.GetRouteValue("id") is not string id)
            {
                await next(context);
                return;
            }

            System.Diagnostics.Activity.Current?.SetTag(WorkflowTelemetry.Tags.WorkflowId, id);
            using (logger.BeginScope(new Dictionary<string, object?> { [WorkflowTelemetry.Tags.WorkflowId] = id }))
            {
                await next(context);
            }
        });
    }

    /// <summary>
    /// The durable engine polls its queues about once a second per partition: those requests would bury everything
    /// else, so they are not traced (their cost shows in the engine's own spans and in the storage metrics).
    /// </summary>
    private static bool IsQueuePoll(HttpRequestMessage request) =>
        request.Method == HttpMethod.Get && request.RequestUri?.AbsolutePath.EndsWith("/messages", StringComparison.Ordinal) == true;
}
