using System.Text.Json.Nodes;
using G7Flows.Workflows.Consultations.Domain;
using G7Flows.Workflows.Platform.OpenApi;
using G7Flows.Workflows.Platform.Security;
using G7Flows.Workflows.Reports.Domain;
using G7Flows.Workflows.Reports.Storage;
using static G7Flows.Workflows.Platform.OpenApi.ApiSchemas;

namespace G7Flows.Workflows.Reports.Api;

/// <summary>
/// The description of the report routes for the API's OpenAPI document, keyed by the route's name in
/// <see cref="ReportsModule"/>: every status <see cref="ReportApi"/> can produce, and no other.
/// </summary>
public static class ReportContract
{
    private const string Tag = "Reports";

    /// <summary>A month (<c>2026-11</c>) or a quarter (<c>2026-Q4</c>) of the years 2000 to 9998.</summary>
    private const string PeriodPattern = "^[2-9][0-9]{3}-(0[1-9]|1[0-2]|Q[1-4])$";

    public static ApiContract Contract { get; } = new(Operations(), Schemas(), new Dictionary<string, string>
    {
        [Tag] = "Periodic reports of the partners' activity: made on a schedule or when staff ask, published once per period, read by anyone as JSON, CSV or HTML.",
    });

    private static ResponseContract Unavailable => ResponseContract.Problem(503, "Storage is not answering; nothing was changed. Try again shortly.");

    private static JsonObject Links => new()
    {
        ["json"] = "/api/public/reports/2026-10?format=json",
        ["csv"] = "/api/public/reports/2026-10?format=csv",
        ["html"] = "/api/public/reports/2026-10?format=html",
    };

    private static Dictionary<string, OperationContract> Operations() => new()
    {
        ["StartReport"] = new(
            Tag,
            "Make a period's report",
            "Staff only. Starts the report of a month or quarter that has ended, unless it is published or being made: one " +
            "report per period, however often it is asked for. 202 while it is being made, 200 when it is already published; " +
            "`Location` is where it is read either way.",
            [
                new(200, "The report is already published; nothing was started.") { Schema = "ReportRequested", Location = true, Example = Requested("published") },
                new(202, "The report is being made (by this request or an earlier one).") { Schema = "ReportRequested", Location = true, Example = Requested("generating") },
                ResponseContract.Problem(400, "The body is not JSON of the expected shape, or `period` is not a month (2026-11) or a quarter (2026-Q4)."),
                ResponseContract.Problem(401, "No valid bearer token."),
                ResponseContract.Problem(403, "Only staff ask for reports."),
                ResponseContract.Problem(409, "The period has not ended (`period-not-ended`; `periodEnds` says when it does)."),
                ResponseContract.Problem(413, "The body is larger than 1 MiB."),
                ResponseContract.Problem(415, "The body is not JSON (send Content-Type: application/json)."),
                Unavailable,
            ])
        {
            Body = new("ReportRequest", "The period to report on.", new JsonObject { ["period"] = "2026-10" }),
        },
        ["ListReports"] = new(
            Tag,
            "List published reports",
            "Open to anyone. Every published report, newest period first, with the addresses of its renderings.",
            [
                new(200, "The published reports.") { Schema = "ReportIndex" },
                Unavailable,
            ]),
        ["GetReport"] = new(
            Tag,
            "Read a published report",
            "Open to anyone. JSON by default; CSV with `Accept: text/csv` or HTML (with inline SVG charts) with `Accept: text/html`. " +
            "`?format=` (json, csv or html) takes precedence over `Accept`, so that links can name a rendering. " +
            "The `ETag` is the rendering's SHA-256, as published.",
            [
                new(200, "The report.")
                {
                    Schema = "PeriodReport",
                    Headers = [HeaderContract.ETag],
                    Renderings =
                    [
                        new("text/csv", "The figures as RFC 4180 CSV, one row per nation and figure."),
                        new("text/html", "The report as a readable page with inline SVG charts; it loads nothing."),
                    ],
                },
                ResponseContract.Problem(400, "`format` is not json, csv or html."),
                ResponseContract.Problem(404, "The period is not a month or a quarter, or its report is not published (yet)."),
                Unavailable,
            ])
        {
            Parameters =
            [
                new("period", "path", "A month (2026-11) or a quarter (2026-Q4).", String("A period.", pattern: PeriodPattern), true, "2026-10"),
                new("format", "query", "The rendering (case-insensitive); takes precedence over `Accept`.", Enum("A rendering.", ReportFormats.All), false, "csv"),
            ],
        },
    };

    private static JsonObject Requested(string status) => new()
    {
        ["period"] = "2026-10",
        ["status"] = status,
        ["instanceId"] = "report-2026-10",
        ["links"] = Links,
    };

    private static Dictionary<string, JsonObject> Schemas()
    {
        JsonObject period = String("A month (2026-11) or a quarter (2026-Q4).", pattern: PeriodPattern);
        JsonObject periodKind = Enum("How long the period is.", ["month", "quarter"]);
        JsonObject count = Integer("A count.", 0);
        JsonObject share = Nullable(Number("A share from 0 to 1; null when there is nothing to divide.", 0, 1));
        JsonObject figure = Nullable(Number("A figure; null where it cannot be computed."));
        JsonObject links = Object(
            "The addresses of a report's renderings.",
            [
                ("json", String("The JSON document.", format: "uri-reference")),
                ("csv", String("The CSV table.", format: "uri-reference")),
                ("html", String("The readable page.", format: "uri-reference")),
            ],
            "json",
            "csv",
            "html");
        return new()
        {
            ["ReportRequest"] = Object(
                "A request for a period's report.",
                [("period", String("A month (2026-11) or a quarter (2026-Q4) that has ended, of the years 2000 to 9998.", 7, 7, PeriodPattern))],
                "period"),
            ["ReportLinks"] = links,
            ["ReportRequested"] = Object(
                "Where a requested report stands.",
                [
                    ("period", period.DeepClone().AsObject()),
                    ("status", Enum("Published already, or being made.", ["published", "generating"])),
                    ("instanceId", String("The report workflow's instance id: one per period.", pattern: "^report-")),
                    ("links", Ref("ReportLinks")),
                ],
                "period",
                "status",
                "instanceId",
                "links"),
            ["ReportIndexEntry"] = Object(
                "A published report.",
                [
                    ("period", period.DeepClone().AsObject()),
                    ("periodKind", periodKind.DeepClone().AsObject()),
                    ("generatedAt", DateTime("When it was made.")),
                    ("factsRead", count.DeepClone().AsObject()),
                    ("sha256", String("The SHA-256 of the JSON rendering (lower-case hex).", pattern: "^[0-9a-f]{64}$")),
                    ("links", Ref("ReportLinks")),
                ],
                "period",
                "periodKind",
                "generatedAt",
                "factsRead",
                "sha256",
                "links"),
            ["ReportIndex"] = Object(
                "The published reports, newest period first.",
                [("items", Array("The reports.", Ref("ReportIndexEntry")))],
                "items"),
            ["Headline"] = Object(
                "A headline figure and its change from the previous period's report.",
                [
                    ("name", String("The figure's key, such as consultationsHeld.")),
                    ("label", String("The figure's name, in words.")),
                    ("value", figure.DeepClone().AsObject()),
                    ("previous", Nullable(Number("The previous period's value; null when its report does not exist or the figure is unknown."))),
                    ("change", Nullable(Number("The value less the previous one; null when either is unknown."))),
                ],
                "name",
                "label",
                "value",
                "previous",
                "change"),
            ["ConsultationFigures"] = Object(
                "Consultations closed in the period that the nation took part in.",
                [
                    ("held", count.DeepClone().AsObject()),
                    ("byKind", Map("Per kind of proposal, every kind present.", count.DeepClone().AsObject(), WireNames.KindNames)),
                    ("byOutcome", Map("Per outcome, every outcome present.", count.DeepClone().AsObject(), ReportCalculator.Outcomes)),
                    ("exercisesAgreed", count.DeepClone().AsObject()),
                    ("arrangementsAgreed", count.DeepClone().AsObject()),
                ],
                "held",
                "byKind",
                "byOutcome",
                "exercisesAgreed",
                "arrangementsAgreed"),
            ["ResponseFigures"] = Object(
                "How the nation's reviewers answered: on time (counted), refused as late, silent at the close.",
                [
                    ("asked", count.DeepClone().AsObject()),
                    ("onTime", count.DeepClone().AsObject()),
                    ("late", count.DeepClone().AsObject()),
                    ("silent", count.DeepClone().AsObject()),
                    ("onTimeShare", share.DeepClone().AsObject()),
                    ("medianHoursToAnswer", Nullable(Number("The median hours from the start to an answer on time.", 0))),
                    ("p90HoursToAnswer", Nullable(Number("The 90th percentile of the same.", 0))),
                ],
                "asked",
                "onTime",
                "late",
                "silent",
                "onTimeShare",
                "medianHoursToAnswer",
                "p90HoursToAnswer"),
            ["DisclosureFigures"] = Object(
                "Disclosures that ended in the period.",
                [
                    ("closed", count.DeepClone().AsObject()),
                    ("published", count.DeepClone().AsObject()),
                    ("rejected", count.DeepClone().AsObject()),
                    ("withdrawn", count.DeepClone().AsObject()),
                    ("medianDaysToPublish", Nullable(Number("The median days from submission to publication.", 0))),
                    ("revisionsPerDisclosure", Nullable(Number("Revisions per disclosure.", 0))),
                    ("commentsReceived", count.DeepClone().AsObject()),
                    ("commentsPublished", count.DeepClone().AsObject()),
                ],
                "closed",
                "published",
                "rejected",
                "withdrawn",
                "medianDaysToPublish",
                "revisionsPerDisclosure",
                "commentsReceived",
                "commentsPublished"),
            ["ExpenditureShare"] = Object(
                "Defence expenditure from the nation's latest military-expenditure disclosure published in the period.",
                [
                    ("disclosureId", String("The disclosure it comes from.")),
                    ("title", String("That disclosure's title.")),
                    ("gdpSharePercent", Number("Expenditure as a percentage of GDP.", 0)),
                    ("equipmentSharePercent", Nullable(Number("The percentage spent on major equipment; null when nothing was spent.", 0, 100))),
                    ("meetsGdpGuideline", Boolean("At least NATO's 2 % of GDP.")),
                    ("meetsEquipmentGuideline", Nullable(Boolean("At least NATO's 20 % on major equipment; null when unknown."))),
                ],
                "disclosureId",
                "title",
                "gdpSharePercent",
                "equipmentSharePercent",
                "meetsGdpGuideline",
                "meetsEquipmentGuideline"),
            ["NationFigures"] = Object(
                "One nation's figures, or every nation's together (ALL).",
                [
                    ("nation", Enum("A participant code, or ALL for every nation together.", [.. Nations.All, PeriodReport.AllNations])),
                    ("consultations", Ref("ConsultationFigures")),
                    ("responses", Ref("ResponseFigures")),
                    ("disclosures", Ref("DisclosureFigures")),
                    ("expenditure", Nullable(Ref("ExpenditureShare"))),
                ],
                "nation",
                "consultations",
                "responses",
                "disclosures",
                "expenditure"),
            ["AgreedItem"] = Object(
                "A joint exercise or information-sharing arrangement adopted in the period.",
                [
                    ("consultationId", String("The consultation that adopted it.")),
                    ("title", String("Its title.")),
                    ("kind", Enum("The kind of proposal.", WireNames.KindNames)),
                    ("participants", Array("The participating nations.", Enum("A participant code.", Nations.All))),
                    ("closedAt", DateTime("When it was adopted.")),
                ],
                "consultationId",
                "title",
                "kind",
                "participants",
                "closedAt"),
            ["PeriodReport"] = Object(
                "A period's report: the figures per nation and overall.",
                [
                    ("schemaVersion", Integer("Raised when a field changes meaning or goes away; new fields keep it.", 1)),
                    ("period", period.DeepClone().AsObject()),
                    ("periodKind", periodKind.DeepClone().AsObject()),
                    ("from", DateTime("The period's first instant (UTC).")),
                    ("to", DateTime("The first instant after the period (exclusive).")),
                    ("generatedAt", DateTime("When the report was made.")),
                    ("factsRead", count.DeepClone().AsObject()),
                    ("headlines", Array("The headline figures.", Ref("Headline"))),
                    ("overall", Ref("NationFigures")),
                    ("nations", Array("One entry per nation, also those with no activity.", Ref("NationFigures"))),
                    ("agreed", Array("Exercises and arrangements adopted in the period.", Ref("AgreedItem"))),
                ],
                "schemaVersion",
                "period",
                "periodKind",
                "from",
                "to",
                "generatedAt",
                "factsRead",
                "headlines",
                "overall",
                "nations",
                "agreed"),
        };
    }
}
