using System.Text.Json.Nodes;
using G7Flows.Workflows.Consultations.Domain;
using G7Flows.Workflows.Platform.OpenApi;
using G7Flows.Workflows.Platform.Security;
using static G7Flows.Workflows.Platform.OpenApi.ApiSchemas;

namespace G7Flows.Workflows.Consultations.Api;

/// <summary>
/// The description of every consultation route for the API's OpenAPI document, keyed by the route's name in
/// <see cref="ConsultationsModule"/>: summary, parameters, body and every status the handler can produce.
/// </summary>
public static class ConsultationContract
{
    private const string Tag = "Consultations";
    private const string AdminTag = "Administration";
    private const string ExampleId = "mq3xk7vb2nw5rt6yp4zd2hc7ja";

    private static readonly string[] Statuses = System.Enum.GetNames<ConsultationStatus>();

    public static ApiContract Contract { get; } = new(Operations(), Schemas(), new Dictionary<string, string>
    {
        [Tag] = "Multi-nation consultations: staff start them, each participating nation's reviewer answers, the decision rule closes them and a record is published.",
        [AdminTag] = "Consultations whose tables and workflows disagree, and their repair (admins only).",
    });

    private static ParameterContract IdParameter => new("id", "path", "The consultation's id: 26 lower-case base-32 characters.", String("A consultation id.", pattern: "^[a-z2-7]{26}$"), true, ExampleId);

    private static ResponseContract Unauthorized => ResponseContract.Problem(401, "No valid bearer token.");

    private static ResponseContract Unavailable => ResponseContract.Problem(503, "Storage is not answering; nothing was changed. Try again shortly.");

    private static ResponseContract NotFound => ResponseContract.Problem(404, "No consultation has this id.");

    private static ResponseContract TooLarge => ResponseContract.Problem(413, "The body is larger than 1 MiB.");

    private static ResponseContract NotJson => ResponseContract.Problem(415, "The body is not JSON (send Content-Type: application/json).");

    private static Dictionary<string, OperationContract> Operations() => new()
    {
        ["StartConsultation"] = new(
            Tag,
            "Start a consultation",
            "Staff only. Stores the proposal, puts a review task in every participant's inbox and starts the workflow before it answers 202. " +
            "With an `Idempotency-Key`, a retry of the same request returns the same consultation; the same key with a different body is refused with 409.",
            [
                new(202, "The consultation is stored and open; `Location` is its address.") { Schema = "ConsultationStarted", Location = true, Example = new JsonObject { ["id"] = ExampleId, ["status"] = "Open", ["deadline"] = "2026-12-08T09:00:00+00:00" } },
                ResponseContract.Problem(400, "A field or the Idempotency-Key is not valid; `errors` says what to correct."),
                Unauthorized,
                ResponseContract.Problem(403, "Only staff start consultations."),
                ResponseContract.Problem(409, "The Idempotency-Key was already used for a different request (`idempotency-key-reused`)."),
                TooLarge,
                NotJson,
                Unavailable,
            ])
        {
            Parameters =
            [
                new(
                    ConsultationApi.IdempotencyKeyHeader,
                    "header",
                    "Makes the start safe to retry: the same caller and key give the same consultation. 1 to 200 printable ASCII characters.",
                    String("An idempotency key.", 1, 200, "^[ -~]+$"),
                    false,
                    "start-2026-12-01-northern-shield"),
            ],
            Body = new("StartConsultationRequest", "The proposal, its participants and the decision rule.", new JsonObject
            {
                ["title"] = "Joint exercise NORTHERN SHIELD",
                ["kind"] = "joint-exercise",
                ["summary"] = "Scenario-based peacekeeping exercise to build interoperability.",
                ["proposer"] = "FR",
                ["participants"] = new JsonArray("FR", "DE", "IT"),
                ["rule"] = "unanimity",
                ["responseWindow"] = "P7D",
                ["reminders"] = new JsonArray("P1D", "PT2H"),
            }),
        },
        ["ListConsultations"] = new(
            Tag,
            "List consultations",
            "Staff only. Newest first, optionally filtered by status and participating nation, in pages.",
            [
                new(200, "A page of consultations.") { Schema = "ConsultationPage" },
                ResponseContract.Problem(400, "A query parameter is not valid."),
                Unauthorized,
                ResponseContract.Problem(403, "Only staff list consultations."),
                Unavailable,
            ])
        {
            Parameters =
            [
                new("status", "query", "Only consultations with this status (case-insensitive).", Enum("A status.", Statuses), false, "Open"),
                new("nation", "query", "Only consultations this nation takes part in.", Enum("A participant code.", Nations.All), false, "FR"),
                new("pageSize", "query", "Items per page, 1 to 100 (default 20).", Integer("Items per page.", 1, 100), false, 20),
                new("continuationToken", "query", "The `continuationToken` of the previous page.", String("An opaque token.", 1, 2000), false),
            ],
        },
        ["GetConsultation"] = new(
            Tag,
            "Read a consultation",
            "Staff, and the reviewers of participating nations. Every nation's position, the outcome once closed and the record's address once published.",
            [
                new(200, "The consultation.") { Schema = "Consultation" },
                Unauthorized,
                ResponseContract.Problem(403, "The caller's nation does not take part, or the caller has no role that may read it."),
                NotFound,
                Unavailable,
            ])
        {
            Parameters = [IdParameter],
        },
        ["GetConsultationRecord"] = new(
            Tag,
            "Read a consultation's published record",
            "As for reading the consultation. The record published when it closed: JSON, or HTML with `Accept: text/html`. 404 until it is published.",
            [
                new(200, "The record.") { Schema = "ConsultationRecord", AlsoHtml = true },
                Unauthorized,
                ResponseContract.Problem(403, "The caller may not read this consultation."),
                ResponseContract.Problem(404, "No consultation has this id, or its record is not published yet."),
                Unavailable,
            ])
        {
            Parameters = [IdParameter],
        },
        ["GetConsultationAudit"] = AuditContract.Operation(Tag, "consultation", IdParameter, NotFound),
        ["RespondToConsultation"] = new(
            Tag,
            "Answer for a nation",
            "The reviewer of that nation only (not staff, not admins). 202 means the answer is stored and therefore counted in the outcome; " +
            "an answer that arrives once the consultation is closing or closed is refused with 409 `consultation-closed` and not counted. " +
            "A nation answers once; sending the same answer again returns the same 202.",
            [
                new(202, "The answer is stored and counted.") { Schema = "AnswerAccepted", Location = true, Example = new JsonObject
                {
                    ["consultationId"] = ExampleId,
                    ["nation"] = "FR",
                    ["position"] = "approve",
                    ["comment"] = "Agreed, with the usual caveats on logistics.",
                    ["respondent"] = "fr.reviewer@example.org",
                    ["respondedAt"] = "2026-12-02T10:15:00+00:00",
                    ["status"] = "accepted",
                } },
                ResponseContract.Problem(400, "The position or the comment is not valid."),
                Unauthorized,
                ResponseContract.Problem(403, "The caller is not this nation's reviewer, or the nation does not take part."),
                NotFound,
                ResponseContract.Problem(409, "The nation already answered differently (`already-answered`), or the consultation is closed (`consultation-closed`)."),
                TooLarge,
                NotJson,
                Unavailable,
            ])
        {
            Parameters = [IdParameter, new("nation", "path", "The answering nation's code.", Enum("A participant code.", Nations.All), true, "FR")],
            Body = new("RespondRequest", "The nation's position and an optional comment.", new JsonObject { ["position"] = "approve", ["comment"] = "Agreed, with the usual caveats on logistics." }),
        },
        ["WithdrawConsultation"] = new(
            Tag,
            "Withdraw a consultation",
            "Staff only. The workflow closes it as Withdrawn and publishes its record.",
            [
                new(202, "The withdrawal is under way.") { Schema = "WithdrawalAccepted", Location = true, Example = new JsonObject { ["id"] = ExampleId, ["status"] = "withdrawing", ["reason"] = "Superseded by the ministers' meeting." } },
                ResponseContract.Problem(400, "The reason is missing or not valid."),
                Unauthorized,
                ResponseContract.Problem(403, "Only staff withdraw consultations."),
                NotFound,
                ResponseContract.Problem(409, "The consultation is already closed (`consultation-closed`)."),
                TooLarge,
                NotJson,
                Unavailable,
            ])
        {
            Parameters = [IdParameter],
            Body = new("WithdrawRequest", "Why it is withdrawn.", new JsonObject { ["reason"] = "Superseded by the ministers' meeting." }),
        },
        ["ExtendConsultation"] = new(
            Tag,
            "Extend a consultation's deadline",
            "Staff only. `until` is the new deadline (absolute, so a retry extends once), later than the current one and at most 90 days ahead; " +
            "it is stored before the 202. A relative `by` is refused.",
            [
                new(202, "The deadline is extended.") { Schema = "ExtensionAccepted", Location = true, Example = new JsonObject { ["id"] = ExampleId, ["status"] = "extended", ["deadline"] = "2026-12-15T09:00:00+00:00" } },
                ResponseContract.Problem(400, "`until` is missing, not a time with its offset, not later than the deadline or too far ahead; or `by` was sent."),
                Unauthorized,
                ResponseContract.Problem(403, "Only staff extend consultations."),
                NotFound,
                ResponseContract.Problem(409, "The consultation is closed (`consultation-closed`) or its deadline has passed (`deadline-passed`)."),
                TooLarge,
                NotJson,
                Unavailable,
            ])
        {
            Parameters = [IdParameter],
            Body = new("ExtendRequest", "The new deadline.", new JsonObject { ["until"] = "2026-12-15T09:00:00Z" }),
        },
        ["ListConsultationDisagreements"] = new(
            AdminTag,
            "List consultations whose tables and workflows disagree",
            "Admins only. Consultations that are Open in the tables but whose workflow is missing, failed or ended.",
            [
                new(200, "The disagreements found.") { Schema = "DisagreementList" },
                Unauthorized,
                ResponseContract.Problem(403, "Only admins reconcile."),
                Unavailable,
            ]),
        ["RepairConsultations"] = new(
            AdminTag,
            "Repair consultations whose tables and workflows disagree",
            "Admins only. Starts a missing workflow from the stored consultation; marks a failed or ended one Failed and notifies staff.",
            [
                new(200, "What was repaired.") { Schema = "RepairResult" },
                Unauthorized,
                ResponseContract.Problem(403, "Only admins repair."),
                Unavailable,
            ]),
    };

    private static Dictionary<string, JsonObject> Schemas()
    {
        Dictionary<string, JsonObject> schemas = ModuleSchemas();
        foreach (var (name, schema) in AuditContract.Schemas)
        {
            schemas[name] = schema;
        }

        return schemas;
    }

    private static Dictionary<string, JsonObject> ModuleSchemas()
    {
        JsonObject nation = Enum("A participant code.", Nations.All);
        JsonObject kind = Enum("The kind of proposal.", WireNames.KindNames);
        JsonObject rule = Enum("The decision rule.", WireNames.RuleNames);
        JsonObject status = Enum("The consultation's status.", Statuses);
        JsonObject id = String("The consultation's id.", pattern: "^[a-z2-7]{26}$");
        JsonObject duration = String("An ISO-8601 duration in weeks, days, hours, minutes and seconds.", pattern: DurationPattern);
        return new()
        {
            ["StartConsultationRequest"] = Object(
                "A proposal to consult the participating nations on.",
                [
                    ("title", String("The proposal's title, on one line.", 1, 200)),
                    ("kind", kind),
                    ("summary", String("What is proposed (line breaks and tabs allowed, no other control characters).", maxLength: 20_000)),
                    ("proposer", nation.DeepClone().AsObject()),
                    ("participants", Array("The participating nations, the proposer among them.", nation.DeepClone().AsObject(), 2, 8, unique: true)),
                    ("rule", rule),
                    ("threshold", Nullable(new JsonObject { ["type"] = "number", ["description"] = "Qualified majority only: the share of participants that must approve (default 2/3).", ["exclusiveMinimum"] = 0.5, ["maximum"] = 1 })),
                    ("responseWindow", String("How long the nations have to answer, PT10S to P90D (ISO-8601, such as P7D or PT2H).", pattern: DurationPattern)),
                    ("reminders", Nullable(Array("When to remind nations that have not answered, as durations before the deadline, each shorter than the window.", duration, maxItems: 10, unique: true))),
                ],
                "title",
                "kind",
                "proposer",
                "participants",
                "rule",
                "responseWindow"),
            ["ConsultationStarted"] = Object(
                "A started consultation.",
                [("id", id.DeepClone().AsObject()), ("status", status.DeepClone().AsObject()), ("deadline", DateTime("When answers stop being taken."))],
                "id",
                "status",
                "deadline"),
            ["ConsultationSummary"] = Object(
                "A consultation in the listing.",
                [
                    ("id", id.DeepClone().AsObject()),
                    ("title", String("The title.")),
                    ("kind", kind.DeepClone().AsObject()),
                    ("rule", rule.DeepClone().AsObject()),
                    ("status", status.DeepClone().AsObject()),
                    ("participants", Array("The participating nations.", nation.DeepClone().AsObject())),
                    ("createdAt", DateTime("When it started.")),
                    ("deadline", DateTime("Its deadline.")),
                ],
                "id",
                "title",
                "kind",
                "rule",
                "status",
                "participants",
                "createdAt",
                "deadline"),
            ["ConsultationPage"] = Object(
                "A page of the listing, newest first.",
                [
                    ("items", Array("The consultations on this page.", Ref("ConsultationSummary"))),
                    ("continuationToken", Nullable(String("Pass as `continuationToken` for the next page; null on the last page."))),
                ],
                "items",
                "continuationToken"),
            ["Position"] = Object(
                "A nation's position.",
                [
                    ("nation", nation.DeepClone().AsObject()),
                    ("position", Enum("Its answer, or pending.", ["pending", .. WireNames.PositionNames])),
                    ("respondent", Nullable(String("Who answered."))),
                    ("respondedAt", Nullable(DateTime("When."))),
                    ("comment", Nullable(String("The reviewer's comment."))),
                    ("late", Boolean("The answer came after the deadline.")),
                    ("counted", Nullable(Boolean("Counted in the outcome (set when the consultation closes)."))),
                ],
                "nation",
                "position",
                "respondent",
                "respondedAt",
                "comment",
                "late",
                "counted"),
            ["Outcome"] = Object(
                "How a consultation closed.",
                [
                    ("status", status.DeepClone().AsObject()),
                    ("reason", String("Why, in words.")),
                    ("closedAt", DateTime("When it closed.")),
                    ("closedBy", Nullable(String("Who or what closed it (the workflow, the deadline, staff)."))),
                ],
                "status",
                "reason",
                "closedAt",
                "closedBy"),
            ["Consultation"] = Object(
                "A consultation with every nation's position.",
                [
                    ("id", id.DeepClone().AsObject()),
                    ("title", String("The title.")),
                    ("kind", kind.DeepClone().AsObject()),
                    ("summary", String("What is proposed.")),
                    ("proposer", nation.DeepClone().AsObject()),
                    ("participants", Array("The participating nations.", nation.DeepClone().AsObject())),
                    ("rule", rule.DeepClone().AsObject()),
                    ("threshold", Nullable(new JsonObject { ["type"] = "number", ["description"] = "Qualified majority only: the share that must approve." })),
                    ("requiredApprovals", Nullable(Integer("Qualified majority only: approvals needed.", 1))),
                    ("status", status.DeepClone().AsObject()),
                    ("createdAt", DateTime("When it started.")),
                    ("createdBy", String("Who started it.")),
                    ("deadline", DateTime("When answers stop being taken.")),
                    ("reminders", Array("Reminder points before the deadline.", duration.DeepClone().AsObject())),
                    ("extensions", Integer("How often the deadline was extended.", 0)),
                    ("positions", Array("Every participant's position.", Ref("Position"))),
                    ("outcome", Nullable(Ref("Outcome"))),
                    ("record", Nullable(String("The published record's address, once published.", format: "uri-reference"))),
                ],
                "id",
                "title",
                "kind",
                "summary",
                "proposer",
                "participants",
                "rule",
                "status",
                "createdAt",
                "createdBy",
                "deadline",
                "reminders",
                "extensions",
                "positions",
                "outcome",
                "record"),
            ["TimelineEntry"] = Object(
                "An entry of the record's timeline, from the audit trail.",
                [
                    ("at", DateTime("When.")),
                    ("actor", String("Who.")),
                    ("action", String("What, such as consultation-started or response-submitted.")),
                    ("nation", Nullable(String("The nation concerned."))),
                    ("detail", Nullable(String("Details."))),
                ],
                "at",
                "actor",
                "action"),
            ["ConsultationRecord"] = Object(
                "The published record of a closed consultation: the consultation as it closed and its timeline.",
                [
                    ("consultation", Ref("Consultation")),
                    ("timeline", Array("What happened, in order.", Ref("TimelineEntry"))),
                    ("auditHeadHash", Nullable(String("The audit chain's hash at the last entry of this history: it pins the trail as published.", pattern: "^[0-9a-f]{64}$"))),
                ],
                "consultation",
                "timeline"),
            ["RespondRequest"] = Object(
                "A nation's answer.",
                [
                    ("position", Enum("The answer.", WireNames.PositionNames)),
                    ("comment", Nullable(String("An optional comment (line breaks and tabs allowed, no other control characters).", maxLength: 4000))),
                ],
                "position"),
            ["AnswerAccepted"] = Object(
                "An answer that is stored and counted.",
                [
                    ("consultationId", id.DeepClone().AsObject()),
                    ("nation", nation.DeepClone().AsObject()),
                    ("position", Enum("The answer.", WireNames.PositionNames)),
                    ("comment", Nullable(String("The comment."))),
                    ("respondent", String("Who answered.")),
                    ("respondedAt", DateTime("When it was stored.")),
                    ("status", Const("Taken.", "accepted")),
                ],
                "consultationId",
                "nation",
                "position",
                "comment",
                "respondent",
                "respondedAt",
                "status"),
            ["WithdrawRequest"] = Object("A withdrawal.", [("reason", String("Why, on 1 to 1,000 characters.", 1, 1000))], "reason"),
            ["WithdrawalAccepted"] = Object(
                "A withdrawal under way.",
                [("id", id.DeepClone().AsObject()), ("status", Const("Being withdrawn.", "withdrawing")), ("reason", String("The reason given."))],
                "id",
                "status",
                "reason"),
            ["ExtendRequest"] = Object(
                "A new deadline.",
                [("until", String("The new deadline, ISO 8601 with its offset, such as 2026-12-15T09:00:00Z.", maxLength: 40, format: "date-time"))],
                "until"),
            ["ExtensionAccepted"] = Object(
                "An extended deadline.",
                [("id", id.DeepClone().AsObject()), ("status", Const("Extended.", "extended")), ("deadline", DateTime("The new deadline."))],
                "id",
                "status",
                "deadline"),
            ["Disagreement"] = Object(
                "A consultation whose table row and workflow disagree, and what a repair does.",
                [
                    ("consultationId", id.DeepClone().AsObject()),
                    ("tableStatus", status.DeepClone().AsObject()),
                    ("engineStatus", Nullable(String("The workflow's runtime status, if it exists."))),
                    ("problem", Enum("What is wrong.", ["workflow-missing", "workflow-failed", "workflow-ended"])),
                    ("repair", String("What a repair does.")),
                ],
                "consultationId",
                "tableStatus",
                "engineStatus",
                "problem",
                "repair"),
            ["DisagreementList"] = Object("The disagreements found.", [("items", Array("Disagreements.", Ref("Disagreement")))], "items"),
            ["RepairResult"] = Object("What was repaired.", [("repaired", Array("The disagreements repaired.", Ref("Disagreement")))], "repaired"),
        };
    }
}
