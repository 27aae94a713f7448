using System.Net;
using G7Flows.Functions.Functions;
using G7Flows.Functions.Tests.Hosting;
using G7Flows.Functions.Tests.Support;
using G7Flows.Server.Hosting;
using G7Flows.Workflows.Platform.Hosting;
using G7Flows.Workflows.Platform.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace G7Flows.Functions.Tests.Functions;

/// <summary>
/// The functions app serves the web app from the same compiled-in files as the server, byte for byte and header for
/// header, and its <c>/sign-in</c> hands the browser to App Service Authentication when it is on.
/// </summary>
public sealed class WebTriggersTests(WebTriggersTests.ServerFixture fixture) : IClassFixture<WebTriggersTests.ServerFixture>
{
    private static readonly string[] ComparedHeaders = ["ETag", "Cache-Control", "Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy"];

    public static TheoryData<string> Files => [.. WebApp.All.Keys.Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Files))]
    public async Task The_functions_app_answers_every_file_as_the_server_does(string path)
    {
        // Arrange
        HttpRequest request = Request(HttpMethods.Get, path);

        // Act: the functions app's function for the path, and the server over HTTP.
        IActionResult result = path == WebApp.Index ? WebTriggers.ServeWebApp(request) : WebTriggers.ServeWebAsset(request);
        (int status, string? contentType, byte[] body, Dictionary<string, string> headers) = await ExecuteAsync(result, request);
        using HttpResponseMessage expected = await fixture.Http.GetAsync(new Uri(path, UriKind.Relative));
        byte[] expectedBody = await expected.Content.ReadAsByteArrayAsync();

        // Assert
        Assert.Equal(HttpStatusCode.OK, expected.StatusCode);
        Assert.Equal(200, status);
        Assert.Equal(expected.Content.Headers.ContentType?.ToString(), contentType);
        Assert.Equal(WebApp.All[path].Content, body);
        Assert.Equal(expectedBody, body);
        foreach (string name in ComparedHeaders)
        {
            // Directives in a stable order: HttpClient writes Cache-Control's back in an order of its own.
            string? server = expected.Headers.TryGetValues(name, out var values) ? Directives(string.Join(",", values)) : null;
            Assert.Equal(server, headers.TryGetValue(name, out string? value) ? Directives(value) : null);
        }
    }

    [Fact]
    public async Task A_current_copy_gets_304_and_HEAD_gets_no_body_in_the_functions_app()
    {
        // Arrange
        WebFile shell = WebApp.All[WebApp.Index];
        HttpRequest revalidate = Request(HttpMethods.Get, "/");
        revalidate.Headers.IfNoneMatch = shell.ETag;
        HttpRequest head = Request(HttpMethods.Head, "/assets/app.css");

        // Act
        var notModified = await ExecuteAsync(WebTriggers.ServeWebApp(revalidate), revalidate);
        var headers = await ExecuteAsync(WebTriggers.ServeWebAsset(head), head);

        // Assert
        Assert.Equal((304, 0), (notModified.Status, notModified.Body.Length));
        Assert.Equal((200, 0), (headers.Status, headers.Body.Length));
        Assert.Equal(WebApp.All["/assets/app.css"].ETag, headers.Headers["ETag"]);
    }

    [Fact]
    public async Task An_unknown_asset_is_a_404_problem_in_the_functions_app()
    {
        // Arrange
        HttpRequest request = Request(HttpMethods.Get, "/assets/missing.js");

        // Act
        var answer = await ExecuteAsync(WebTriggers.ServeWebAsset(request), request);

        // Assert
        Assert.Equal((404, "application/problem+json"), (answer.Status, answer.ContentType));
    }

    [Fact]
    public async Task With_Easy_Auth_on_sign_in_redirects_to_its_Microsoft_Entra_sign_in_and_back_to_the_app()
    {
        // Arrange
        HttpRequest request = Request(HttpMethods.Get, WebApp.SignInPath);

        // Act
        var answer = await ExecuteAsync(new WebTriggers(EasyAuthMiddlewareTests.Settings("true")).SignIn(request), request);

        // Assert
        Assert.Equal(302, answer.Status);
        Assert.Equal("/.auth/login/aad?post_login_redirect_uri=/", answer.Headers["Location"]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("false")]
    public async Task Without_Easy_Auth_sign_in_is_a_404_problem(string? setting)
    {
        // Arrange
        HttpRequest request = Request(HttpMethods.Get, WebApp.SignInPath);

        // Act
        var answer = await ExecuteAsync(new WebTriggers(EasyAuthMiddlewareTests.Settings(setting)).SignIn(request), request);

        // Assert
        Assert.Equal((404, "application/problem+json"), (answer.Status, answer.ContentType));
        Assert.False(answer.Headers.ContainsKey("Location"));
    }

    private static string Directives(string value) =>
        string.Join(", ", value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));

    private static HttpRequest Request(string method, string path)
    {
        HttpRequest request = Requests.Create(new ServiceCollection().AddLogging().BuildServiceProvider(), method, user: null, body: null, contentType: null);
        request.Path = path;
        return request;
    }

    /// <summary>Runs a function's result as the ASP.NET Core integration does, and reads what it wrote.</summary>
    private static async Task<(int Status, string? ContentType, byte[] Body, Dictionary<string, string> Headers)> ExecuteAsync(IActionResult result, HttpRequest request)
    {
        HttpContext context = request.HttpContext;
        await result.ExecuteResultAsync(new ActionContext(context, new Microsoft.AspNetCore.Routing.RouteData(), new Microsoft.AspNetCore.Mvc.Abstractions.ActionDescriptor()));
        var headers = context.Response.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        return (context.Response.StatusCode, context.Response.ContentType, ((MemoryStream)context.Response.Body).ToArray(), headers);
    }

    /// <summary>
    /// The server as Program.cs builds it (Production), on a free loopback port, without its durable engine and
    /// schedules: the web app's files need neither, and storage is unreachable here. One for the whole class.
    /// </summary>
    public sealed class ServerFixture : IAsyncLifetime
    {
        private WebApplication? server;
        private HttpClient? http;

        /// <summary>A client for the started server.</summary>
        public HttpClient Http => this.http ?? throw new InvalidOperationException("The server has not started.");

        public async Task InitializeAsync()
        {
            int port = AzuriteProcess.FreePort();
            WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", ContentRootPath = AppContext.BaseDirectory });
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [AppSettingNames.Storage] = Requests.UnreachableStorage, ["Logging:LogLevel:Default"] = "Warning" });
            builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
            builder.AddG7FlowsServer();
            foreach (ServiceDescriptor hosted in builder.Services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType?.Name != "GenericWebHostService").ToList())
            {
                builder.Services.Remove(hosted);
            }

            this.server = builder.Build().UseG7FlowsServer();
            await this.server.StartAsync();
            this.http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        }

        public async Task DisposeAsync()
        {
            this.http?.Dispose();
            if (this.server is not null)
            {
                await this.server.StopAsync();
                await this.server.DisposeAsync();
            }
        }
    }
}
