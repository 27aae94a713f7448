using G7Flows.Functions.Hosting;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

FunctionsApplicationBuilder builder = FunctionsApplication.CreateBuilder(args);

// A mistyped setting stops the worker here with one line naming it (never its value); the host logs the line.
if (FunctionsSettingsCheck.Check(builder.Configuration) is { Count: > 0 } problems)
{
    foreach (var problem in problems)
    {
        Console.Error.WriteLine(problem.ToString());
    }

    return 1;
}


// ASP.NET Core integration first: it puts the request's HttpContext on the invocation, which Easy Auth then reads.
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<HtmlHeadersMiddleware>();
builder.UseMiddleware<EasyAuthMiddleware>();
builder.Services.AddG7FlowsFunctionsApp(builder.Configuration);

await builder.Build().RunAsync();
return 0;
