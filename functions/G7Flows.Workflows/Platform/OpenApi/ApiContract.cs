using System.Text.Json.Nodes;

namespace G7Flows.Workflows.Platform.OpenApi;

/// <summary>
/// A module's part of the API contract: the description of each of its routes, keyed by the route's name
/// (<c>ApiRoute.Name</c>), the schemas they use, and the tags that group them. <see cref="ApiDocumentBuilder"/> turns
/// every module's contract and the route table into one OpenAPI document.
/// </summary>
public sealed record ApiContract(
    IReadOnlyDictionary<string, OperationContract> Operations,
    IReadOnlyDictionary<string, JsonObject> Schemas,
    IReadOnlyDictionary<string, string> Tags);

/// <summary>A module that describes its routes; every module with routes must (a test enumerates the route table).</summary>
public interface IDescribedModule
{
    ApiContract Contract { get; }
}

/// <summary>One operation: what it does, what it takes and every status it answers.</summary>
/// <param name="Responses">Every status the handler can produce, with its body; a test compares them to real answers.</param>
public sealed record OperationContract(string Tag, string Summary, string Description, IReadOnlyList<ResponseContract> Responses)
{
    /// <summary>Path parameters (each one of the route template's) and query or header parameters.</summary>
    public IReadOnlyList<ParameterContract> Parameters { get; init; } = [];

    public RequestBodyContract? Body { get; init; }
}

/// <summary>A parameter: <paramref name="In"/> is <c>path</c>, <c>query</c> or <c>header</c>.</summary>
public sealed record ParameterContract(string Name, string In, string Description, JsonObject Schema, bool Required, JsonNode? Example = null);

/// <summary>A JSON request body: the name of its schema and an example.</summary>
public sealed record RequestBodyContract(string Schema, string Description, JsonNode Example);

/// <summary>One response status with its body (a schema name, or none) and, for 201/202, the <c>Location</c> header.</summary>
public sealed record ResponseContract(int Status, string Description)
{
    /// <summary>The schema of the body (under <c>components/schemas</c>); null for no body.</summary>
    public string? Schema { get; init; }

    /// <summary>The body's media type: <c>application/json</c>, or <c>application/problem+json</c> for problems.</summary>
    public string MediaType { get; init; } = "application/json";

    public JsonNode? Example { get; init; }

    /// <summary>The response carries a <c>Location</c> header.</summary>
    public bool Location { get; init; }

    /// <summary>The same resource is also served as <c>text/html</c> (with <c>Accept: text/html</c>).</summary>
    public bool AlsoHtml { get; init; }

    /// <summary>A problem-details answer (RFC 9457); 400 answers carry the per-field <c>errors</c> map.</summary>
    public static ResponseContract Problem(int status, string description) => new(status, description)
    {
        Schema = status == 400 ? ApiSchemas.ValidationProblem : ApiSchemas.Problem,
        MediaType = "application/problem+json",
    };
}
