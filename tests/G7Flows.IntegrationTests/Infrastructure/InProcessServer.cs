using G7Flows.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace G7Flows.IntegrationTests.Infrastructure;

/// <summary>
/// The server built in this test process (the same <c>AddG7FlowsServer</c> and <c>UseG7FlowsServer</c> as Program.cs),
/// listening on a free loopback port against a given Azurite, so that a test can add in-memory exporters to it.
/// </summary>
public sealed class InProcessServer : IAsyncDisposable
{
    private InProcessServer(WebApplication app, Uri baseAddress)
    {
        this.App = app;
        this.Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public WebApplication App { get; }

    public HttpClient Http { get; }

    public static async Task<InProcessServer> StartAsync(string connectionString, string taskHub, Action<IServiceCollection> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var baseAddress = new Uri($"http://127.0.0.1:{AzuriteProcess.FreePort()}");
        WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", ContentRootPath = AppContext.BaseDirectory });
        var settings = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = connectionString,
            ["G7Flows:TaskHub"] = taskHub,
            ["G7Flows:Durable:ControlQueueVisibilityTimeout"] = "00:00:20",
            ["G7Flows:Durable:WorkItemQueueVisibilityTimeout"] = "00:00:20",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in Tokens.ServerSettings)
        {
            settings[key.Replace("__", ":", StringComparison.Ordinal)] = value;
        }

        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseUrls(baseAddress.ToString());
        builder.AddG7FlowsServer();
        configure(builder.Services);
        WebApplication app = builder.Build().UseG7FlowsServer();
        await app.StartAsync();
        return new InProcessServer(app, baseAddress);
    }

    public async ValueTask DisposeAsync()
    {
        this.Http.Dispose();
        await this.App.StopAsync();
        await this.App.DisposeAsync();
    }
}
