using System.Reflection;
using System.Text.Json;
using G7Flows.Functions.Functions;
using Microsoft.Azure.Functions.Worker;

namespace G7Flows.Functions.Tests.Support;

/// <summary>The functions app as the Functions host sees it: its generated metadata, its host.json, and its [Function] methods.</summary>
internal static class FunctionsApp
{
    public static string OutputDirectory => Repository.PathOf("functions", "G7Flows.Functions", "bin", Repository.Configuration, "net10.0");

    /// <summary>The <c>functions.metadata</c> the worker SDK generated at build time, by function name.</summary>
    public static IReadOnlyDictionary<string, JsonElement> Metadata()
    {
        string path = Path.Combine(OutputDirectory, "functions.metadata");
        Assert.True(File.Exists(path), $"{path} does not exist: build functions/G7Flows.Functions in {Repository.Configuration} first.");
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!, f => f.Clone(), StringComparer.Ordinal);
    }

    public static IEnumerable<JsonElement> Bindings(JsonElement function) => function.GetProperty("bindings").EnumerateArray();

    /// <summary>The <c>extensions.http.routePrefix</c> of the repository's host.json.</summary>
    public static string RoutePrefix()
    {
        using JsonDocument host = JsonDocument.Parse(File.ReadAllText(Repository.PathOf("host.json")));
        return host.RootElement.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString()!;
    }

    /// <summary>Every [Function] method of the app, with the trigger attribute on one of its parameters.</summary>
    public static IReadOnlyList<(string Name, MethodInfo Method, Attribute? Trigger)> Functions() =>
        typeof(HttpTriggers).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Select(m => (Method: m, Function: m.GetCustomAttribute<FunctionAttribute>()))
            .Where(f => f.Function is not null)
            .Select(f => (f.Function!.Name, f.Method, f.Method.GetParameters()
                .SelectMany(p => p.GetCustomAttributes())
                .FirstOrDefault(a => a is HttpTriggerAttribute or OrchestrationTriggerAttribute or ActivityTriggerAttribute or TimerTriggerAttribute)))
            .ToList();

    /// <summary>The path an HTTP function answers, as a client writes it: host.json's route prefix (empty) and the function's route.</summary>
    public static string HttpPath(HttpTriggerAttribute trigger)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        string prefix = RoutePrefix();
        return "/" + (prefix.Length == 0 ? trigger.Route : $"{prefix}/{trigger.Route}");
    }

    /// <summary>The HTTP functions of the API (every HTTP function but the web app's, <see cref="WebTriggers"/>).</summary>
    public static IReadOnlyList<(string Name, MethodInfo Method, HttpTriggerAttribute Trigger)> ApiFunctions() =>
        HttpFunctions().Where(f => f.Method.DeclaringType != typeof(WebTriggers)).ToList();

    /// <summary>The web app's HTTP functions.</summary>
    public static IReadOnlyList<(string Name, MethodInfo Method, HttpTriggerAttribute Trigger)> WebFunctions() =>
        HttpFunctions().Where(f => f.Method.DeclaringType == typeof(WebTriggers)).ToList();

    public static IEnumerable<string> NamesWith<TTrigger>()
        where TTrigger : Attribute =>
        Functions().Where(f => f.Trigger is TTrigger).Select(f => f.Name);

    private static IEnumerable<(string Name, MethodInfo Method, HttpTriggerAttribute Trigger)> HttpFunctions() =>
        Functions().Where(f => f.Trigger is HttpTriggerAttribute).Select(f => (f.Name, f.Method, (HttpTriggerAttribute)f.Trigger!));
}
