using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using G7Flows.IntegrationTests.Browser.WebApp;
using G7Flows.IntegrationTests.Infrastructure;
using G7Flows.Workflows.Platform.Web;
using Xunit;

namespace G7Flows.IntegrationTests.WebHosting;

/// <summary>
/// The web app's files over real HTTP from the server (its Production environment): the shell's policy headers,
/// revalidation with ETags, HEAD, problems for what is not there, and no development sign-in outside Development.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class WebAppServingTests(ServerFixture fixture)
{
    private HttpClient Http => fixture.Server.Http;

    [Fact]
    public async Task The_shell_carries_its_policy_no_sniffing_and_a_strong_ETag_and_is_always_revalidated()
    {
        // Act
        using HttpResponseMessage response = await this.Http.GetAsync(new Uri("/", UriKind.Relative));
        byte[] body = await response.Content.ReadAsByteArrayAsync();

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal(WebApp.ContentSecurityPolicy, Single(response, "Content-Security-Policy"));
        Assert.Equal("nosniff", Single(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Single(response, "X-Frame-Options"));
        Assert.Equal(WebApp.All[WebApp.Index].ETag, response.Headers.ETag?.ToString());
        Assert.False(response.Headers.ETag!.IsWeak);
        Assert.True(response.Headers.CacheControl?.NoCache);
        Assert.Equal(WebApp.All[WebApp.Index].Content, body);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/assets/app.css")]
    [InlineData("/assets/js/app.js")]
    public async Task A_copy_that_is_current_gets_304_without_a_body_and_one_that_is_not_gets_200(string path)
    {
        // Arrange
        using HttpResponseMessage first = await this.Http.GetAsync(new Uri(path, UriKind.Relative));
        EntityTagHeaderValue tag = first.Headers.ETag!;

        // Act
        using var current = new HttpRequestMessage(HttpMethod.Get, path);
        current.Headers.IfNoneMatch.Add(tag);
        using HttpResponseMessage notModified = await this.Http.SendAsync(current);
        using var stale = new HttpRequestMessage(HttpMethod.Get, path);
        stale.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"0123456789abcdef0123456789abcdef\""));
        using HttpResponseMessage modified = await this.Http.SendAsync(stale);

        // Assert
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
        Assert.Equal(tag, notModified.Headers.ETag);
        Assert.Equal(HttpStatusCode.OK, modified.StatusCode);
        Assert.Equal(WebApp.All[path].Content, await modified.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/assets/js/dom.js")]
    public async Task HEAD_answers_the_headers_of_GET_without_the_body(string path)
    {
        // Act
        using HttpResponseMessage get = await this.Http.GetAsync(new Uri(path, UriKind.Relative));
        using HttpResponseMessage head = await this.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));

        // Assert
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        Assert.Equal(get.Headers.ETag, head.Headers.ETag);
        Assert.Equal(get.Content.Headers.ContentType, head.Content.Headers.ContentType);
        Assert.Equal(WebApp.All[path].Content.Length, head.Content.Headers.ContentLength);
    }

    [Fact]
    public async Task An_asset_that_does_not_exist_is_a_404_problem()
    {
        // Act
        using HttpResponseMessage response = await this.Http.GetAsync(new Uri("/assets/js/pages/missing.js", UriKind.Relative));

        // Assert
        await AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Posting_to_the_shell_is_a_405_problem()
    {
        // Act
        using HttpResponseMessage response = await this.Http.PostAsync(new Uri("/", UriKind.Relative), new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));

        // Assert
        await AssertProblemAsync(response, HttpStatusCode.MethodNotAllowed);
    }

    [Theory]
    [InlineData("GET", "/sign-in")]
    [InlineData("POST", "/sign-in")]
    [InlineData("GET", "/sign-in.js")]
    public async Task Outside_Development_there_is_no_development_sign_in(string method, string path)
    {
        // Arrange: a well-formed sign-in as staff, which Development would answer with a token.
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = new StringContent("{\"name\":\"intruder@example.org\",\"role\":\"admin\"}", System.Text.Encoding.UTF8, "application/json");
        }

        // Act
        using HttpResponseMessage response = await this.Http.SendAsync(request);

        // Assert
        string text = await AssertProblemAsync(response, HttpStatusCode.NotFound);
        Assert.DoesNotContain("token", text, StringComparison.OrdinalIgnoreCase);
    }

    private static string? Single(HttpResponseMessage response, string header) =>
        response.Headers.TryGetValues(header, out var values) ? Assert.Single(values) : null;

    private static async Task<string> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        string text = await response.Content.ReadAsStringAsync();
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((int)status, JsonDocument.Parse(text).RootElement.GetProperty("status").GetInt32());
        return text;
    }
}
