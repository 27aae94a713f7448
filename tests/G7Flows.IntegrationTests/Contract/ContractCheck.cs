using System.Text.Json;
using System.Text.Json.Nodes;
using G7Flows.Workflows;

namespace G7Flows.IntegrationTests.Contract;

/// <summary>Compares one real answer with what the OpenAPI document says its operation answers.</summary>
public sealed class ContractCheck
{
    private readonly Dictionary<string, JsonObject> operations;
    private readonly ContractSchemas schemas;

    public ContractCheck(JsonObject document)
    {
        ArgumentNullException.ThrowIfNull(document);
        this.operations = document["paths"]!.AsObject()
            .SelectMany(p => p.Value!.AsObject().Select(o => o.Value!.AsObject()))
            .ToDictionary(o => o["operationId"]!.GetValue<string>(), o => o, StringComparer.Ordinal);
        this.schemas = new ContractSchemas(document);
    }

    /// <summary>The check against the document the core builds (which both hosts serve).</summary>
    public static ContractCheck Current { get; } = new(WorkflowApiDocument.Document);

    /// <summary>Every (operation, status) pair the document lists.</summary>
    public IEnumerable<(string Operation, int Status)> Documented =>
        this.operations.SelectMany(o => o.Value["responses"]!.AsObject().Select(r => (o.Key, int.Parse(r.Key, System.Globalization.CultureInfo.InvariantCulture))));

    public bool Documents(string operation, int status) =>
        this.operations.TryGetValue(operation, out JsonObject? op) && op["responses"]![status.ToString(System.Globalization.CultureInfo.InvariantCulture)] is not null;

    /// <summary>What does not match: an undocumented status, a missing Location, another media type, a body off its schema.</summary>
    public IReadOnlyList<string> Problems(string operation, int status, string? mediaType, string body, bool? hasLocation = null)
    {
        if (!this.operations.TryGetValue(operation, out JsonObject? op))
        {
            return [$"{operation} is not in the document."];
        }

        if (op["responses"]![status.ToString(System.Globalization.CultureInfo.InvariantCulture)] is not JsonObject response)
        {
            return [$"{operation} answered {status}, which it does not document: {body[..Math.Min(body.Length, 300)]}"];
        }

        var problems = new List<string>();
        if (hasLocation == false && response["headers"]?["Location"] is not null)
        {
            problems.Add($"{operation} {status} has no Location header.");
        }

        if (response["content"] is not JsonObject content)
        {
            return problems;
        }

        string type = mediaType ?? "(none)";
        if (content[type]?["schema"] is not JsonObject schema)
        {
            problems.Add($"{operation} {status} answered {type}; the document says {string.Join(" or ", content.Select(c => c.Key))}.");
            return problems;
        }

        if (schema["$ref"]?.GetValue<string>() is not { } reference)
        {
            // A text rendering (HTML, CSV, Atom): documented as a string; it must have a body, and XML must be well-formed.
            problems.AddRange(TextProblems(operation, status, type, body));
            return problems;
        }

        using JsonDocument json = JsonDocument.Parse(body);
        problems.AddRange(this.schemas.Errors(reference[(reference.LastIndexOf('/') + 1)..], json.RootElement).Select(e => $"{operation} {status}: {e}"));
        return problems;
    }

    private static IEnumerable<string> TextProblems(string operation, int status, string mediaType, string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            yield return $"{operation} {status} answered {mediaType} with no body.";
            yield break;
        }

        if (mediaType.EndsWith("xml", StringComparison.Ordinal))
        {
            string? error = null;
            try
            {
                System.Xml.Linq.XDocument.Parse(body);
            }
            catch (System.Xml.XmlException ex)
            {
                error = ex.Message;
            }

            if (error is not null)
            {
                yield return $"{operation} {status} answered {mediaType} that is not well-formed XML: {error}";
            }
        }
    }
}
