using System.Text.Json.Nodes;
using G7Flows.Workflows.Platform.OpenApi;
using static G7Flows.Workflows.Platform.OpenApi.ApiSchemas;

namespace G7Flows.Workflows.Platform.Hosting;

/// <summary>The description of the platform's routes (health, the OpenAPI document) for the API's OpenAPI document.</summary>
public static class PlatformContract
{
    private const string Tag = "Platform";
    private const string InboxTag = "Review tasks";

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
            ["ListTasks"] = new(
                InboxTag,
                "List my open review tasks",
                "Every open review task of the caller, whatever the workflow, soonest due first: a nation's reviewer answers consultations, " +
                "a security reviewer or approver (with a nation) and a human-rights reviewer answer disclosure steps. Each task names the route to act on it.",
                [
                    new(200, "The caller's inbox.") { Schema = "TaskList" },
                    ResponseContract.Problem(401, "No valid bearer token."),
                    ResponseContract.Problem(403, "Only reviewers and approvers (with their nation where their role needs one) have an inbox."),
                    ResponseContract.Problem(503, "Storage is not answering. Try again shortly."),
                ]),
            ["GetMe"] = new(
                Tag,
                "Tell me who I am",
                "Any signed-in caller. The roles G7Flows acts on, the nation (from a nation.XX role) and the organisation (from an org.Name role) " +
                "as G7Flows reads them from the caller's token or sign-in; a role G7Flows does not know is left out. The web app uses it to show each person their work.",
                [
                    new(200, "The caller.") { Schema = "Me", Example = new JsonObject { ["subject"] = "fr.reviewer@example.org", ["name"] = "fr.reviewer@example.org", ["roles"] = new JsonArray("reviewer"), ["nation"] = "FR", ["org"] = null } },
                    ResponseContract.Problem(401, "No valid bearer token or sign-in."),
                ]),
        },
        new Dictionary<string, JsonObject>
        {
            ["Me"] = Object(
                "The caller as G7Flows sees them.",
                [
                    ("subject", String("A stable identifier of the caller.")),
                    ("name", String("A readable name.")),
                    ("roles", Array("The G7Flows roles of the caller.", String("A role: staff, reviewer, admin, security-reviewer, human-rights-reviewer, approver or civil-society."))),
                    ("nation", Nullable(String("The caller's nation (ISO 3166-1 alpha-2), or null."))),
                    ("org", Nullable(String("A civil-society caller's organisation, or null."))),
                ],
                "subject",
                "name",
                "roles",
                "nation",
                "org"),
            ["Health"] = Object(
                "The service's health.",
                [("status", Const("The service answers.", "healthy")), ("storage", Const("Storage answers.", "ok"))],
                "status",
                "storage"),
            ["ReviewTask"] = Object(
                "An open review task. Consultation tasks also carry consultationId, rule and respond; disclosure tasks step and group.",
                [
                    ("workflow", String("The workflow: consultation or disclosure.")),
                    ("id", String("The consultation's or disclosure's id.")),
                    ("consultationId", String("Consultations: the consultation's id.")),
                    ("title", String("The title.")),
                    ("kind", String("The kind of proposal or disclosure.")),
                    ("rule", String("Consultations: the decision rule.")),
                    ("step", String("Disclosures: the review step.")),
                    ("group", String("Disclosures: the assignee group the task is in.")),
                    ("due", DateTime("When the answer is due.")),
                    ("assignedAt", DateTime("When the task was assigned.")),
                    ("respond", String("Consultations: where to send the answer.", format: "uri-reference")),
                    ("act", String("The request that acts on it, such as `POST /api/disclosures/{id}/reviews/security`.")),
                ],
                "workflow",
                "id",
                "title",
                "kind",
                "due",
                "assignedAt",
                "act"),
            ["TaskList"] = Object(
                "The caller's inbox.",
                [
                    ("nation", Nullable(String("The caller's nation; null for a caller with none (a human-rights reviewer).", pattern: "^[A-Z]{2}$"))),
                    ("items", Array("Open tasks, soonest due first.", Ref("ReviewTask"))),
                ],
                "nation",
                "items"),
            ["OpenApiDocument"] = Object(
                "An OpenAPI 3.1 document.",
                [("openapi", String("The OpenAPI version.", pattern: "^3\\.1\\.[0-9]+$")), ("info", new JsonObject { ["type"] = "object" }), ("paths", new JsonObject { ["type"] = "object" })],
                "openapi",
                "info",
                "paths"),
        },
        new Dictionary<string, string>
        {
            [Tag] = "Health and the API's own description; open to anyone.",
            [InboxTag] = "Each reviewer's one inbox of open review tasks, across workflows.",
        });
}
