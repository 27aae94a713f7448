using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using G7Flows.IntegrationTests.Infrastructure;
using G7Flows.Workflows;
using G7Flows.Workflows.Platform.Http;
using Xunit;

namespace G7Flows.IntegrationTests.Robustness;

/// <summary>
/// Cross-site request forgery. In Azure the web app's calls carry App Service Authentication's session cookie, which a
/// browser also sends with a form that another site posts to the API. Two things stop such a form from acting, for every
/// POST route: (1) the request is refused before any handler when the browser says it comes from another site
/// (<c>Sec-Fetch-Site</c>, or an <c>Origin</c> of another host); (2) a route that reads a body reads only JSON, and a form
/// cannot send JSON (a script of another site that tries needs a CORS preflight the API never grants). The one POST route
/// without a body (repair) rests on (1) alone. The ambient credential here is a bearer token, which a browser never
/// attaches by itself, so the server's answers stand for what the functions app answers a cookie (the same check runs in
/// its middleware, see EasyAuthMiddlewareTests).
/// </summary>
[Collection(ServerCollection.Name)]
public sealed partial class CrossSiteRequestTests(ServerFixture fixture)
{
    private const string Unknown = "aaaaaaaaaaaaaaaaaaaaaaaaaa";

    /// <summary>The POST routes without a body, which only the cross-site check protects.</summary>
    private static readonly string[] Bodiless = ["RepairConsultations"];

    public static TheoryData<string> PostRoutes => [.. WorkflowModules.Routes.Where(r => r.Method == "POST").Select(r => r.Name).Order(StringComparer.Ordinal)];

    public static TheoryData<string> PostRoutesWithBodies => [.. WorkflowModules.Routes.Where(r => r.Method == "POST" && !Bodiless.Contains(r.Name)).Select(r => r.Name).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(PostRoutes))]
    public async Task A_form_another_site_posts_is_refused_before_the_route_acts(string name)
    {
        // Arrange: the caller who may use the route, with a form as another site's page would send it.
        (string path, string token) = Target(name);

        // Act
        Reply fetchMetadata = await this.PostFormAsync(path, token, r => r.Headers.Add("Sec-Fetch-Site", "cross-site"));
        Reply originOnly = await this.PostFormAsync(path, token, r => r.Headers.Add("Origin", "https://attacker.example"));

        // Assert
        foreach (Reply reply in new[] { fetchMetadata, originOnly })
        {
            Assert.Equal(HttpStatusCode.Forbidden, reply.Status);
            Assert.EndsWith("cross-site-request", reply.Problem, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(PostRoutesWithBodies))]
    public async Task A_form_is_refused_as_not_JSON_even_from_the_apps_own_pages(string name)
    {
        // Arrange
        (string path, string token) = Target(name);

        // Act: each content type a plain HTML form can send.
        var replies = new List<Reply>();
        foreach (string contentType in new[] { "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "text/plain" })
        {
            replies.Add(await this.PostFormAsync(path, token, r => r.Headers.Add("Sec-Fetch-Site", "same-origin"), contentType));
        }

        // Assert
        Assert.All(replies, reply => Assert.True(reply.Status == HttpStatusCode.UnsupportedMediaType, $"{name}: {(int)reply.Status} {reply.Text}"));
    }

    [Fact]
    public async Task The_repair_from_the_apps_own_pages_runs_and_the_same_request_from_another_site_does_not()
    {
        // Arrange
        (string path, string token) = Target("RepairConsultations");

        // Act
        Reply own = await fixture.Api.SendAsync(HttpMethod.Post, path, token, configure: r => r.Headers.Add("Sec-Fetch-Site", "same-origin"));
        Reply sameHost = await fixture.Api.SendAsync(HttpMethod.Post, path, token, configure: r => r.Headers.Add("Origin", fixture.Server.BaseAddress.GetLeftPart(UriPartial.Authority)));
        Reply other = await fixture.Api.SendAsync(HttpMethod.Post, path, token, configure: r => r.Headers.Add("Sec-Fetch-Site", "same-site"));

        // Assert: the check refuses by where the request comes from, not by what it asks.
        Assert.Equal(HttpStatusCode.OK, own.Status);
        Assert.Equal(HttpStatusCode.OK, sameHost.Status);
        Assert.Equal(HttpStatusCode.Forbidden, other.Status);
    }

    /// <summary>A path of the route (unknown ids: the checks come before any lookup) and a token of a caller it allows.</summary>
    private static (string Path, string Token) Target(string name)
    {
        ApiRoute route = WorkflowModules.Routes.Single(r => r.Name == name);
        string path = "/" + ApiRoute.Prefix + "/" + Parameter().Replace(route.Template, m => m.Groups[1].Value switch
        {
            "nation" => "FR",
            "step" => "security",
            _ => Unknown,
        });
        string token = name switch
        {
            "RespondToConsultation" => Tokens.Reviewer("FR"),
            "RepairConsultations" => Tokens.Admin(),
            "ReviewDisclosure" => Tokens.SecurityReviewer("FR"),
            "CommentOnDisclosure" => Tokens.CivilSociety("Open Budget Watch"),
            "StartConsultation" or "WithdrawConsultation" or "ExtendConsultation" or "SubmitDisclosure" or "ReviseDisclosure"
                or "ModerateDisclosureComment" or "WithdrawDisclosure" or "StartReport" => Tokens.Staff(),
            _ => throw new InvalidOperationException($"Name the caller who may use {name} here: every POST route must be covered."),
        };
        return (path, token);
    }

    private Task<Reply> PostFormAsync(string path, string token, Action<HttpRequestMessage> configure, string contentType = "application/x-www-form-urlencoded") =>
        fixture.Api.SendAsync(HttpMethod.Post, path, token, configure: r =>
        {
            r.Content = new ByteArrayContent(Encoding.UTF8.GetBytes("position=approve&decision=approve&reason=x"));
            r.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            configure(r);
        });

    [GeneratedRegex(@"\{([a-zA-Z]+)\}")]
    private static partial Regex Parameter();
}
