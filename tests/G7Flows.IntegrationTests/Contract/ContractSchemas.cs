using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace G7Flows.IntegrationTests.Contract;

/// <summary>The OpenAPI document's schemas as JSON Schema 2020-12 validators (JsonSchema.Net), one per component, formats asserted.</summary>
public sealed class ContractSchemas(JsonObject document)
{
    private readonly string definitions = document["components"]!["schemas"]!.ToJsonString().Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal);
    private readonly ConcurrentDictionary<string, JsonSchema> schemas = new(StringComparer.Ordinal);
    private readonly string scope = Guid.NewGuid().ToString("N");

    /// <summary>The validation errors of <paramref name="body"/> against component <paramref name="name"/>; empty when it conforms.</summary>
    public IReadOnlyList<string> Errors(string name, JsonElement body)
    {
        JsonSchema schema = this.schemas.GetOrAdd(name, n => JsonSchema.FromText(
            $$"""{"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"https://g7flows.dev/contract/{{this.scope}}/{{n}}","$ref":"#/$defs/{{n}}","$defs":{{this.definitions}}}""",
            new BuildOptions { SchemaRegistry = new SchemaRegistry() }));
        EvaluationResults results = schema.Evaluate(body, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        if (results.IsValid)
        {
            return [];
        }

        List<string> errors = [.. (results.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Key} {e.Value}"))];
        return errors.Count > 0 ? errors : [$"does not match {name}"];
    }
}
