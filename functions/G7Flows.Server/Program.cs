using G7Flows.Server.Hosting;

if (args.Length > 0 && args[0] == "demo-data")
{
    return await DemoData.RunAsync(args[1..]);
}

DevelopmentSecrets.EnsureFile(Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT"));
var builder = WebApplication.CreateBuilder(args);

// A mistyped setting stops the server here with one line naming it (never its value), not with a stack trace later.
if (ServerSettingsCheck.Check(builder.Configuration, builder.Environment) is { Count: > 0 } problems)
{
    ServerSettingsCheck.Report(problems, Console.Error);
    return 1;
}

if (string.IsNullOrEmpty(builder.Configuration["urls"] + builder.Configuration["http_ports"] + builder.Configuration["https_ports"]))
{
    // The port `func start` uses, on loopback: the same URLs work for both hosts during development.
    builder.WebHost.UseUrls("http://127.0.0.1:7071");
}

await using AzuriteProcess? azurite = await LocalStorage.StartIfNeededAsync(builder.Configuration, Console.WriteLine);
builder.AddG7FlowsServer();
WebApplication app = builder.Build().UseG7FlowsServer();
app.Lifetime.ApplicationStarted.Register(() => Console.WriteLine(
    $"""
    G7Flows is listening on {string.Join(", ", app.Urls)} (API under /api, OpenAPI document at /api/openapi/v1.json{(app.Environment.IsDevelopment() ? ", reference at /scalar/v1" : string.Empty)}).
    Get a development token, for example:
      dotnet user-jwts create --project functions/G7Flows.Server --role staff --name staff@example.org
      dotnet user-jwts create --project functions/G7Flows.Server --role reviewer --claim nation=FR --name fr.reviewer@example.org
    Press Ctrl-C to stop.
    """));
await app.RunAsync();
return 0;
