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

    public static TheoryData<string, string, bool> Routes()
    {
        var data = new TheoryData<string, string, bool>();
        foreach (ApiRoute route in WorkflowModules.Routes)
        {
            data.Add(route.Name, route.Template, route.Access == RouteAccess.Anonymous);
        }

        return data;
    }

    private static string[] ReadPaths()
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(Repository.PathOf("infra", "anonymous-paths.json")));
        return [.. document.RootElement.GetProperty("paths").EnumerateArray().Select(p => p.GetString()!)];
    }
}
