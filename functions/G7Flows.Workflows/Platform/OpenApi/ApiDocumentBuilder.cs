using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using G7Flows.Workflows.Platform.Http;

namespace G7Flows.Workflows.Platform.OpenApi;

/// <summary>
/// Builds the OpenAPI 3.1 document of the route table from the modules' contracts: the one place where descriptions
/// are applied, for every route of every module, the same way. Both hosts serve the document it builds.
/// </summary>
public static partial class ApiDocumentBuilder
{
    /// <summary>The name of the bearer security scheme.</summary>
    public const string BearerScheme = "bearer";

    /// <summary>
    /// The document, and its gaps: routes without a description, template parameters without one, responses or bodies
    /// naming a schema nobody defines. A route with a gap is still listed (with what is known), so the document stays
    /// servable; a test fails on any gap.
    /// </summary>
    public static (JsonObject Document, IReadOnlyList<string> Gaps) Build(IEnumerable<ApiRoute> routes, IEnumerable<ApiContract> contracts, string version)
    {
        ArgumentNullException.ThrowIfNull(routes);
        ArgumentNullException.ThrowIfNull(contracts);
        var gaps = new List<string>();
        List<ApiContract> all = [.. contracts];
        var operations = new Dictionary<string, OperationContract>(StringComparer.Ordinal);
        var schemas = new JsonObject();
        foreach (var (name, schema) in ApiSchemas.Shared.Concat(all.SelectMany(c => c.Schemas)))
        {
            schemas[name] = schema.DeepClone();
        }

        var tags = new JsonArray();
        foreach (var (name, description) in all.SelectMany(c => c.Tags))
        {
            tags.Add(new JsonObject { ["name"] = name, ["description"] = description });
        }

        foreach (var (name, operation) in all.SelectMany(c => c.Operations))
        {
            operations[name] = operation;
        }

        var paths = new JsonObject();
        foreach (ApiRoute route in routes)
        {
            string path = $"/{ApiRoute.Prefix}/{route.Template}";
            if (paths[path] is not JsonObject item)
            {
                item = [];
                paths[path] = item;
            }

            if (!operations.TryGetValue(route.Name, out OperationContract? contract))
            {
                gaps.Add($"{route.Display} ({route.Name}) has no description in its module's contract.");
                item[route.Method.ToLowerInvariant()] = new JsonObject
                {
                    ["operationId"] = route.Name,
                    ["summary"] = route.Name,
                    ["responses"] = new JsonObject { ["default"] = new JsonObject { ["description"] = "Not described yet." } },
                };
                continue;
            }

            item[route.Method.ToLowerInvariant()] = Operation(route, contract, schemas, gaps);
        }

        var document = new JsonObject
        {
            ["openapi"] = "3.1.0",
            ["info"] = new JsonObject
            {
                ["title"] = "G7Flows API",
                ["version"] = version,
                ["summary"] = "Workflows for G7 military-diplomacy staff: multi-nation consultations, transparency disclosures and periodic reports.",
                ["description"] =
                    "The same API is served by the self-hosted server and by the Azure Functions app. Every route needs a bearer " +
                    "token (JWT in the server, Microsoft Entra ID through App Service Authentication in Azure) unless it says " +
                    "otherwise; who may do what is decided per route and per nation. Every refusal is an RFC 9457 problem " +
                    "(application/problem+json), and a refused request changes nothing. Request bodies are JSON of at most 1 MiB.",
                ["license"] = new JsonObject { ["name"] = "MIT", ["identifier"] = "MIT" },
            },
            ["servers"] = new JsonArray(new JsonObject { ["url"] = "http://127.0.0.1:7071", ["description"] = "The server or `func start` on a development machine." }),
            ["security"] = new JsonArray(new JsonObject { [BearerScheme] = new JsonArray() }),
            ["tags"] = tags,
            ["paths"] = paths,
            ["components"] = new JsonObject
            {
                ["securitySchemes"] = new JsonObject
                {
                    [BearerScheme] = new JsonObject
                    {
                        ["type"] = "http",
                        ["scheme"] = "bearer",
                        ["bearerFormat"] = "JWT",
                        ["description"] =
                            "A JWT whose roles say who the caller is: `staff`, `admin`, or `reviewer` with a `nation` claim " +
                            "(or the app role `nation.XX` in Entra ID). Locally: `dotnet user-jwts create --project functions/G7Flows.Server --role staff`.",
                    },
                },
                ["schemas"] = schemas,
            },
        };
        return (document, gaps);
    }

    private static JsonObject Operation(ApiRoute route, OperationContract contract, JsonObject schemas, List<string> gaps)
    {
        var operation = new JsonObject
        {
            ["operationId"] = route.Name,
            ["summary"] = contract.Summary,
            ["description"] = contract.Description,
            ["tags"] = new JsonArray(contract.Tag),
        };

        var parameters = new JsonArray();
        foreach (Match match in TemplateParameter().Matches(route.Template))
        {
            string name = match.Groups[1].Value;
            if (!contract.Parameters.Any(p => p.In == "path" && p.Name == name))
            {
                gaps.Add($"{route.Display}: path parameter {{{name}}} is not described.");
            }
        }

        foreach (ParameterContract p in contract.Parameters)
        {
            if (p.In == "path" && !route.Template.Contains($"{{{p.Name}}}", StringComparison.Ordinal))
            {
                gaps.Add($"{route.Display}: path parameter {p.Name} is described but not in the route.");
            }

            var parameter = new JsonObject
            {
                ["name"] = p.Name,
                ["in"] = p.In,
                ["description"] = p.Description,
                ["required"] = p.Required || p.In == "path",
                ["schema"] = p.Schema.DeepClone(),
            };
            if (p.Example is not null)
            {
                parameter["example"] = p.Example.DeepClone();
            }

            parameters.Add(parameter);
        }

        if (parameters.Count > 0)
        {
            operation["parameters"] = parameters;
        }

        if (contract.Body is { } body)
        {
            CheckSchema(route, body.Schema, schemas, gaps);
            operation["requestBody"] = new JsonObject
            {
                ["required"] = true,
                ["description"] = body.Description,
                ["content"] = new JsonObject
                {
                    ["application/json"] = new JsonObject { ["schema"] = ApiSchemas.Ref(body.Schema), ["example"] = body.Example.DeepClone() },
                },
            };
        }

        var responses = new JsonObject();
        foreach (ResponseContract r in contract.Responses.OrderBy(r => r.Status))
        {
            var response = new JsonObject { ["description"] = r.Description };
            var headers = new JsonObject();
            if (r.Location)
            {
                headers["Location"] = new JsonObject
                {
                    ["description"] = "Where the resource can be read.",
                    ["schema"] = new JsonObject { ["type"] = "string", ["format"] = "uri-reference" },
                };
            }

            foreach (HeaderContract header in r.Headers)
            {
                var schema = new JsonObject { ["type"] = "string" };
                if (header.Format is not null)
                {
                    schema["format"] = header.Format;
                }

                headers[header.Name] = new JsonObject { ["description"] = header.Description, ["schema"] = schema };
            }

            if (headers.Count > 0)
            {
                response["headers"] = headers;
            }

            var content = new JsonObject();
            if (r.Schema is not null)
            {
                CheckSchema(route, r.Schema, schemas, gaps);
                var media = new JsonObject { ["schema"] = ApiSchemas.Ref(r.Schema) };
                if (r.Example is not null)
                {
                    media["example"] = r.Example.DeepClone();
                }

                content[r.MediaType] = media;
                if (r.AlsoHtml)
                {
                    content["text/html"] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "string", ["description"] = "The same, as a readable page; every user-supplied string is escaped." } };
                }
            }

            foreach (TextRendering rendering in r.Renderings)
            {
                content[rendering.MediaType] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "string", ["description"] = rendering.Description } };
            }

            if (content.Count > 0)
            {
                response["content"] = content;
            }

            responses[r.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = response;
        }

        operation["responses"] = responses;
        if (route.Access == RouteAccess.Anonymous)
        {
            operation["security"] = new JsonArray();
        }
        else if (!contract.Responses.Any(r => r.Status == 401))
        {
            gaps.Add($"{route.Display} needs a caller but documents no 401.");
        }

        return operation;
    }

    private static void CheckSchema(ApiRoute route, string name, JsonObject schemas, List<string> gaps)
    {
        if (!schemas.ContainsKey(name))
        {
            gaps.Add($"{route.Display}: schema {name} is not defined.");
        }
    }

    [GeneratedRegex("\\{([^}:?]+)[^}]*\\}")]
    private static partial Regex TemplateParameter();
}
