using System.Text.Json;
using G7Flows.Functions.Tests.Support;
using G7Flows.Workflows;
using G7Flows.Workflows.Platform.Http;

namespace G7Flows.Functions.Tests;

/// <summary>
/// Easy Auth's anonymous paths (infra/anonymous-paths.json, which the Bicep loads) and the route table agree: every
/// route marked anonymous is let through, and no route that needs a caller is.
/// </summary>
public sealed class AnonymousPathsTests
{
    private static readonly string[] Paths = ReadPaths();

    [Theory]
    [MemberData(nameof(Routes))]
    public void Easy_Auth_lets_through_exactly_the_routes_marked_anonymous(string name, string template, bool anonymous)
    {
        // Arrange: a concrete path of the route (parameters filled in).
        string path = "/" + ApiRoute.Prefix + "/" + System.Text.RegularExpressions.Regex.Replace(template, "\\{[^}]+\\}", "x");

        // Act
        bool letThrough = Paths.Any(p => p.EndsWith("/*", StringComparison.Ordinal) ? path.StartsWith(p[..^1], StringComparison.Ordinal) : path == p);

        // Assert
        Assert.True(anonymous == letThrough, $"{name} ({path}) is {(anonymous ? "anonymous" : "for callers only")} but Easy Auth {(letThrough ? "lets it through" : "does not")}.");
    }

    [Fact]
    public void Every_anonymous_path_serves_an_anonymous_route_and_the_public_routes_are_anonymous()
    {
        // Arrange: concrete paths of the anonymous routes.
        var anonymous = WorkflowModules.Routes
            .Where(r => r.Access == RouteAccess.Anonymous)
            .Select(r => "/" + ApiRoute.Prefix + "/" + System.Text.RegularExpressions.Regex.Replace(r.Template, "\\{[^}]+\\}", "x"))
            .ToList();

        // Act: the paths that open nothing.
        var unused = Paths.Where(p => !anonymous.Any(path => p.EndsWith("/*", StringComparison.Ordinal) ? path.StartsWith(p[..^1], StringComparison.Ordinal) : path == p));

        // Assert
        Assert.Empty(unused);
        Assert.Contains("/api/public/disclosures", anonymous);
        Assert.Contains("/api/public/disclosures/feed.atom", anonymous);
        Assert.Contains("/api/public/disclosures/x", anonymous);
    }

    [Fact]
    public void Easy_Auth_lets_through_the_web_apps_shell_files_and_sign_in_and_through_them_no_API_route()
    {
        // Arrange: a path each web function answers (its catch-all filled in).
        string[] web = ReadPaths("webPaths");
        var served = FunctionsApp.WebFunctions()
            .Select(f => FunctionsApp.HttpPath(f.Trigger)
                .Replace(G7Flows.Functions.Functions.WebTriggers.IndexRoute, string.Empty, StringComparison.Ordinal)
                .Replace("{*path}", "js/app.js", StringComparison.Ordinal))
            .ToList();
        var apiPaths = WorkflowModules.Routes.Select(r => "/" + ApiRoute.Prefix + "/" + System.Text.RegularExpressions.Regex.Replace(r.Template, "\\{[^}]+\\}", "x"));

        // Act
        var notLetThrough = served.Where(path => !web.Any(p => Matches(p, path)));
        var apiLetThrough = apiPaths.Where(path => web.Any(p => Matches(p, path)));

        // Assert
        Assert.Equal(["/", "/assets/js/app.js", "/sign-in"], served.Order(StringComparer.Ordinal));
        Assert.Empty(notLetThrough);
        Assert.Empty(apiLetThrough);
        Assert.Equal(G7Flows.Workflows.Platform.Web.WebApp.SignInPath, "/" + G7Flows.Functions.Functions.WebTriggers.SignInRoute);
        Assert.All(G7Flows.Workflows.Platform.Web.WebApp.All.Keys, path => Assert.Contains(web, p => Matches(p, path)));
    }

    /// <summary>Easy Auth's matching as relied on: an entry with a trailing <c>*</c> is a prefix, any other one exact.</summary>
    private static bool Matches(string pattern, string path) =>
        pattern.EndsWith("/*", StringComparison.Ordinal) ? path.StartsWith(pattern[..^1], StringComparison.Ordinal) : path == pattern;

    public static TheoryData<string, string, bool> Routes()
    {
        var data = new TheoryData<string, string, bool>();
        foreach (ApiRoute route in WorkflowModules.Routes)
        {
            data.Add(route.Name, route.Template, route.Access == RouteAccess.Anonymous);
        }

        return data;
    }

    private static string[] ReadPaths(string list = "paths")
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(Repository.PathOf("infra", "anonymous-paths.json")));
        return [.. document.RootElement.GetProperty(list).EnumerateArray().Select(p => p.GetString()!)];
    }
}
