using G7Flows.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Xunit;

namespace G7Flows.IntegrationTests.Telemetry;

/// <summary>The server's exporters come from configuration, and each configuration builds working providers.</summary>
public sealed class ServerTelemetryConfigurationTests
{
    [Theory]
    [InlineData(null, null, new string[0])]
    [InlineData("console", null, new[] { "console" })]
    [InlineData("console, OTLP", null, new[] { "console", "otlp" })]
    [InlineData("none", "http://127.0.0.1:4317", new string[0])]
    [InlineData(null, "http://127.0.0.1:4317", new[] { "otlp" })]
    public void The_exporters_are_the_configured_ones(string? exporter, string? otlpEndpoint, string[] expected)
    {
        IConfiguration config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [ServerTelemetry.ExporterSetting] = exporter,
            [ServerTelemetry.OtlpEndpointSetting] = otlpEndpoint,
        }).Build();

        Assert.Equal(expected, ServerTelemetry.Exporters(config, out string? problem));
        Assert.Null(problem);
    }

    [Theory]
    [InlineData("console", null, null)]
    [InlineData("otlp", null, null)]
    [InlineData(null, "InstrumentationKey=00000000-0000-0000-0000-000000000001;IngestionEndpoint=http://127.0.0.1:9/", null)]
    [InlineData(null, "InstrumentationKey=00000000-0000-0000-0000-000000000001;IngestionEndpoint=http://127.0.0.1:9/", "Authorization=AAD;ClientId=00000000-0000-0000-0000-000000000002")]
    public async Task Each_exporter_configuration_builds_the_tracer_and_meter_providers(string? exporter, string? applicationInsights, string? authentication)
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            [ServerTelemetry.ExporterSetting] = exporter,
            ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = applicationInsights,
            ["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"] = authentication,
        });
        builder.AddG7FlowsServer();
        await using WebApplication app = builder.Build();

        Assert.NotNull(app.Services.GetRequiredService<TracerProvider>());
        Assert.NotNull(app.Services.GetRequiredService<MeterProvider>());
    }
}
