using G7Flows.Functions.Hosting;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

FunctionsApplicationBuilder builder = FunctionsApplication.CreateBuilder(args);

// ASP.NET Core integration first: it puts the request's HttpContext on the invocation, which Easy Auth then reads.
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<HtmlHeadersMiddleware>();
builder.UseMiddleware<EasyAuthMiddleware>();
builder.Services.AddG7FlowsFunctionsApp(builder.Configuration);

await builder.Build().RunAsync();
