using System.Text.Json;
using System.Text.Json.Nodes;
using G7Flows.Workflows.Platform.OpenApi;
using Microsoft.AspNetCore.Http;

namespace G7Flows.Workflows;

/// <summary>
/// The OpenAPI document of every module's routes (<see cref="WorkflowModules.Routes"/>), described by the modules'
/// contracts; built once, served the same by both hosts at <c>/api/openapi/v1.json</c>, and kept beside the functions app as <c>openapi.json</c> for client generators.
/// </summary>
public static class WorkflowApiDocument
{
    /// <summary>The document's route below <c>/api</c>.</summary>
    public const string Route = "openapi/v1.json";

    /// <summary>The API's version, as the document states it.</summary>
    public const string Version = "1.0.0";

    private static readonly Lazy<(JsonObject Document, IReadOnlyList<string> Gaps, string Text)> Built = new(() =>
    {
        var (document, gaps) = ApiDocumentBuilder.Build(
            WorkflowModules.Routes, WorkflowModules.All.OfType<IDescribedModule>().Select(m => m.Contract), Version);
        string text = document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
        return (document, gaps, text);
    });

    /// <summary>A copy of the document.</summary>
    public static JsonObject Document => Built.Value.Document.DeepClone().AsObject();

    /// <summary>What the contracts leave undescribed (a test requires none).</summary>
    public static IReadOnlyList<string> Gaps => Built.Value.Gaps;

    /// <summary>The document as served, indented, with a final line break.</summary>
    public static string Text => Built.Value.Text;

    /// <summary>Serves the document.</summary>
    public static IResult Serve() => TypedResults.Text(Text, "application/json", System.Text.Encoding.UTF8);
}
