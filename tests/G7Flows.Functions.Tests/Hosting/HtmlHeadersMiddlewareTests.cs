using G7Flows.Functions.Hosting;
using G7Flows.Functions.Tests.Support;
using G7Flows.Workflows.Platform.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Azure.Functions.Worker;
using Moq;

namespace G7Flows.Functions.Tests.Hosting;

/// <summary>The functions app's host-wide HTML policy: whichever function writes HTML, the response carries the CSP and nosniff.</summary>
public sealed class HtmlHeadersMiddlewareTests
{
    [Theory]
    [InlineData("text/html; charset=utf-8")]
    [InlineData("text/html")]
    [InlineData("TEXT/HTML;charset=utf-8")]
    public async Task An_HTML_response_gets_the_content_security_policy_and_nosniff(string contentType)
    {
        // Arrange
        var (http, feature) = Http();

        // Act: a function (any function) writes HTML; then the response starts.
        await new HtmlHeadersMiddleware().Invoke(Context(http), _ =>
        {
            http.Response.ContentType = contentType;
            return Task.CompletedTask;
        });
        await feature.StartAsync();

        // Assert
        Assert.Equal("default-src 'none'; style-src 'unsafe-inline'", http.Response.Headers.ContentSecurityPolicy.ToString());
        Assert.Equal("nosniff", http.Response.Headers.XContentTypeOptions.ToString());
    }

    [Fact]
    public async Task A_JSON_response_gets_nosniff_and_no_content_security_policy()
    {
        // Arrange
        var (http, feature) = Http();

        // Act
        await new HtmlHeadersMiddleware().Invoke(Context(http), _ =>
        {
            http.Response.ContentType = "application/json; charset=utf-8";
            return Task.CompletedTask;
        });
        await feature.StartAsync();

        // Assert
        Assert.Equal("nosniff", http.Response.Headers.XContentTypeOptions.ToString());
        Assert.False(http.Response.Headers.ContainsKey("Content-Security-Policy"));
    }

    [Fact]
    public void The_worker_program_uses_the_middleware()
    {
        // Act
        string program = File.ReadAllText(Repository.PathOf("functions", "G7Flows.Functions", "Program.cs"));

        // Assert
        Assert.Contains("builder.UseMiddleware<HtmlHeadersMiddleware>();", program, StringComparison.Ordinal);
    }

    [Fact]
    public void The_policy_allows_no_script_and_only_inline_styles()
    {
        // Assert
        Assert.Equal("default-src 'none'; style-src 'unsafe-inline'", HtmlResponseHeaders.ContentSecurityPolicy);
    }

    private static (DefaultHttpContext Http, StartingResponseFeature Feature) Http()
    {
        var feature = new StartingResponseFeature();
        var http = new DefaultHttpContext();
        http.Features.Set<IHttpResponseFeature>(feature);
        return (http, feature);
    }

    private static FunctionContext Context(HttpContext http)
    {
        var context = new Mock<FunctionContext>();
        context.Setup(c => c.Items).Returns(new Dictionary<object, object> { ["HttpRequestContext"] = http });
        return context.Object;
    }

    /// <summary>A response feature that runs its OnStarting callbacks when told to, as a server does before the first byte.</summary>
    private sealed class StartingResponseFeature : HttpResponseFeature
    {
        private readonly List<(Func<object, Task> Callback, object State)> starting = [];

        public override void OnStarting(Func<object, Task> callback, object state) => this.starting.Add((callback, state));

        public async Task StartAsync()
        {
            Assert.NotEmpty(this.starting);
            for (int i = this.starting.Count - 1; i >= 0; i--)
            {
                await this.starting[i].Callback(this.starting[i].State);
            }
        }
    }
}
