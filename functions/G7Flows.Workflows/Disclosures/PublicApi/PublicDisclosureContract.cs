using System.Text.Json.Nodes;
using G7Flows.Workflows.Disclosures.Api;
using G7Flows.Workflows.Disclosures.Domain;
using G7Flows.Workflows.Platform.OpenApi;
using G7Flows.Workflows.Platform.Security;
using static G7Flows.Workflows.Platform.OpenApi.ApiSchemas;

namespace G7Flows.Workflows.Disclosures.PublicApi;

/// <summary>
/// The description of the anonymous routes of published disclosures for the API's OpenAPI document, keyed by the route's
/// name in <see cref="PublicDisclosuresModule"/>: every status <see cref="PublicDisclosureApi"/> can produce, and no other.
/// </summary>
public static class PublicDisclosureContract
{
    private const string Tag = "Published disclosures";
    private const string ExampleId = "fr-defence-policy-2026";

    public static ApiContract Contract { get; } = new(Operations(), Schemas(), new Dictionary<string, string>
    {
        [Tag] = "Disclosures that passed screening, review and final approval, as published: open to anyone, as JSON, HTML or an Atom feed.",
    });

    private static IReadOnlyList<HeaderContract> Validators =>
    [
        HeaderContract.ETag,
        HeaderContract.LastModified,
        new("Cache-Control", "How long the answer may be kept: `public, no-cache` for the index and the feed (revalidate with `If-None-Match`), `public, max-age=300` for a disclosure."),
    ];

    private static ParameterContract IfNoneMatch => new(
        "If-None-Match",
        "header",
        "The `ETag` of a copy the client has; when it is still current the answer is 304 with no body.",
        String("Entity tags, as HTTP sends them.", maxLength: 2000),
        false,
        "\"3f2a9c0e5b7d41a6c8e2f0b9d7a5c3e1f2a4b6c8d0e2f4a6b8c0d2e4f6a8b0c2\"");

    private static ResponseContract Unavailable => ResponseContract.Problem(503, "Storage is not answering. Try again shortly.");

    private static Dictionary<string, OperationContract> Operations() => new()
    {
        ["ListPublicDisclosures"] = new(
            Tag,
            "List published disclosures",
            "Open to anyone. The index of published disclosures, newest first, in pages that neither repeat nor skip entries " +
            "when new ones are published meanwhile. JSON, or an HTML page with `Accept: text/html` (HTML wins when the client " +
            "prefers it to JSON, as browsers do). Revalidate with `If-None-Match`.",
            [
                new(200, "A page of the index.")
                {
                    Schema = "PublicDisclosurePage",
                    AlsoHtml = true,
                    Headers = Validators,
                    Example = new JsonObject
                    {
                        ["items"] = new JsonArray(IndexItemExample()),
                        ["continuationToken"] = null,
                    },
                },
                ResponseContract.NotModified("The client's copy (named in `If-None-Match`) is current; no body."),
                ResponseContract.Problem(400, "`pageSize` is not a whole number from 1 to 100, or `continuationToken` is not one G7Flows gave out."),
                Unavailable,
            ])
        {
            Parameters =
            [
                new("pageSize", "query", $"Entries per page, 1 to {PublicDisclosureApi.MaxPageSize} (default {PublicDisclosureApi.DefaultPageSize}).", Integer("Entries per page.", 1, PublicDisclosureApi.MaxPageSize), false, 20),
                new("continuationToken", "query", "The `continuationToken` of the previous page.", String("An opaque token.", 1, 2000), false),
                IfNoneMatch,
            ],
        },
        ["GetPublicDisclosuresFeed"] = new(
            Tag,
            "Follow published disclosures (Atom)",
            $"Open to anyone. An Atom feed (RFC 4287) of the newest {PublicDisclosureApi.FeedSize} publications, each entry linking to " +
            "the disclosure's page. Revalidate with `If-None-Match`.",
            [
                new(200, "The feed.")
                {
                    Renderings = [new("application/atom+xml", "An Atom 1.0 feed; every user-supplied string is escaped.")],
                    Headers = Validators,
                },
                ResponseContract.NotModified("The client's copy (named in `If-None-Match`) is current; no body."),
                Unavailable,
            ])
        {
            Parameters = [IfNoneMatch],
        },
        ["GetPublicDisclosure"] = new(
            Tag,
            "Read a published disclosure",
            "Open to anyone. The approved text (CommonMark), its published comments, and for a military-expenditure statement " +
            "its figures and their comparison with NATO's guidelines. JSON, or an HTML page with `Accept: text/html`. " +
            "Only what was published can be read here: anything else is 404. Revalidate with `If-None-Match`.",
            [
                new(200, "The disclosure.")
                {
                    Schema = "PublicDisclosure",
                    AlsoHtml = true,
                    Headers = Validators,
                },
                ResponseContract.NotModified("The client's copy (named in `If-None-Match`) is current; no body."),
                ResponseContract.Problem(404, "No published disclosure has this id."),
                Unavailable,
            ])
        {
            Parameters =
            [
                new("id", "path", "The disclosure's id: 1 to 64 letters, digits, `-` or `_`.", String("A disclosure id.", 1, 64, "^[A-Za-z0-9_-]+$"), true, ExampleId),
                IfNoneMatch,
            ],
        },
    };

    private static JsonObject IndexItemExample() => new()
    {
        ["id"] = ExampleId,
        ["nation"] = "FR",
        ["kind"] = "defence-policy",
        ["title"] = "Defence policy review 2026",
        ["publishedAt"] = "2026-03-20T12:30:00Z",
        ["sha256"] = "3f2a9c0e5b7d41a6c8e2f0b9d7a5c3e1f2a4b6c8d0e2f4a6b8c0d2e4f6a8b0c2",
        ["url"] = "/api/public/disclosures/" + ExampleId,
    };

    private static Dictionary<string, JsonObject> Schemas()
    {
        JsonObject id = String("The disclosure's id.", 1, 64, "^[A-Za-z0-9_-]+$");
        JsonObject nation = Enum("The disclosing participant.", Nations.All);
        JsonObject kind = Enum("The kind of disclosure.", DisclosureKinds.All);
        JsonObject path = String("Where it is read.", format: "uri-reference");
        JsonObject amount = Number("An amount in the national currency, current prices.", 0);
        return new()
        {
            ["PublicDisclosureSummary"] = Object(
                "A published disclosure in the index.",
                [
                    ("id", id.DeepClone().AsObject()),
                    ("nation", nation.DeepClone().AsObject()),
                    ("kind", kind.DeepClone().AsObject()),
                    ("title", String("The title; plain text.")),
                    ("publishedAt", DateTime("When it was published (UTC).")),
                    ("sha256", String("The SHA-256 of the published JSON document: the `ETag` of `GET /api/public/disclosures/{id}`.", pattern: "^[0-9a-f]{64}$")),
                    ("url", path.DeepClone().AsObject()),
                ],
                "id",
                "nation",
                "kind",
                "title",
                "publishedAt",
                "sha256",
                "url"),
            ["PublicDisclosurePage"] = Object(
                "A page of the index of published disclosures, newest first.",
                [
                    ("items", Array("The disclosures on this page.", Ref("PublicDisclosureSummary"))),
                    ("continuationToken", Nullable(String("Pass as `continuationToken` for the next (older) page; null on the last page."))),
                ],
                "items",
                "continuationToken"),
            ["PublicComment"] = Object(
                "A civil-society comment that moderation published.",
                [
                    ("id", String("The comment's id.")),
                    ("organisation", String("The commenting organisation; plain text.")),
                    ("text", String("The comment; plain text, line breaks kept.")),
                    ("postedAt", DateTime("When it was posted (UTC).")),
                ],
                "id",
                "organisation",
                "text",
                "postedAt"),
            ["ExpenditureFigures"] = Object(
                "What is computed from the amounts: exact decimals, not rounded.",
                [
                    ("byCategory", Map("The total of each cost category.", amount.DeepClone().AsObject(), ExpenditureCategories.All)),
                    ("byForceGroup", Map("The total of each force group.", amount.DeepClone().AsObject(), ForceGroups.All)),
                    .. DisclosureContract.ExpenditureFigures(amount),
                ],
                ["byCategory", "byForceGroup", .. DisclosureContract.ExpenditureFigureNames]),
            ["PublishedExpenditure"] = Object(
                "A military-expenditure statement shaped like the UN Report on Military Expenditures, and its figures.",
                [
                    ("year", Integer("The year the figures are for.")),
                    ("currency", String("The ISO 4217 code of the national currency.", pattern: "^[A-Z]{3}$")),
                    ("gdp", Number("The gross domestic product in the same currency, current prices.", 0)),
                    ("amounts", Map(
                        "Cost category to force group to amount; a cell that is not there is zero.",
                        Map("Force group to amount.", amount.DeepClone().AsObject(), ForceGroups.All),
                        ExpenditureCategories.All)),
                    ("figures", Ref("ExpenditureFigures")),
                ],
                "year",
                "currency",
                "gdp",
                "amounts",
                "figures"),
            ["PublicDisclosure"] = Object(
                "A published disclosure: the approved revision, its published comments and, for a military-expenditure statement, its figures.",
                [
                    ("id", id.DeepClone().AsObject()),
                    ("nation", nation.DeepClone().AsObject()),
                    ("kind", kind.DeepClone().AsObject()),
                    ("title", String("The title; plain text.")),
                    ("bodyMarkdown", String("The approved text, CommonMark.")),
                    ("revision", Integer("The number of the approved revision.", 1)),
                    ("submittedAt", DateTime("When it was first submitted (UTC).")),
                    ("publishedAt", DateTime("When it was published (UTC).")),
                    ("comments", Array("The published civil-society comments.", Ref("PublicComment"))),
                    ("expenditure", Nullable(Ref("PublishedExpenditure"))),
                    ("auditHeadHash", Nullable(String("The hash at the head of the disclosure's audit trail when it was published, if known."))),
                    ("url", path.DeepClone().AsObject()),
                ],
                "id",
                "nation",
                "kind",
                "title",
                "bodyMarkdown",
                "revision",
                "submittedAt",
                "publishedAt",
                "comments",
                "expenditure",
                "auditHeadHash",
                "url"),
        };
    }
}
