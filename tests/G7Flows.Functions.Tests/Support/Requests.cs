using G7Flows.Workflows;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using G7Flows.Workflows.Platform.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace G7Flows.Functions.Tests.Support;

/// <summary>Builds requests for the HTTP functions and runs their results the way the ASP.NET Core integration does.</summary>
internal static class Requests
{
    /// <summary>
    /// Storage on a port nobody listens on (with the emulator's published development account): a test that
    /// reached storage by mistake would get a 503, never a quiet success against a running emulator.
    /// </summary>
    public const string UnreachableStorage =
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
        "BlobEndpoint=http://127.0.0.1:9/devstoreaccount1;QueueEndpoint=http://127.0.0.1:9/devstoreaccount1;TableEndpoint=http://127.0.0.1:9/devstoreaccount1;";

    /// <summary>The services the functions app registers from the core (and logging), over unreachable storage.</summary>
    public static ServiceProvider CoreServices()
    {
        IConfiguration configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [AppSettingNames.Storage] = UnreachableStorage })
            .Build();
        return new ServiceCollection()
            .AddLogging()
            .AddG7FlowsWorkflows(configuration)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public static HttpRequest Get(IServiceProvider services, ClaimsPrincipal? user, string? query = null) =>
        Create(services, HttpMethods.Get, user, body: null, contentType: null, query);

    public static HttpRequest PostJson(IServiceProvider services, ClaimsPrincipal? user, object body) =>
        Post(services, user, JsonSerializer.Serialize(body), "application/json");

    public static HttpRequest Post(IServiceProvider services, ClaimsPrincipal? user, string body, string? contentType) =>
        Create(services, HttpMethods.Post, user, Encoding.UTF8.GetBytes(body), contentType);

    public static HttpRequest Create(IServiceProvider services, string method, ClaimsPrincipal? user, byte[]? body, string? contentType, string? query = null, bool sendContentLength = true)
    {
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Method = method;
        context.Request.Scheme = "https";
        context.Request.Host = new HostString("g7flows.example.org");
        context.Request.QueryString = query is null ? QueryString.Empty : new QueryString(query);
        context.User = user ?? Callers.Anonymous();
        if (body is not null)
        {
            context.Request.Body = new MemoryStream(body);
            context.Request.ContentLength = sendContentLength ? body.Length : null;
            context.Request.ContentType = contentType;
        }

        context.Response.Body = new MemoryStream();
        return context.Request;
    }

    /// <summary>Executes a function's result against its request, as the Functions ASP.NET Core integration does, and reads the response.</summary>
    public static async Task<Answer> ExecuteAsync(IActionResult result, HttpRequest request)
    {
        HttpContext context = request.HttpContext;
        await result.ExecuteResultAsync(new ActionContext(context, new RouteData(), new ActionDescriptor()));
        context.Response.Body.Position = 0;
        string text = await new StreamReader(context.Response.Body).ReadToEndAsync();
        return new Answer(context.Response.StatusCode, context.Response.ContentType, text);
    }
}

/// <summary>A response as a client sees it.</summary>
internal sealed record Answer(int Status, string? ContentType, string Body)
{
    public JsonElement Json => JsonDocument.Parse(this.Body).RootElement;

    /// <summary>The field names of a validation problem's <c>errors</c> map.</summary>
    public IReadOnlyCollection<string> ErrorFields =>
        this.Json.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
}
