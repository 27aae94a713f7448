using G7Flows.Functions.Hosting;
using G7Flows.Workflows.Hosting;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

FunctionsApplicationBuilder builder = FunctionsApplication.CreateBuilder(args);

// ASP.NET Core integration first: it puts the HttpContext on the invocation that Easy Auth then reads.
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<EasyAuthMiddleware>();

builder.Services
    .AddG7FlowsWorkflows(builder.Configuration)
    .AddHostedService<StorageInitializer>()
    .AddApplicationInsightsTelemetryWorkerService()
    .ConfigureFunctionsApplicationInsights()
    .ConfigureG7FlowsTelemetry(builder.Configuration);

await builder.Build().RunAsync();
