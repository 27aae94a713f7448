using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using G7Flows.Functions.Tests.Support;
using G7Flows.Workflows;
using G7Flows.Workflows.Platform.Http;
using Microsoft.Azure.Functions.Worker;

namespace G7Flows.Functions.Tests.OpenApi;

/// <summary>
/// The API's OpenAPI document: every route of both hosts is in it and described, the copy kept beside the functions
/// app is current, and the recommended ruleset of Redocly's linter finds no error (and no warning but two known ones) in it.
/// </summary>
public sealed class OpenApiDocumentTests
{
    /// <summary>
    /// The only warnings taken: the recommended ruleset wants a 4xx on every operation, but the anonymous health check,
    /// the document itself, the disclosures' Atom feed and the list of reports take no input and answer none, and
    /// documenting a status a handler cannot produce is what this contract avoids.
    /// </summary>
    private static readonly HashSet<string> AcceptedWarnings =
    [
        "warn operation-4xx-response: Operation must have at least one `4XX` response. at #/paths/~1api~1health/get/responses",
        "warn operation-4xx-response: Operation must have at least one `4XX` response. at #/paths/~1api~1openapi~1v1.json/get/responses",
        "warn operation-4xx-response: Operation must have at least one `4XX` response. at #/paths/~1api~1public~1disclosures~1feed.atom/get/responses",
        "warn operation-4xx-response: Operation must have at least one `4XX` response. at #/paths/~1api~1public~1reports/get/responses",
    ];

    /// <summary>Authenticated routes that read no storage, so never answer 503: the caller's own identity.</summary>
    private static readonly string[] StorageFree = ["GetMe"];

    private static readonly string CheckedIn = Repository.PathOf("functions", "G7Flows.Functions", "openapi.json");

    [Fact]
    public void Every_route_of_the_route_table_has_a_complete_description()
    {
        Assert.True(WorkflowApiDocument.Gaps.Count == 0, "Describe these routes in their module's contract:\n" + string.Join("\n", WorkflowApiDocument.Gaps));
        JsonObject paths = WorkflowApiDocument.Document["paths"]!.AsObject();
        foreach (ApiRoute route in WorkflowModules.Routes)
        {
            JsonObject? operation = paths[$"/{ApiRoute.Prefix}/{route.Template}"]?[route.Method.ToLowerInvariant()]?.AsObject();
            Assert.True(operation is not null, $"{route.Display} is not in the document.");
            Assert.Equal(route.Name, operation!["operationId"]!.GetValue<string>());
            Assert.False(string.IsNullOrWhiteSpace(operation["summary"]?.GetValue<string>()), $"{route.Display} has no summary.");
            Assert.False(string.IsNullOrWhiteSpace(operation["description"]?.GetValue<string>()), $"{route.Display} has no description.");
            JsonObject responses = operation["responses"]!.AsObject();
            Assert.Contains(responses, r => r.Key.StartsWith('2'));
            if (route.Access == RouteAccess.Authenticated)
            {
                Assert.True(responses.ContainsKey("401"), $"{route.Display} must document 401.");
                Assert.True(responses.ContainsKey("503") || StorageFree.Contains(route.Name), $"{route.Display} reads storage, so it must document 503.");
            }
        }
    }

    [Fact]
    public void Every_http_function_of_the_functions_app_is_in_the_document()
    {
        JsonObject paths = WorkflowApiDocument.Document["paths"]!.AsObject();
        // The web app's functions (its files and sign-in) are not API operations.
        var functions = FunctionsApp.ApiFunctions();

        Assert.NotEmpty(functions);
        foreach (var (name, _, http) in functions)
        {
            foreach (string method in http.Methods!)
            {
                JsonNode? operation = paths[FunctionsApp.HttpPath(http)]?[method.ToLowerInvariant()];
                Assert.True(operation is not null, $"Function {name} ({method} {FunctionsApp.HttpPath(http)}) is not in the document.");
                Assert.Equal(name, operation!["operationId"]!.GetValue<string>());
            }
        }
    }

    [Fact]
    public void The_document_kept_beside_the_functions_app_is_current()
    {
        string current = WorkflowApiDocument.Text;
        string? kept = File.Exists(CheckedIn) ? File.ReadAllText(CheckedIn) : null;
        if (kept != current)
        {
            File.WriteAllText(CheckedIn, current);
        }

        Assert.True(kept == current, $"{CheckedIn} was out of date and has been rewritten from the contracts: commit it.");
    }

    [Fact]
    public void The_security_scheme_and_the_Idempotency_Key_header_are_described()
    {
        JsonObject document = WorkflowApiDocument.Document;

        Assert.Equal("bearer", document["components"]!["securitySchemes"]!["bearer"]!["scheme"]!.GetValue<string>());
        Assert.Equal("bearer", document["security"]![0]!.AsObject().Single().Key);
        JsonArray parameters = document["paths"]!["/api/consultations"]!["post"]!["parameters"]!.AsArray();
        Assert.Contains(parameters, p => p!["name"]!.GetValue<string>() == "Idempotency-Key" && p["in"]!.GetValue<string>() == "header");
        Assert.Empty(document["paths"]!["/api/health"]!["get"]!["security"]!.AsArray());
    }

    [Fact]
    public async Task Redocly_recommended_ruleset_finds_no_error()
    {
        // Arrange: the linter is pinned in package.json; npm ci installs it (with Azurite) when it is missing.
        await G7Flows.Server.Hosting.AzuriteProcess.EnsureInstalledAsync(Repository.Root, CancellationToken.None);
        string redocly = Repository.PathOf("node_modules", "@redocly", "cli", "bin", "cli.js");
        Assert.True(File.Exists(redocly), $"The OpenAPI linter is not installed ({redocly} is missing): run `npm ci` at the repository root (package.json pins @redocly/cli).");
        string document = Path.Combine(Path.GetTempPath(), $"g7flows-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(document, WorkflowApiDocument.Text);
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = Repository.Root };
        foreach (string argument in new[] { redocly, "lint", document, "--extends=recommended", "--format=json" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        start.Environment["NO_COLOR"] = "1";

        // Act
        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        string json = await output;
        File.Delete(document);

        // Assert
        int start0 = json.IndexOf('{', StringComparison.Ordinal);
        Assert.True(start0 >= 0, $"Redocly printed no report (exit code {process.ExitCode}):\n{json}\n{await errors}");
        using JsonDocument report = JsonDocument.Parse(json[start0..]);
        var problems = report.RootElement.GetProperty("problems").EnumerateArray()
            .Select(p => $"{p.GetProperty("severity").GetString()} {p.GetProperty("ruleId").GetString()}: {p.GetProperty("message").GetString()} at {string.Join(", ", p.GetProperty("location").EnumerateArray().Select(l => l.GetProperty("pointer").GetString()))}")
            .ToList();
        Assert.True(problems.All(p => !p.StartsWith("error", StringComparison.Ordinal)), "Redocly found errors:\n" + string.Join("\n", problems));
        Assert.True(problems.All(AcceptedWarnings.Contains), "Redocly found warnings:\n" + string.Join("\n", problems.Where(p => !AcceptedWarnings.Contains(p))));
        Assert.Equal(0, process.ExitCode);
    }
}
