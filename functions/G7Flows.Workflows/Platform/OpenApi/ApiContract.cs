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

    /// <summary>Renderings whose body is text rather than JSON (CSV, HTML, Atom): besides <see cref="Schema"/>, or alone.</summary>
    public IReadOnlyList<TextRendering> Renderings { get; init; } = [];

    /// <summary>Response headers besides <c>Location</c>, such as the validators <c>ETag</c> and <c>Last-Modified</c>.</summary>
    public IReadOnlyList<HeaderContract> Headers { get; init; } = [];

    /// <summary>A problem-details answer (RFC 9457); 400 answers carry the per-field <c>errors</c> map.</summary>
    public static ResponseContract Problem(int status, string description) => new(status, description)
    {
        Schema = status == 400 ? ApiSchemas.ValidationProblem : ApiSchemas.Problem,
        MediaType = "application/problem+json",
    };

    /// <summary><c>304 Not Modified</c>: the client's copy (named by <c>If-None-Match</c>) is current; no body.</summary>
    public static ResponseContract NotModified(string description) => new(304, description) { Headers = [HeaderContract.ETag] };
}

/// <summary>A text rendering of a response: its media type and what the body holds.</summary>
public sealed record TextRendering(string MediaType, string Description);

/// <summary>A response header: its name, what it carries, and its value's format (such as <c>http-date</c>), if any.</summary>
public sealed record HeaderContract(string Name, string Description, string? Format = null)
{
    /// <summary>The entity tag of the representation, to send back in <c>If-None-Match</c>.</summary>
    public static HeaderContract ETag { get; } = new("ETag", "The representation's entity tag: send it back in `If-None-Match` to get 304 while it is current.");

    /// <summary>When the representation last changed.</summary>
    public static HeaderContract LastModified { get; } = new("Last-Modified", "When the representation last changed (an HTTP date).");
}
