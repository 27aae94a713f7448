using System.Text.Json.Nodes;

namespace G7Flows.Workflows.Platform.OpenApi;

/// <summary>Small builders for JSON Schema (2020-12, as OpenAPI 3.1 uses it), and the schemas every module shares.</summary>
public static class ApiSchemas
{
    public const string Problem = "ProblemDetails";
    public const string ValidationProblem = "ValidationProblemDetails";

    /// <summary>An ISO-8601 duration in weeks, days, hours, minutes and seconds, such as <c>P7D</c> or <c>PT2H30M</c>.</summary>
    public const string DurationPattern = "^P(?!$)([0-9]+W)?([0-9]+D)?(T(?=[0-9])([0-9]+H)?([0-9]+M)?([0-9]+(\\.[0-9]+)?S)?)?$";

    public static JsonObject String(string description, int? minLength = null, int? maxLength = null, string? pattern = null, string? format = null)
    {
        var schema = new JsonObject { ["type"] = "string", ["description"] = description };
        if (minLength is { } min)
        {
            schema["minLength"] = min;
        }

        if (maxLength is { } max)
        {
            schema["maxLength"] = max;
        }

        if (pattern is not null)
        {
            schema["pattern"] = pattern;
        }

        if (format is not null)
        {
            schema["format"] = format;
        }

        return schema;
    }

    public static JsonObject DateTime(string description) => String(description, format: "date-time");

    public static JsonObject Enum(string description, IEnumerable<string> values) =>
        new() { ["type"] = "string", ["description"] = description, ["enum"] = new JsonArray([.. values.Select(v => (JsonNode)v)]) };

    public static JsonObject Const(string description, string value) =>
        new() { ["type"] = "string", ["description"] = description, ["const"] = value };

    public static JsonObject Integer(string description, int? minimum = null, int? maximum = null)
    {
        var schema = new JsonObject { ["type"] = "integer", ["description"] = description };
        if (minimum is { } min)
        {
            schema["minimum"] = min;
        }

        if (maximum is { } max)
        {
            schema["maximum"] = max;
        }

        return schema;
    }

    public static JsonObject Number(string description, double? minimum = null, double? maximum = null)
    {
        var schema = new JsonObject { ["type"] = "number", ["description"] = description };
        if (minimum is { } min)
        {
            schema["minimum"] = min;
        }

        if (maximum is { } max)
        {
            schema["maximum"] = max;
        }

        return schema;
    }

    /// <summary>An object used as a map: its keys are among <paramref name="keys"/> (or any, when null), each value of <paramref name="values"/>.</summary>
    public static JsonObject Map(string description, JsonObject values, IEnumerable<string>? keys = null)
    {
        var schema = new JsonObject { ["type"] = "object", ["description"] = description, ["additionalProperties"] = values };
        if (keys is not null)
        {
            schema["propertyNames"] = new JsonObject { ["enum"] = new JsonArray([.. keys.Select(k => (JsonNode)k)]) };
        }

        return schema;
    }

    public static JsonObject Boolean(string description) => new() { ["type"] = "boolean", ["description"] = description };

    public static JsonObject Array(string description, JsonObject items, int? minItems = null, int? maxItems = null, bool unique = false)
    {
        var schema = new JsonObject { ["type"] = "array", ["description"] = description, ["items"] = items };
        if (minItems is { } min)
        {
            schema["minItems"] = min;
        }

        if (maxItems is { } max)
        {
            schema["maxItems"] = max;
        }

        if (unique)
        {
            schema["uniqueItems"] = true;
        }

        return schema;
    }

    /// <summary>An object with the given properties; <paramref name="required"/> lists those always present.</summary>
    public static JsonObject Object(string description, IReadOnlyList<(string Name, JsonObject Schema)> properties, params string[] required)
    {
        var props = new JsonObject();
        foreach (var (name, schema) in properties)
        {
            props[name] = schema;
        }

        var result = new JsonObject { ["type"] = "object", ["description"] = description, ["properties"] = props };
        if (required.Length > 0)
        {
            result["required"] = new JsonArray([.. required.Select(r => (JsonNode)r)]);
        }

        return result;
    }

    /// <summary>A reference to a schema under <c>components/schemas</c>.</summary>
    public static JsonObject Ref(string name) => new() { ["$ref"] = "#/components/schemas/" + name };

    /// <summary>The schema, or null.</summary>
    public static JsonObject Nullable(JsonObject schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        if (schema["type"] is JsonValue type && type.GetValue<string>() is { } name)
        {
            JsonObject copy = schema.DeepClone().AsObject();
            copy["type"] = new JsonArray(name, "null");
            if (copy["enum"] is JsonArray values)
            {
                values.Add(null);
            }

            return copy;
        }

        return new JsonObject { ["anyOf"] = new JsonArray(schema.DeepClone(), new JsonObject { ["type"] = "null" }) };
    }

    /// <summary>The schemas of problem details (RFC 9457) that every module's refusals use.</summary>
    public static IReadOnlyDictionary<string, JsonObject> Shared { get; } = new Dictionary<string, JsonObject>
    {
        [Problem] = ProblemSchema(validation: false),
        [ValidationProblem] = ProblemSchema(validation: true),
    };

    private static JsonObject ProblemSchema(bool validation)
    {
        List<(string, JsonObject)> properties =
        [
            ("type", String("A URI naming the kind of problem, such as https://g7flows.dev/problems/consultation-closed.", format: "uri")),
            ("title", String("A short summary of the kind of problem.")),
            ("status", Integer("The HTTP status code.", 400, 599)),
            ("detail", String("What went wrong in this request, and what to do about it.")),
            ("instance", String("The request's path.")),
            ("traceId", String("The request's trace id, for the operators' logs.")),
        ];
        if (validation)
        {
            properties.Add(("errors", new JsonObject
            {
                ["type"] = "object",
                ["description"] = "For each field in error (a JSON property name, a header, or $ for the whole body), what to correct.",
                ["additionalProperties"] = Array("Messages for this field.", String("What to correct."), minItems: 1),
            }));
        }

        JsonObject schema = Object(
            validation
                ? "RFC 9457 problem details for a request that is not valid, with what to correct per field."
                : "RFC 9457 problem details: why the request was refused or failed. A refused request changes nothing.",
            properties,
            validation ? ["type", "title", "status", "errors"] : ["type", "title", "status"]);
        return schema;
    }
}
