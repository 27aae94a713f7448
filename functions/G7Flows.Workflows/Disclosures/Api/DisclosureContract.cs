using System.Text.Json.Nodes;
using G7Flows.Workflows.Disclosures.Domain;
using G7Flows.Workflows.Disclosures.Screening;
using G7Flows.Workflows.Platform.OpenApi;
using G7Flows.Workflows.Platform.Security;
using static G7Flows.Workflows.Platform.OpenApi.ApiSchemas;

namespace G7Flows.Workflows.Disclosures.Api;

/// <summary>
/// The description of every disclosure route for the API's OpenAPI document, keyed by the route's name in
/// <see cref="DisclosuresModule"/>: summary, parameters, body and every status <see cref="DisclosureApi"/> can produce.
/// </summary>
public static class DisclosureContract
{
    private const string Tag = "Disclosures";
    private const string ExampleId = "dq3xk7vb2nw5rt6yp4zd2hc7ja";
    private const string ExampleCommentId = "cm4yl6wc3ox6su7zq5ae3id2kb";
    private const string IdPattern = "^d[a-z2-7]{25}$";
    private const string CommentIdPattern = "^c[a-z2-7]{25}$";

    private static readonly string[] Statuses = System.Enum.GetNames<DisclosureStatus>();

    public static ApiContract Contract { get; } = new(Operations(), Schemas(), new Dictionary<string, string>
    {
        [Tag] = "Transparency disclosures: staff submit them, screening and the security, human-rights and final reviews decide them, " +
            "civil society comments in the comment period, and what is approved is published.",
    });

    private static ParameterContract IdParameter => new("id", "path", "The disclosure's id: `d` and 25 lower-case base-32 characters.", String("A disclosure id.", 26, 26, IdPattern), true, ExampleId);

    private static ResponseContract Unauthorized => ResponseContract.Problem(401, "No valid bearer token.");

    private static ResponseContract NotFound => ResponseContract.Problem(404, "No disclosure has this id.");

    private static ResponseContract TooLarge => ResponseContract.Problem(413, "The body is larger than 1 MiB.");

    private static ResponseContract NotJson => ResponseContract.Problem(415, "The body is not JSON (send Content-Type: application/json).");

    private static ResponseContract Unavailable(string? what = null) => ResponseContract.Problem(
        503,
        what is null
            ? "Storage is not answering; nothing was changed. Try again shortly."
            : $"Storage is not answering, or the disclosure changed too often to store the {what}; nothing was changed. Try again shortly.");

    private static Dictionary<string, OperationContract> Operations() => new()
    {
        ["SubmitDisclosure"] = new(
            Tag,
            "Submit a disclosure",
            "Staff only. Stores the first revision and starts the workflow before it answers 202; screening runs next. " +
            "With an `Idempotency-Key`, a retry of the same request returns the same disclosure; the same key with a different body is refused with 409. " +
            "A military-expenditure disclosure carries its expenditure report (UN Report on Military Expenditures: year, currency, GDP, amounts); no other kind may.",
            [
                new(202, "The disclosure is stored and being screened; `Location` is its address.") { Schema = "DisclosureSubmitted", Location = true, Example = new JsonObject { ["id"] = ExampleId, ["status"] = "Screening", ["revision"] = 1 } },
                ResponseContract.Problem(400, "A field or the Idempotency-Key is not valid; `errors` says what to correct."),
                Unauthorized,
                ResponseContract.Problem(403, "Only staff submit disclosures."),
                ResponseContract.Problem(409, "The Idempotency-Key was already used for a different request (`idempotency-key-reused`)."),
                TooLarge,
                NotJson,
                Unavailable(),
            ])
        {
            Parameters =
            [
                new(
                    DisclosureApi.IdempotencyKeyHeader,
                    "header",
                    "Makes the submission safe to retry: the same caller and key give the same disclosure. 1 to 200 printable ASCII characters.",
                    String("An idempotency key.", 1, 200, "^[ -~]+$"),
                    false,
                    "fr-defence-policy-2026"),
            ],
            Body = new("SubmitDisclosureRequest", "The document, its kind and nation, the comment period and an optional embargo.", new JsonObject
            {
                ["nation"] = "FR",
                ["kind"] = "defence-policy",
                ["title"] = "Defence policy review 2026",
                ["body"] = "# Defence policy\n\nThe programming law sets the priorities for the coming years.",
                ["commentPeriod"] = "P14D",
                ["embargoUntil"] = "2026-06-01T09:00:00Z",
            }),
        },
        ["ListDisclosures"] = new(
            Tag,
            "List disclosures",
            "Staff only. Newest first, optionally filtered by status and nation, in pages.",
            [
                new(200, "A page of disclosures.") { Schema = "DisclosurePage" },
                ResponseContract.Problem(400, "A query parameter is not valid."),
                Unauthorized,
                ResponseContract.Problem(403, "Only staff list disclosures."),
                Unavailable(),
            ])
        {
            Parameters =
            [
                new("status", "query", "Only disclosures with this status (case-insensitive).", Enum("A status.", Statuses), false, "SecurityReview"),
                new("nation", "query", "Only this nation's disclosures.", Enum("A participant code.", Nations.All), false, "FR"),
                new("pageSize", "query", "Items per page, 1 to 100 (default 20).", Integer("Items per page.", 1, 100), false, 20),
                new("continuationToken", "query", "The `continuationToken` of the previous page.", String("An opaque token.", 1, 2000), false),
            ],
        },
        ["GetDisclosure"] = new(
            Tag,
            "Read a disclosure",
            "Staff; the nation's security reviewer and approver; human-rights reviewers; civil society while it is in its comment period. " +
            "The current revision's screening findings (excerpts masked), every revision, review and comment (staff and the approver see each " +
            "comment's moderation; others the published ones and their organisation's own), the expenditure figures, the public address once published, " +
            "and the current text both as submitted (`body`) and rendered as a structure of blocks and inlines (`document`) into which findings can be marked.",
            [
                new(200, "The disclosure.") { Schema = "Disclosure" },
                Unauthorized,
                ResponseContract.Problem(403, "The caller's role may not read disclosures, or not this nation's, or (civil society) not outside its comment period."),
                NotFound,
                Unavailable(),
            ])
        {
            Parameters = [IdParameter],
        },
        ["ReviseDisclosure"] = new(
            Tag,
            "Submit a revision",
            "Staff only, while changes are requested (after a blocking screening finding or a reviewer's request). The revision is screened " +
            "again and review starts again at the security step. Sending the same revision again returns the same 202.",
            [
                new(202, "The revision is stored and being screened.") { Schema = "RevisionAccepted", Location = true, Example = new JsonObject { ["id"] = ExampleId, ["revision"] = 2, ["status"] = "Screening", ["submittedAt"] = "2026-03-04T10:00:00+00:00" } },
                ResponseContract.Problem(400, "The body or the expenditure report is not valid, or an expenditure report was sent for another kind."),
                Unauthorized,
                ResponseContract.Problem(403, "Only staff revise disclosures."),
                NotFound,
                ResponseContract.Problem(409, "Changes are not requested at the moment (`not-changes-requested`; `disclosureStatus` says where it is)."),
                TooLarge,
                NotJson,
                Unavailable("revision"),
            ])
        {
            Parameters = [IdParameter],
            Body = new("ReviseDisclosureRequest", "The revised text, and for a military-expenditure disclosure its expenditure report.", new JsonObject
            {
                ["body"] = "# Defence policy\n\nThe units concerned are named.",
            }),
        },
        ["ReviewDisclosure"] = new(
            Tag,
            "Answer a review step",
            "The step's reviewer only: `security` the nation's security reviewer, `human-rights` a human-rights reviewer, `final` the nation's approver. " +
            "202 means the answer is stored and therefore acted on. A step is answered once per revision; sending the same answer again returns the same 202. " +
            "Final approval waits until every comment is moderated.",
            [
                new(202, "The answer is stored and acted on.") { Schema = "ReviewAccepted", Location = true, Example = new JsonObject
                {
                    ["disclosureId"] = ExampleId,
                    ["step"] = "security",
                    ["revision"] = 1,
                    ["decision"] = "approve",
                    ["comment"] = null,
                    ["reviewer"] = "fr.security@example.org",
                    ["reviewedAt"] = "2026-03-05T10:15:00+00:00",
                    ["status"] = "accepted",
                } },
                ResponseContract.Problem(400, "The decision is not one the step allows, or a comment is missing (required to request changes or reject) or too long."),
                Unauthorized,
                ResponseContract.Problem(403, "The caller does not answer this step, or acts for another nation."),
                ResponseContract.Problem(404, "No disclosure has this id, or there is no such review step."),
                ResponseContract.Problem(409, "The step was answered already (`already-answered`), the disclosure is not in this step (`not-current-step`), or comments still await moderation (`comments-awaiting-moderation`)."),
                TooLarge,
                NotJson,
                Unavailable("answer"),
            ])
        {
            Parameters = [IdParameter, new("step", "path", "The review step.", Enum("A review step.", ReviewSteps.All), true, "security")],
            Body = new("ReviewRequest", "The decision, and a comment (required to request changes or reject).", new JsonObject { ["decision"] = "request-changes", ["comment"] = "Name the units concerned." }),
        },
        ["CommentOnDisclosure"] = new(
            Tag,
            "Comment on a disclosure",
            $"Civil society only (a caller with one organisation), during the disclosure's comment period; at most {DisclosureLimits.MaxCommentsPerOrganisation} comments per organisation. " +
            "The comment waits for moderation; only published comments go public.",
            [
                new(202, "The comment is stored and waits for moderation.") { Schema = "CommentAccepted", Location = true, Example = new JsonObject
                {
                    ["id"] = ExampleCommentId,
                    ["disclosureId"] = ExampleId,
                    ["organisation"] = "Open Budget Watch",
                    ["moderation"] = "pending",
                    ["postedAt"] = "2026-03-10T08:00:00+00:00",
                } },
                ResponseContract.Problem(400, "The text is missing, longer than 5,000 characters, or has control characters."),
                Unauthorized,
                ResponseContract.Problem(403, "Only civil-society organisations comment."),
                NotFound,
                ResponseContract.Problem(409, "The disclosure is not in its comment period (`comment-period-closed`)."),
                TooLarge,
                NotJson,
                ResponseContract.Problem(429, $"The organisation has posted {DisclosureLimits.MaxCommentsPerOrganisation} comments on this disclosure (`comment-limit-reached`)."),
                Unavailable("comment"),
            ])
        {
            Parameters = [IdParameter],
            Body = new("CommentRequest", "The comment, plain text.", new JsonObject { ["text"] = "The figures should be broken down by service." }),
        },
        ["ModerateDisclosureComment"] = new(
            Tag,
            "Publish or reject a comment",
            "Staff only, and never their own comment; until final approval. A rejected comment is never shown publicly (it stays in the audit trail). " +
            "Sending the same moderation again returns the same 200.",
            [
                new(200, "The comment's moderation.") { Schema = "CommentModerated" },
                ResponseContract.Problem(400, "The decision is not publish or reject, or a rejection gives no reason, or the reason is not valid."),
                Unauthorized,
                ResponseContract.Problem(403, "Only staff moderate, and not their own comment."),
                ResponseContract.Problem(404, "No disclosure has this id, or it has no comment with this id."),
                ResponseContract.Problem(409, "The comment was moderated differently already (`already-moderated`), or moderation is over (`moderation-closed`)."),
                TooLarge,
                NotJson,
                Unavailable("moderation"),
            ])
        {
            Parameters = [IdParameter, new("commentId", "path", "The comment's id: `c` and 25 lower-case base-32 characters.", String("A comment id.", 26, 26, CommentIdPattern), true, ExampleCommentId)],
            Body = new("ModerationRequest", "Publish or reject, with a reason (required to reject).", new JsonObject { ["decision"] = "reject", ["reason"] = "Advertising, not a comment." }),
        },
        ["DiffDisclosureRevisions"] = new(
            Tag,
            "Compare two revisions",
            "Whoever may read the disclosure. The revision's text compared with the revision before it (or with `from`; 0 is the empty text), " +
            "line by line in the order of the texts: each changed block lists its removed lines, then its added ones, and a line changed " +
            "rather than added or removed carries its words marked unchanged, deleted or inserted. White space and case count. " +
            "Where more than " + RevisionDiff.MaxLinesCompared.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + " lines differ between the texts' common beginning and end, that middle is shown removed and added whole.",
            [
                new(200, "The differences.") { Schema = "RevisionDiff" },
                ResponseContract.Problem(400, "`from` is not a revision number of this disclosure (0 for the empty text)."),
                Unauthorized,
                ResponseContract.Problem(403, "The caller may not read this disclosure."),
                ResponseContract.Problem(404, "No disclosure has this id, or it has no such revision."),
                Unavailable(),
            ])
        {
            Parameters =
            [
                IdParameter,
                new("revision", "path", "The revision to show: 1 up to the current revision.", String("A revision number.", 1, 3, "^[1-9][0-9]{0,2}$"), true, "2"),
                new("from", "query", "The revision to compare with (default: the one before; 0: the empty text).", String("A revision number.", 1, 3, "^(0|[1-9][0-9]{0,2})$"), false, "1"),
            ],
        },
        ["GetDisclosureAudit"] = AuditContract.Operation(Tag, "disclosure", IdParameter, NotFound),
        ["WithdrawDisclosure"] = new(
            Tag,
            "Withdraw a disclosure",
            "Staff only, at any step before publication (also under embargo). Its open tasks go away and the workflow ends. Withdrawing it again returns the same 202.",
            [
                new(202, "The disclosure is withdrawn.") { Schema = "DisclosureWithdrawn", Location = true, Example = new JsonObject
                {
                    ["id"] = ExampleId,
                    ["status"] = "Withdrawn",
                    ["withdrawnAt"] = "2026-03-06T12:00:00+00:00",
                    ["withdrawnBy"] = "staff@example.org",
                    ["reason"] = "Withdrawn by staff: superseded by the white paper.",
                } },
                ResponseContract.Problem(400, "The reason is missing or not valid."),
                Unauthorized,
                ResponseContract.Problem(403, "Only staff withdraw disclosures."),
                NotFound,
                ResponseContract.Problem(409, "The disclosure is published or rejected already (`disclosure-closed`)."),
                TooLarge,
                NotJson,
                Unavailable("withdrawal"),
            ])
        {
            Parameters = [IdParameter],
            Body = new("WithdrawDisclosureRequest", "Why it is withdrawn.", new JsonObject { ["reason"] = "Superseded by the white paper." }),
        },
    };

    private static Dictionary<string, JsonObject> Schemas()
    {
        JsonObject nation = Enum("The disclosing participant.", Nations.All);
        JsonObject kind = Enum("The kind of disclosure.", DisclosureKinds.All);
        JsonObject status = Enum("The disclosure's status.", Statuses);
        JsonObject id = String("The disclosure's id.", 26, 26, IdPattern);
        JsonObject commentId = String("The comment's id.", 26, 26, CommentIdPattern);
        JsonObject step = Enum("A review step.", ReviewSteps.All);
        JsonObject amount = Number("An amount in the national currency, current prices.", 0);
        JsonObject count = Integer("A count.", 0);
        JsonObject cleanText = String("Plain text.");
        return new()
        {
            ["ExpenditureRequest"] = Object(
                "A military-expenditure report shaped like the UN Report on Military Expenditures, in the nation's currency at current prices.",
                [
                    ("year", Integer("The year the figures are for, from 1990 to the current year.", ExpenditureParser.FirstYear)),
                    ("currency", String("The ISO 4217 code of the nation's currency (EUR for FR, DE, IT and EU).", 3, 3, "^[A-Z]{3}$")),
                    ("gdp", Number("The gross domestic product in that currency.", (double)ExpenditureParser.MinimumGdp)),
                    ("amounts", Map(
                        "Cost category to force group to amount; a cell left out is zero.",
                        Map("Force group to amount.", amount.DeepClone().AsObject(), ForceGroups.All),
                        ExpenditureCategories.All)),
                ],
                "year",
                "currency",
                "gdp",
                "amounts"),
            ["DueRequest"] = Object(
                "Shorter due times for the review steps (for testing); each from PT5S up to the configured one.",
                [
                    ("security", Nullable(String("The security review's due time.", pattern: DurationPattern))),
                    ("humanRights", Nullable(String("The human-rights review's due time.", pattern: DurationPattern))),
                    ("final", Nullable(String("Final approval's due time.", pattern: DurationPattern))),
                ]),
            ["SubmitDisclosureRequest"] = Object(
                "A document for public release.",
                [
                    ("nation", nation.DeepClone().AsObject()),
                    ("kind", kind.DeepClone().AsObject()),
                    ("title", String("The title, on one line.", 1, 200)),
                    ("body", String("The text, CommonMark without raw HTML (line breaks and tabs allowed, no other control characters).", 1, DisclosureLimits.MaxBodyLength)),
                    ("commentPeriod", String("How long civil society may comment, PT10S to P60D (ISO-8601, such as P14D).", pattern: DurationPattern)),
                    ("embargoUntil", Nullable(String("Not published before this time (ISO 8601 with its offset), at most 366 days ahead.", maxLength: 40, format: "date-time"))),
                    ("expenditure", Nullable(Ref("ExpenditureRequest"))),
                    ("due", Nullable(Ref("DueRequest"))),
                ],
                "nation",
                "kind",
                "title",
                "body",
                "commentPeriod"),
            ["DisclosureSubmitted"] = Object(
                "A submitted disclosure.",
                [("id", id.DeepClone().AsObject()), ("status", status.DeepClone().AsObject()), ("revision", Integer("The revision stored.", 1))],
                "id",
                "status",
                "revision"),
            ["DisclosureSummary"] = Object(
                "A disclosure in the listing.",
                [
                    ("id", id.DeepClone().AsObject()),
                    ("nation", nation.DeepClone().AsObject()),
                    ("kind", kind.DeepClone().AsObject()),
                    ("title", String("The title.")),
                    ("status", status.DeepClone().AsObject()),
                    ("revision", Integer("The current revision.", 1)),
                    ("createdAt", DateTime("When it was submitted.")),
                    ("due", Nullable(DateTime("When the current review step is due."))),
                    ("publicAddress", Nullable(String("Where the public reads it, once published.", format: "uri-reference"))),
                ],
                "id",
                "nation",
                "kind",
                "title",
                "status",
                "revision",
                "createdAt",
                "due",
                "publicAddress"),
            ["DisclosurePage"] = Object(
                "A page of disclosures, newest first.",
                [
                    ("items", Array("The disclosures on this page.", Ref("DisclosureSummary"))),
                    ("continuationToken", Nullable(String("Pass as `continuationToken` for the next page; null on the last page."))),
                ],
                "items",
                "continuationToken"),
            ["ScreeningFinding"] = Object(
                "Something screening found in the current revision.",
                [
                    ("kind", String("What was found, such as classification-marking, handling-caveat, email-address or phone-number.")),
                    ("severity", Enum("Blocking findings send the disclosure back before review.", FindingSeverities.All)),
                    ("line", Integer("The line.", 0)),
                    ("column", Integer("The column.", 0)),
                    ("excerpt", String("The context, with personal data masked.")),
                    ("system", Nullable(String("The marking system (NATO, EU, US …), for a marking."))),
                    ("length", Nullable(Integer("How many UTF-16 code units the flagged span has, from `line` and `column` (null in findings stored before it was recorded).", 1))),
                ],
                "kind",
                "severity",
                "line",
                "column",
                "excerpt",
                "system",
                "length"),
            ["DisclosureRevision"] = Object(
                "A revision of the text.",
                [
                    ("number", Integer("The revision's number.", 1)),
                    ("submittedAt", DateTime("When it was submitted.")),
                    ("submittedBy", String("Who submitted it.")),
                    ("length", count.DeepClone().AsObject()),
                    ("sha256", String("The SHA-256 of its text (lower-case hex).", pattern: "^[0-9a-f]{64}$")),
                    ("screenedAt", Nullable(DateTime("When screening finished."))),
                    ("findings", Nullable(Integer("How many findings screening made.", 0))),
                    ("blocked", Nullable(Boolean("A finding blocked it."))),
                ],
                "number",
                "submittedAt",
                "submittedBy",
                "length",
                "sha256",
                "screenedAt",
                "findings",
                "blocked"),
            ["DisclosureReview"] = Object(
                "A review answer.",
                [
                    ("step", step.DeepClone().AsObject()),
                    ("revision", Integer("The revision answered.", 1)),
                    ("decision", Enum("The answer.", [ReviewDecisions.Approve, ReviewDecisions.RequestChanges, ReviewDecisions.Reject])),
                    ("comment", Nullable(String("The reviewer's comment."))),
                    ("reviewer", String("Who answered.")),
                    ("reviewedAt", DateTime("When.")),
                    ("actedAt", Nullable(DateTime("When the workflow acted on it."))),
                ],
                "step",
                "revision",
                "decision",
                "comment",
                "reviewer",
                "reviewedAt",
                "actedAt"),
            ["DisclosureComment"] = Object(
                "A civil-society comment with its moderation.",
                [
                    ("id", commentId.DeepClone().AsObject()),
                    ("organisation", String("The commenting organisation.")),
                    ("text", cleanText.DeepClone().AsObject()),
                    ("postedAt", DateTime("When it was posted.")),
                    ("moderation", Enum("Its moderation state.", [Moderation.Pending, Moderation.Published, Moderation.Rejected])),
                    ("moderatedBy", Nullable(String("Who moderated it (shown to staff and the approver)."))),
                    ("moderatedAt", Nullable(DateTime("When it was moderated."))),
                    ("reason", Nullable(String("Why it was rejected (shown to staff and the approver)."))),
                ],
                "id",
                "organisation",
                "text",
                "postedAt",
                "moderation",
                "moderatedBy",
                "moderatedAt",
                "reason"),
            ["ExpenditureReport"] = Object(
                "An expenditure report as submitted.",
                [
                    ("year", Integer("The year the figures are for.")),
                    ("currency", String("The ISO 4217 code of the national currency.", pattern: "^[A-Z]{3}$")),
                    ("gdp", Number("The gross domestic product in that currency.", 0)),
                    ("amounts", Map("Cost category to force group to amount.", Map("Force group to amount.", amount.DeepClone().AsObject(), ForceGroups.All), ExpenditureCategories.All)),
                ],
                "year",
                "currency",
                "gdp",
                "amounts"),
            ["ExpenditureView"] = Object(
                "An expenditure report with the figures computed from it and NATO's guidelines beside them (exact decimals).",
                [
                    ("report", Ref("ExpenditureReport")),
                    ("totalsByCategory", Map("The total of each cost category.", amount.DeepClone().AsObject(), ExpenditureCategories.All)),
                    ("totalsByForceGroup", Map("The total of each force group.", amount.DeepClone().AsObject(), ForceGroups.All)),
                    .. ExpenditureFigures(amount),
                ],
                ["report", "totalsByCategory", "totalsByForceGroup", .. ExpenditureFigureNames]),
            ["DisclosureFailure"] = Object(
                "A workflow step that failed for good.",
                [("step", Nullable(String("The step."))), ("reason", Nullable(String("Why."))), ("at", Nullable(DateTime("When.")))],
                "step",
                "reason",
                "at"),
            ["Disclosure"] = Object(
                "A disclosure as the caller may see it.",
                [
                    ("id", id.DeepClone().AsObject()),
                    ("nation", nation.DeepClone().AsObject()),
                    ("kind", kind.DeepClone().AsObject()),
                    ("title", String("The title.")),
                    ("status", status.DeepClone().AsObject()),
                    ("revision", Integer("The current revision.", 1)),
                    ("changeRequests", count.DeepClone().AsObject()),
                    ("currentStep", Nullable(String("The review step it waits for, if any."))),
                    ("due", Nullable(DateTime("When the current step is due."))),
                    ("createdAt", DateTime("When it was submitted.")),
                    ("createdBy", String("Who submitted it.")),
                    ("commentPeriod", String("How long the comment period lasts (ISO-8601 duration).", pattern: DurationPattern)),
                    ("commentPeriodEnds", Nullable(DateTime("When the comment period ends, once it has begun."))),
                    ("embargoUntil", Nullable(DateTime("Not published before this time."))),
                    ("outcomeReason", Nullable(String("Why it ended as it did, or why changes are requested."))),
                    ("findings", Array("The current revision's screening findings (at most a page of them).", Ref("ScreeningFinding"))),
                    ("findingsTotal", count.DeepClone().AsObject()),
                    ("revisions", Array("Every revision.", Ref("DisclosureRevision"))),
                    ("reviews", Array("Every review answer.", Ref("DisclosureReview"))),
                    ("comments", Array("The comments the caller may see.", Ref("DisclosureComment"))),
                    ("pendingComments", count.DeepClone().AsObject()),
                    ("expenditure", Nullable(Ref("ExpenditureView"))),
                    ("publishedAt", Nullable(DateTime("When it was published."))),
                    ("publicAddress", Nullable(String("Where the public reads it, once published.", format: "uri-reference"))),
                    ("publicSha256", Nullable(String("The SHA-256 of the published JSON document.", pattern: "^[0-9a-f]{64}$"))),
                    ("failure", Nullable(Ref("DisclosureFailure"))),
                    ("body", Nullable(String("The current revision's text as submitted (Markdown); findings point into it by line and column."))),
                    ("document", Nullable(Ref("StructuredDocument"))),
                ],
                "id",
                "nation",
                "kind",
                "title",
                "status",
                "revision",
                "changeRequests",
                "currentStep",
                "due",
                "createdAt",
                "createdBy",
                "commentPeriod",
                "commentPeriodEnds",
                "embargoUntil",
                "outcomeReason",
                "findings",
                "findingsTotal",
                "revisions",
                "reviews",
                "comments",
                "pendingComments",
                "expenditure",
                "publishedAt",
                "publicAddress",
                "publicSha256",
                "failure",
                "body",
                "document"),
            ["StructuredDocument"] = Object(
                "The current revision's text rendered as blocks and inlines, every string text (never HTML), with raw HTML as " +
                "literal text and links kept only for http, https and mailto addresses. Null when the text could not be " +
                "rendered within the submission's limits. Text runs carry their place in `body`, so findings can be marked in the rendering.",
                [("blocks", Array("The top-level blocks in the order of the text.", Ref("StructuredBlock")))],
                "blocks"),
            ["StructuredBlock"] = Object(
                "A block; members its kind does not use are absent.",
                [
                    ("type", Enum("The kind of block.", ["heading", "paragraph", "list", "quote", "code", "rule", "table"])),
                    ("level", Integer("A heading's level as written.", 1, 6)),
                    ("ordered", Boolean("A list is numbered.")),
                    ("start", Integer("A numbered list's first number.")),
                    ("inlines", Array("A heading's, paragraph's or code block's content.", Ref("StructuredInline"))),
                    ("blocks", Array("A quote's blocks.", Ref("StructuredBlock"))),
                    ("items", Array("A list's items, each a sequence of blocks.", Array("An item's blocks.", Ref("StructuredBlock")))),
                    ("rows", Array("A table's rows, header rows first.", Ref("StructuredRow"))),
                ],
                "type"),
            ["StructuredRow"] = Object(
                "A table row.",
                [
                    ("header", Boolean("A header row.")),
                    ("cells", Array("Each cell's content.", Array("A cell's inlines.", Ref("StructuredInline")))),
                ],
                "header",
                "cells"),
            ["StructuredInline"] = Object(
                "An inline: a text or code run, a hard line break, or emphasis, strong, strike or a link around children; members its kind does not use are absent.",
                [
                    ("type", Enum("The kind of inline.", ["text", "code", "break", "emphasis", "strong", "strike", "link"])),
                    ("text", String("A run's text, to be shown as text.")),
                    ("offset", Integer("Where the run stands in `body` (UTF-16 index); absent for text that is not in the source.", 0)),
                    ("length", Integer("How many source characters the run stands for; when it equals the text's length the text is those characters one for one.", 0)),
                    ("href", String("A link's address: http, https or mailto only.", format: "uri")),
                    ("children", Array("The inlines inside emphasis, strong, strike or a link.", Ref("StructuredInline"))),
                ],
                "type"),
            ["DiffWord"] = Object(
                "A run of words of a changed line.",
                [("change", Enum("Unchanged, or what changed on this side of the line.", DiffChanges.All)), ("text", String("The words, with their spaces and punctuation."))],
                "change",
                "text"),
            ["DiffLine"] = Object(
                "A line of the comparison.",
                [
                    ("change", Enum("Whether the line is in both texts, only the later (inserted) or only the earlier (deleted).", DiffChanges.All)),
                    ("oldLine", Nullable(Integer("The line's number in the earlier text; null when inserted.", 1))),
                    ("newLine", Nullable(Integer("The line's number in the later text; null when deleted.", 1))),
                    ("text", String("The line, without its line break.")),
                    ("words", Nullable(Array("For a changed line, its words as runs; null for a line added, removed or unchanged as a whole.", Ref("DiffWord")))),
                ],
                "change",
                "oldLine",
                "newLine",
                "text",
                "words"),
            ["DiffCounts"] = Object(
                "How many lines are unchanged, inserted and deleted.",
                [("unchanged", count.DeepClone().AsObject()), ("inserted", count.DeepClone().AsObject()), ("deleted", count.DeepClone().AsObject())],
                "unchanged",
                "inserted",
                "deleted"),
            ["RevisionDiff"] = Object(
                "Two revisions of a disclosure compared.",
                [
                    ("id", id.DeepClone().AsObject()),
                    ("revision", Integer("The revision shown.", 1)),
                    ("from", Integer("The revision it is compared with; 0 is the empty text.", 0)),
                    ("counts", Ref("DiffCounts")),
                    ("lines", Array("The lines in the order of the texts.", Ref("DiffLine"))),
                ],
                "id",
                "revision",
                "from",
                "counts",
                "lines"),
            ["ReviseDisclosureRequest"] = Object(
                "A revised text.",
                [
                    ("body", String("The revised text, CommonMark without raw HTML.", 1, DisclosureLimits.MaxBodyLength)),
                    ("expenditure", Nullable(Ref("ExpenditureRequest"))),
                ],
                "body"),
            ["RevisionAccepted"] = Object(
                "A stored revision.",
                [
                    ("id", id.DeepClone().AsObject()),
                    ("revision", Integer("The revision's number.", 2)),
                    ("status", status.DeepClone().AsObject()),
                    ("submittedAt", DateTime("When it was stored.")),
                ],
                "id",
                "revision",
                "status",
                "submittedAt"),
            ["ReviewRequest"] = Object(
                "A review answer. Final approval takes approve or reject only.",
                [
                    ("decision", Enum("The answer.", [ReviewDecisions.Approve, ReviewDecisions.RequestChanges, ReviewDecisions.Reject])),
                    ("comment", Nullable(String("Why (required to request changes or reject); plain text.", maxLength: 5000))),
                ],
                "decision"),
            ["ReviewAccepted"] = Object(
                "A stored review answer.",
                [
                    ("disclosureId", id.DeepClone().AsObject()),
                    ("step", step.DeepClone().AsObject()),
                    ("revision", Integer("The revision answered.", 1)),
                    ("decision", Enum("The answer.", [ReviewDecisions.Approve, ReviewDecisions.RequestChanges, ReviewDecisions.Reject])),
                    ("comment", Nullable(String("The comment."))),
                    ("reviewer", String("Who answered.")),
                    ("reviewedAt", DateTime("When it was stored.")),
                    ("status", Const("Taken.", "accepted")),
                ],
                "disclosureId",
                "step",
                "revision",
                "decision",
                "comment",
                "reviewer",
                "reviewedAt",
                "status"),
            ["CommentRequest"] = Object(
                "A comment.",
                [("text", String("Plain text, 1 to 5,000 characters (line breaks and tabs allowed, no other control characters).", 1, DisclosureLimits.MaxCommentLength))],
                "text"),
            ["CommentAccepted"] = Object(
                "A stored comment, waiting for moderation.",
                [
                    ("id", commentId.DeepClone().AsObject()),
                    ("disclosureId", id.DeepClone().AsObject()),
                    ("organisation", String("The commenting organisation, from the token.")),
                    ("moderation", Const("Waits for moderation.", Moderation.Pending)),
                    ("postedAt", DateTime("When it was stored.")),
                ],
                "id",
                "disclosureId",
                "organisation",
                "moderation",
                "postedAt"),
            ["ModerationRequest"] = Object(
                "A moderation.",
                [
                    ("decision", Enum("Publish or reject.", [Moderation.Publish, Moderation.Reject])),
                    ("reason", Nullable(String("Why (required to reject); plain text of at most 2,000 characters.", maxLength: 2000))),
                ],
                "decision"),
            ["CommentModerated"] = Object(
                "A moderated comment.",
                [
                    ("id", commentId.DeepClone().AsObject()),
                    ("disclosureId", id.DeepClone().AsObject()),
                    ("moderation", Enum("Its moderation state.", [Moderation.Published, Moderation.Rejected])),
                    ("reason", Nullable(String("Why it was rejected."))),
                    ("moderatedBy", String("Who moderated it.")),
                    ("moderatedAt", DateTime("When.")),
                ],
                "id",
                "disclosureId",
                "moderation",
                "reason",
                "moderatedBy",
                "moderatedAt"),
            ["WithdrawDisclosureRequest"] = Object("A withdrawal.", [("reason", String("Why, on 1 to 2,000 characters.", 1, 2000))], "reason"),
            ["DisclosureWithdrawn"] = Object(
                "A withdrawn disclosure.",
                [
                    ("id", id.DeepClone().AsObject()),
                    ("status", Const("Withdrawn.", nameof(DisclosureStatus.Withdrawn))),
                    ("withdrawnAt", DateTime("When.")),
                    ("withdrawnBy", String("Who withdrew it.")),
                    ("reason", String("Why, as recorded.")),
                ],
                "id",
                "status",
                "withdrawnAt",
                "withdrawnBy",
                "reason"),
        };
    }

    /// <summary>The total and the figures against NATO's guidelines, as both the staff and the public views of an expenditure report carry them.</summary>
    internal static IEnumerable<(string Name, JsonObject Schema)> ExpenditureFigures(JsonObject amount) =>
    [
        ("total", amount.DeepClone().AsObject()),
        ("shareOfGdp", Number("The total divided by the GDP (0.02 is 2 %).", 0)),
        ("equipmentShare", Nullable(Number("Procurement and construction plus research and development, divided by the total; null when the total is zero.", 0, 1))),
        ("gdpGuideline", Number("NATO's guideline for the share of GDP.", 0, 1)),
        ("equipmentGuideline", Number("NATO's guideline for the equipment share.", 0, 1)),
        ("meetsGdpGuideline", Boolean("The share of GDP reaches the guideline.")),
        ("meetsEquipmentGuideline", Boolean("The equipment share reaches the guideline.")),
    ];

    /// <summary>The names of <see cref="ExpenditureFigures"/>, all required.</summary>
    internal static string[] ExpenditureFigureNames => [.. ExpenditureFigures([]).Select(f => f.Name)];
}
