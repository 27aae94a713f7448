using System.Text.Json.Nodes;
using G7Flows.Workflows.Platform.OpenApi;
using static G7Flows.Workflows.Platform.OpenApi.ApiSchemas;

namespace G7Flows.Workflows.Platform.Hosting;

/// <summary>The description of the platform's routes (health, the OpenAPI document) for the API's OpenAPI document.</summary>
public static class PlatformContract
{
    private const string Tag = "Platform";

    public static ApiContract Contract { get; } = new(
        new Dictionary<string, OperationContract>
        {
            ["Health"] = new(
                Tag,
                "Check that the service and its storage answer",
                "Open to anyone. 200 when G7Flows' tables and records container answer within 5 seconds, else 503.",
                [
                    new(200, "The service and its storage answer.") { Schema = "Health", Example = new JsonObject { ["status"] = "healthy", ["storage"] = "ok" } },
                    ResponseContract.Problem(503, "Storage did not answer."),
                ]),
            ["GetOpenApiDocument"] = new(
                Tag,
                "Get this OpenAPI document",
                "Open to anyone. The OpenAPI 3.1 description of every route, the same in both hosts; generate clients from it.",
                [
                    new(200, "The OpenAPI document.") { Schema = "OpenApiDocument" },
                ]),
        },
        new Dictionary<string, JsonObject>
        {
            ["Health"] = Object(
                "The service's health.",
                [("status", Const("The service answers.", "healthy")), ("storage", Const("Storage answers.", "ok"))],
                "status",
                "storage"),
            ["OpenApiDocument"] = Object(
                "An OpenAPI 3.1 document.",
                [("openapi", String("The OpenAPI version.", pattern: "^3\\.1\\.[0-9]+$")), ("info", new JsonObject { ["type"] = "object" }), ("paths", new JsonObject { ["type"] = "object" })],
                "openapi",
                "info",
                "paths"),
        },
        new Dictionary<string, string> { [Tag] = "Health and the API's own description; open to anyone." });
}
