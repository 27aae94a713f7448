using System.Text;
using System.Text.Json;
using G7Flows.IntegrationTests.Infrastructure;
using G7Flows.IntegrationTests.Robustness.Infrastructure;
using G7Flows.Workflows;
using G7Flows.Workflows.Consultations.Api;
using G7Flows.Workflows.Platform.Http;

namespace G7Flows.IntegrationTests.Robustness;

/// <summary>One request that must be refused, and the 4xx statuses it may be refused with.</summary>
/// <param name="Request">The request.</param>
/// <param name="Expected">The acceptable statuses (all 4xx).</param>
/// <param name="RecordsRefusedLateResponse">
/// A late response to a closed consultation, or a changed answer, which the API deliberately records in the audit
/// trail (<c>late-response-refused</c>, <c>answer-change-refused</c>; once per caller, nation and reason) before it
/// answers 409: the only write a refused request may make.
/// </param>
public sealed record BadInputCase(RawRequest Request, IReadOnlyList<int> Expected, bool RecordsRefusedLateResponse = false)
{
    /// <summary>
    /// Kestrel itself refuses a request whose path decodes to a NUL character (400, "invalid request target") before any
    /// application code runs, so no problem body can be asked of G7Flows there; the status must still be 400.
    /// </summary>
    public bool RejectedBeforeTheApplication => this.Request.Path.Split('?')[0].Contains("%00", StringComparison.OrdinalIgnoreCase);

    public override string ToString() => this.Request.ToString();
}

/// <summary>
/// The generated corpus of requests every endpoint must refuse with a 4xx problem, changing nothing. Every case says
/// which status it expects; a request that should be accepted (an emoji title, HTML in a title) is not in here.
/// </summary>
public sealed partial class BadInputCorpus
{
    public const string NationOfReviewer = "FR";

    private const int MiB = 1024 * 1024;

    /// <summary>A valid start body, field by field (raw JSON), for the variations below.</summary>
    private static readonly (string Field, string Json)[] StartFields =
    [
        ("title", "\"Joint exercise NORTHERN SHIELD\""),
        ("kind", "\"joint-exercise\""),
        ("summary", "\"Scenario-based peacekeeping exercise to build interoperability.\""),
        ("proposer", "\"FR\""),
        ("participants", "[\"FR\",\"DE\",\"IT\"]"),
        ("rule", "\"unanimity\""),
        ("responseWindow", "\"P1D\""),
        ("reminders", "[\"PT1H\"]"),
    ];

    /// <summary>JSON values of every type but string.</summary>
    private static readonly string[] NonStrings = ["5", "-1.5", "true", "false", "[]", "{}", "[\"x\"]", "{\"value\":\"x\"}"];

    /// <summary>Control characters and ill-formed UTF-16, as JSON escapes, refused in every free-text field.</summary>
    private static readonly (string Name, string Json)[] BadText =
    [
        ("NUL", "\\u0000"),
        ("BEL", "\\u0007"),
        ("ESC", "\\u001b"),
        ("DEL", "\\u007f"),
        ("NEL (C1 control)", "\\u0085"),
        ("a lone high surrogate", "\\ud800"),
        ("a lone low surrogate", "\\udfff"),
        ("a reversed surrogate pair", "\\udc00\\ud800"),
        ("a high surrogate before a letter", "\\ud83dx"),
    ];

    /// <summary>Bytes that are not UTF-8, placed raw inside a JSON string.</summary>
    private static readonly (string Name, byte[] Bytes)[] NotUtf8 =
    [
        ("byte 0xFF", [0xFF]),
        ("an overlong '/' (C0 AF)", [0xC0, 0xAF]),
        ("a CESU-8 surrogate (ED A0 80)", [0xED, 0xA0, 0x80]),
        ("a truncated 3-byte sequence (E2 82)", [0xE2, 0x82]),
        ("a 5-byte sequence", [0xF8, 0x88, 0x80, 0x80, 0x80]),
    ];

    private readonly List<BadInputCase> cases = [];
    private readonly string open;
    private readonly string closed;
    private readonly string staff = "Bearer " + Tokens.Staff();
    private readonly string reviewer = "Bearer " + Tokens.Reviewer(NationOfReviewer);

    private BadInputCorpus(string open, string closed)
    {
        this.open = open;
        this.closed = closed;
    }

    public static string ValidStartBody { get; } = StartBody();

    public const string ValidRespondBody = "{\"position\":\"approve\",\"comment\":\"Agreed, subject to the usual caveats.\"}";

    public const string ValidWithdrawBody = "{\"reason\":\"Superseded by the Brussels text.\"}";

    public static readonly string ValidExtendBody = $"{{\"until\":\"{DateTimeOffset.UtcNow.AddDays(60).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture)}\"}}";

    /// <summary>The corpus against an open consultation (FR, DE and IT take part; FR has not answered) and a closed one (FR, DE, GB; DE objected).</summary>
    public static IReadOnlyList<BadInputCase> Build(string openId, string closedId)
    {
        var corpus = new BadInputCorpus(openId, closedId);
        corpus.AddCredentials();
        corpus.AddMalformedJson();
        corpus.AddWrongTypes();
        corpus.AddOutOfRange();
        corpus.AddUnusualText();
        corpus.AddMarkupInClosedFields();
        corpus.AddBodySizesAndMediaTypes();
        corpus.AddIdsAndNations();
        corpus.AddListQueries();
        corpus.AddWrongRoles();
        corpus.AddStateConflicts();
        corpus.AddMethodsAndUnknownRoutes();
        corpus.AddPublicDisclosureRequests();
        corpus.AddReportRequests();
        corpus.AddAuditRequests();
        corpus.AddMeRequests();
        return corpus.cases;
    }

    private static ApiRoute Route(string name) => WorkflowModules.Routes.Single(r => r.Name == name);

    private static ApiRoute StartRoute => Route("StartConsultation");

    private static ApiRoute ListRoute => Route("ListConsultations");

    private static ApiRoute GetRoute => Route("GetConsultation");

    private static ApiRoute RecordRoute => Route("GetConsultationRecord");

    private static ApiRoute RespondRoute => Route("RespondToConsultation");

    private static ApiRoute WithdrawRoute => Route("WithdrawConsultation");

    private static ApiRoute ExtendRoute => Route("ExtendConsultation");

    private static ApiRoute TasksRoute => Route("ListTasks");

    private static ApiRoute HealthRoute => Route("Health");

    private static ApiRoute OpenApiRoute => Route("GetOpenApiDocument");

    private static ApiRoute DisagreementsRoute => Route("ListConsultationDisagreements");

    private static ApiRoute RepairRoute => Route("RepairConsultations");

    private static ApiRoute StartReportRoute => Route("StartReport");

    private static ApiRoute ListReportsRoute => Route("ListReports");

    private static ApiRoute GetReportRoute => Route("GetReport");

    private static string J(string text) => JsonSerializer.Serialize(text);

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>A start body with some fields replaced (raw JSON), removed (null) or added.</summary>
    private static string StartBody(params (string Field, string? Json)[] overrides)
    {
        var fields = StartFields.Select(f => (f.Field, Json: (string?)f.Json)).ToList();
        foreach (var (field, json) in overrides)
        {
            int index = fields.FindIndex(f => f.Field == field);
            if (index >= 0)
            {
                fields[index] = (field, json);
            }
            else
            {
                fields.Add((field, json));
            }
        }

        return "{" + string.Join(",", fields.Where(f => f.Json is not null).Select(f => $"\"{f.Field}\":{f.Json}")) + "}";
    }

    private string OpenPath(string suffix = "") => $"/api/consultations/{this.open}{suffix}";

    private string ClosedPath(string suffix = "") => $"/api/consultations/{this.closed}{suffix}";

    /// <summary>The four endpoints that read a JSON body, each with a caller allowed to use it and the body it accepts.</summary>
    private IEnumerable<(string Name, ApiRoute Route, string Path, string Auth, string ValidBody)> BodyEndpoints()
    {
        yield return ("start", StartRoute, "/api/consultations", this.staff, ValidStartBody);
        yield return ("respond", RespondRoute, this.OpenPath($"/responses/{NationOfReviewer}"), this.reviewer, ValidRespondBody);
        yield return ("withdraw", WithdrawRoute, this.OpenPath("/withdraw"), this.staff, ValidWithdrawBody);
        yield return ("extend", ExtendRoute, this.OpenPath("/extend"), this.staff, ValidExtendBody);
    }

    private void Add(string name, ApiRoute? route, HttpMethod method, string path, string? auth, byte[]? body, int[] expected, string? contentType = "application/json", bool chunked = false, IReadOnlyDictionary<string, string>? headers = null, bool lateResponse = false)
    {
        var bad = new BadInputCase(new RawRequest(name, route, method, path, auth, body, body is null ? null : contentType, chunked, headers), expected, lateResponse);
        this.cases.Add(bad.RejectedBeforeTheApplication ? bad with { Expected = [400] } : bad);
    }

    private void Post(string name, ApiRoute route, string path, string auth, string body, params int[] expected) =>
        this.Add(name, route, HttpMethod.Post, path, auth, Utf8(body), expected);

    private void Start(string name, string body, params int[] expected) =>
        this.Post("start: " + name, StartRoute, "/api/consultations", this.staff, body, expected.Length == 0 ? [400] : expected);

    private void Respond(string name, string body) =>
        this.Post("respond: " + name, RespondRoute, this.OpenPath($"/responses/{NationOfReviewer}"), this.reviewer, body, 400);

    private void Withdraw(string name, string body) =>
        this.Post("withdraw: " + name, WithdrawRoute, this.OpenPath("/withdraw"), this.staff, body, 400);

    private void Extend(string name, string body) =>
        this.Post("extend: " + name, ExtendRoute, this.OpenPath("/extend"), this.staff, body, 400);

    /// <summary>Missing, forged, expired and wrongly signed credentials on every endpoint that needs a caller: 401.</summary>
    private void AddCredentials()
    {
        var endpoints = new (ApiRoute Route, HttpMethod Method, string Path, Claims Who, string? Body)[]
        {
            (StartRoute, HttpMethod.Post, "/api/consultations", Claims.Staff, ValidStartBody),
            (ListRoute, HttpMethod.Get, "/api/consultations", Claims.Staff, null),
            (GetRoute, HttpMethod.Get, this.OpenPath(), Claims.Staff, null),
            (RecordRoute, HttpMethod.Get, this.ClosedPath("/record"), Claims.Staff, null),
            (RespondRoute, HttpMethod.Post, this.OpenPath($"/responses/{NationOfReviewer}"), Claims.Reviewer(NationOfReviewer), ValidRespondBody),
            (WithdrawRoute, HttpMethod.Post, this.OpenPath("/withdraw"), Claims.Staff, ValidWithdrawBody),
            (ExtendRoute, HttpMethod.Post, this.OpenPath("/extend"), Claims.Staff, ValidExtendBody),
            (TasksRoute, HttpMethod.Get, "/api/tasks", Claims.Reviewer(NationOfReviewer), null),
            (DisagreementsRoute, HttpMethod.Get, "/api/admin/consultations/disagreements", Claims.Staff, null),
            (RepairRoute, HttpMethod.Post, "/api/admin/consultations/repair", Claims.Staff, null),
        };
        foreach (var (route, method, path, who, body) in endpoints)
        {
            foreach (Credential credential in ForgedTokens.Refused)
            {
                string? query = credential.Query?.Invoke(who);
                this.Add(
                    $"credentials: {credential.Name}",
                    route,
                    method,
                    query is null ? path : $"{path}?{query}",
                    credential.Authorization(who),
                    body is null ? null : Utf8(body),
                    [401],
                    headers: credential.Headers?.Invoke(who));
            }
        }
    }

    /// <summary>Bodies that are not JSON, or not a JSON object: every valid body cut short, and classic malformations.</summary>
    private void AddMalformedJson()
    {
        foreach (var (name, route, path, auth, valid) in this.BodyEndpoints())
        {
            byte[] bytes = Utf8(valid);
            int step = name == "start" ? 3 : 2;
            for (int length = 0; length < bytes.Length; length += step)
            {
                this.Add($"{name}: the valid body cut at byte {length} of {bytes.Length}", route, HttpMethod.Post, path, auth, bytes[..length], [400]);
            }

            string[] malformed =
            [
                " ", "\n\t", "{", "}", "[]", "[{}]", "null", "true", "0", "\"text\"", "{}", "{\"a\":1,}", "{'position':'approve'}", "{position:\"approve\"}",
                valid + "x", valid + valid, valid + ",", "/* comment */" + valid, "{\"x\":NaN}", "{\"x\":undefined}", "{\"x\":0x10}", "{\"x\":01}",
                "{\"x\":" + new string('[', 10_000), "{\"x\":" + new string('[', 70) + new string(']', 70) + "}", valid.Replace("\"", "'", StringComparison.Ordinal),
            ];
            foreach (string body in malformed)
            {
                this.Add($"{name}: malformed JSON {(body.Length > 40 ? body[..40] + "…" : body)}", route, HttpMethod.Post, path, auth, Utf8(body), [400]);
            }

            this.Add($"{name}: the valid body in UTF-16 declared as such", route, HttpMethod.Post, path, auth, Encoding.Unicode.GetBytes(valid), [400], "application/json; charset=utf-16");
            this.Add($"{name}: the valid body in UTF-32", route, HttpMethod.Post, path, auth, Encoding.UTF32.GetBytes(valid), [400]);
            this.Add($"{name}: binary garbage", route, HttpMethod.Post, path, auth, [0x00, 0xFF, 0xFE, 0x01, 0x7B], [400]);
        }
    }

    /// <summary>Every field of every body with a value of each other JSON type (numbers, booleans, arrays, objects, null).</summary>
    private void AddWrongTypes()
    {
        // Fields that may be null or absent are left out of the null case: those requests are valid.
        string[] optional = ["summary", "reminders"];
        foreach (var (field, _) in StartFields)
        {
            foreach (string value in NonStrings.Concat(optional.Contains(field) ? [] : ["null"]))
            {
                if (field == "reminders" && value == "[]")
                {
                    continue; // no reminders: valid
                }

                this.Start($"{field} is {value}", StartBody((field, value)));
            }

            if (!optional.Contains(field))
            {
                this.Start($"{field} is missing", StartBody((field, null)));
            }
        }

        // participants: arrays of the wrong element types.
        foreach (string value in new[] { "\"FR\"", "\"FR,DE\"", "[5,6]", "[true,false]", "[null,null]", "[[\"FR\"],[\"DE\"]]", "[{},{}]", "{\"0\":\"FR\",\"1\":\"DE\"}" })
        {
            this.Start($"participants is {value}", StartBody(("participants", value)));
        }

        foreach (string value in new[] { "\"PT1H\"", "[5]", "[true]", "[null]", "[[\"PT1H\"]]", "[{}]" })
        {
            this.Start($"reminders is {value}", StartBody(("reminders", value)));
        }

        // threshold: not a number, or a number where the rule takes none.
        foreach (string value in new[] { "true", "[]", "{}", "\"x\"", "[0.75]", "0.75", "\"0.75\"", "1" })
        {
            this.Start($"threshold {value} with the unanimity rule", StartBody(("threshold", value)));
        }

        foreach (string value in new[] { "true", "[]", "{}", "\"x\"", "[0.75]", "\"\"" })
        {
            this.Start($"threshold {value} with the qualified-majority rule", StartBody(("rule", "\"qualified-majority\""), ("threshold", value)));
        }

        foreach (string value in NonStrings.Append("null"))
        {
            this.Respond($"position is {value}", $"{{\"position\":{value},\"comment\":\"c\"}}");
            this.Withdraw($"reason is {value}", $"{{\"reason\":{value}}}");
            this.Extend($"by is {value}", $"{{\"by\":{value}}}");
            if (value != "null")
            {
                this.Respond($"comment is {value}", $"{{\"position\":\"approve\",\"comment\":{value}}}");
            }
        }

        this.Respond("position is missing", "{\"comment\":\"c\"}");
        this.Extend("by is 86400 (seconds, not a duration)", "{\"by\":86400}");
    }

    /// <summary>Values of the right type outside what the API allows.</summary>
    private void AddOutOfRange()
    {
        foreach (string title in new[] { string.Empty, "   ", new string('x', 201), " " + new string('x', 201) + " ", new string('x', 100_000) })
        {
            this.Start($"a title of {title.Length} characters ('{(title.Length > 5 ? title[..5] + "…" : title)}')", StartBody(("title", J(title))));
        }

        this.Start("a summary of 20,001 characters", StartBody(("summary", J(new string('s', 20_001)))));
        this.Start("a summary of 300,000 characters", StartBody(("summary", J(new string('s', 300_000)))));

        string[] allEight = ["CA", "FR", "DE", "IT", "JP", "GB", "US", "EU"];
        var participantSets = new Dictionary<string, string[]>
        {
            ["9 participants (all eight and FR again)"] = [.. allEight, "FR"],
            ["100 participants"] = Enumerable.Repeat(allEight, 13).SelectMany(n => n).Take(100).ToArray(),
            ["1 participant"] = ["FR"],
            ["no participants"] = [],
            ["FR twice"] = ["FR", "FR", "DE"],
            ["an unknown code XX"] = ["FR", "XX"],
            ["lower-case codes"] = ["fr", "de"],
            ["three-letter codes"] = ["FRA", "DEU"],
            ["an empty code"] = ["FR", "DE", string.Empty],
            ["a code with a trailing space"] = ["FR", "DE ", "IT"],
            ["a code with NUL"] = ["FR", "DE\0"],
            ["G7 (a group, not a member)"] = ["FR", "G7"],
        };
        foreach (var (name, set) in participantSets)
        {
            this.Start($"participants: {name}", StartBody(("participants", JsonSerializer.Serialize(set)), ("proposer", set.Length > 0 && set[0].Length == 2 ? J(set[0]) : "\"FR\"")));
        }

        this.Start("participants: a null entry", StartBody(("participants", "[\"FR\",null,\"DE\"]")));
        foreach (string proposer in new[] { "JP", "fr", string.Empty, "FRA", " FR", "EU" })
        {
            this.Start($"proposer '{proposer}' is not one of the participants", StartBody(("proposer", J(proposer))));
        }

        foreach (string kind in new[] { "Joint-Exercise", "joint_exercise", "JointExercise", "0", string.Empty, "joint-exercise ", "war", "training" })
        {
            this.Start($"kind '{kind}'", StartBody(("kind", J(kind))));
        }

        foreach (string rule in new[] { "Unanimity", "majority", "qualified majority", "qualifiedMajority", string.Empty, "silence ", "0", "consensus" })
        {
            this.Start($"rule '{rule}'", StartBody(("rule", J(rule))));
        }

        foreach (string threshold in new[] { "0.5", "0.49", "0", "-0.0", "-1", "1.01", "2", "1e308", "-1e308", "1e400", "\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "\"1e308\"", "\"0x1\"", "\"1.01\"", "NaN", "Infinity" })
        {
            this.Start($"qualified majority with threshold {threshold}", StartBody(("rule", "\"qualified-majority\""), ("threshold", threshold)));
        }

        string[] badDurations =
        [
            "PT1S", "PT9S", "PT9.999S", "PT0S", "P0D", "P91D", "P90DT1S", "P13W", "P1Y", "P1M", "P1Y2M", "P1W2Y", "garbage", string.Empty, " P1D", "P1D ", "p1d", "PT",
            "P", "-P1D", "P-1D", "P1.5D", "PT10.0001S", "P99999D", "PT" + new string('9', 40) + "S", "1 day", "86400", "P1DT", "PT1H1H", "P1D\n", "P1D\r\n", "\nP1D",
            "P\uff11D", "PT\uff11\uff10S", "P\u0667D", "P1\u0000D",
        ];
        foreach (string window in badDurations)
        {
            this.Start($"responseWindow {JsonSerializer.Serialize(window)}", StartBody(("responseWindow", J(window)), ("reminders", "[]")));
        }

        string[] badByDurations =
        [
            "PT0S", "PT0.5S", "PT0.999S", "P91D", "P90DT1S", "P1Y", "P1M", "garbage", string.Empty, "-P1D", "p1d", "P1D ", "P1D\n", "P\uff11D", "P\u0667D",
        ];
        foreach (string by in badByDurations)
        {
            this.Extend($"by {JsonSerializer.Serialize(by)}", $"{{\"by\":{J(by)}}}");
        }

        var reminderSets = new Dictionary<string, string>
        {
            ["11 reminders"] = JsonSerializer.Serialize(Enumerable.Range(1, 11).Select(h => $"PT{h}H")),
            ["a reminder as long as the window"] = "[\"P1D\"]",
            ["a reminder longer than the window"] = "[\"P2D\"]",
            ["the same reminder twice"] = "[\"PT1H\",\"PT1H\"]",
            ["the same reminder written two ways"] = "[\"PT1H\",\"PT60M\"]",
            ["a zero reminder"] = "[\"PT0S\"]",
            ["a negative reminder"] = "[\"-PT1H\"]",
            ["a reminder that is not a duration"] = "[\"garbage\"]",
            ["an empty reminder"] = "[\"\"]",
            ["a reminder with a trailing newline"] = "[\"PT1H\\n\"]",
            ["a reminder with full-width digits"] = "[\"PT\\uff11H\"]",
            ["a reminder of a year"] = "[\"P1Y\"]",
        };
        foreach (var (name, reminders) in reminderSets)
        {
            this.Start($"reminders: {name}", StartBody(("reminders", reminders)));
        }

        foreach (int length in new[] { 4001, 5000, 100_000 })
        {
            this.Respond($"a comment of {length} characters", $"{{\"position\":\"approve\",\"comment\":{J(new string('c', length))}}}");
        }

        foreach (string position in new[] { "Approve", "APPROVE", "approved", "yes", "reject", string.Empty, " approve", "approve ", "veto", "pending" })
        {
            this.Respond($"position '{position}'", $"{{\"position\":{J(position)}}}");
        }

        foreach (string reason in new[] { string.Empty, "   ", "\n\t", new string('r', 1001), new string('r', 100_000) })
        {
            this.Withdraw($"a reason of {reason.Length} characters", $"{{\"reason\":{J(reason)}}}");
        }
    }

    /// <summary>Control characters, ill-formed UTF-16, bytes that are not UTF-8, and a right-to-left override, in every free-text field.</summary>
    private void AddUnusualText()
    {
        foreach (var (name, escape) in BadText)
        {
            this.Start($"a title with {name}", StartBody(("title", $"\"Joint {escape} exercise\"")));
            this.Start($"a summary with {name}", StartBody(("summary", $"\"Scenario {escape} text\"")));
            this.Start($"a kind with {name}", StartBody(("kind", $"\"joint-exercise{escape}\"")));
            this.Start($"a participant with {name}", StartBody(("participants", $"[\"FR\",\"DE{escape}\"]")));
            this.Respond($"a comment with {name}", $"{{\"position\":\"approve\",\"comment\":\"Agreed {escape} here\"}}");
            this.Respond($"a position with {name}", $"{{\"position\":\"approve{escape}\"}}");
            this.Withdraw($"a reason with {name}", $"{{\"reason\":\"Superseded {escape} text\"}}");
            this.Extend($"a duration with {name}", $"{{\"by\":\"P1D{escape}\"}}");
        }

        // A title is one line: no line breaks or tabs (a summary, comment or reason may have them).
        foreach (var (name, escape) in new[] { ("a line feed", "\\n"), ("a carriage return", "\\r"), ("a tab", "\\t"), ("a vertical tab", "\\u000b"), ("a form feed", "\\f") })
        {
            this.Start($"a title with {name}", StartBody(("title", $"\"Joint {escape} exercise\"")));
        }

        // A right-to-left override in a one-line title reverses how the rest of any line it is shown in reads
        // ("Trojan Source", CVE-2021-42574): a title is refused with one, as with other invisible formatting controls
        // that change the order text is displayed in.
        foreach (var (name, escape) in new[] { ("a right-to-left override U+202E", "\\u202e"), ("a left-to-right override U+202D", "\\u202d"), ("a right-to-left isolate U+2067 left open", "\\u2067") })
        {
            this.Start($"a title with {name}", StartBody(("title", $"\"Exercise {escape}dlrow olleh\"")));
        }

        foreach (var (name, bytes) in NotUtf8)
        {
            foreach (var (endpoint, route, path, auth, valid) in this.BodyEndpoints())
            {
                // Put the bytes inside the first string value of the valid body.
                byte[] body = Utf8(valid);
                int at = Array.IndexOf(body, (byte)':') + 2;
                this.Add($"{endpoint}: {name} inside a string", route, HttpMethod.Post, path, auth, [.. body[..at], .. bytes, .. body[at..]], [400]);
            }
        }
    }

    /// <summary>HTML and script in fields that only take one of a few names: refused like any other unknown name.</summary>
    private void AddMarkupInClosedFields()
    {
        string[] markup = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "\"><svg onload=alert(1)>", "javascript:alert(1)", "{{7*7}}", "${7*7}"];
        foreach (string m in markup)
        {
            this.Start($"kind {m}", StartBody(("kind", J(m))));
            this.Start($"rule {m}", StartBody(("rule", J(m))));
            this.Start($"proposer {m}", StartBody(("proposer", J(m))));
            this.Start($"participant {m}", StartBody(("participants", $"[\"FR\",{J(m)}]")));
            this.Start($"responseWindow {m}", StartBody(("responseWindow", J(m))));
            this.Start($"reminder {m}", StartBody(("reminders", $"[{J(m)}]")));
            this.Respond($"position {m}", $"{{\"position\":{J(m)}}}");
            this.Extend($"by {m}", $"{{\"by\":{J(m)}}}");
        }
    }

    /// <summary>Bodies over 1 MiB (with and without a Content-Length), and media types that are not JSON.</summary>
    private void AddBodySizesAndMediaTypes()
    {
        foreach (var (name, route, path, auth, valid) in this.BodyEndpoints())
        {
            // Valid JSON padded with whitespace past the limit: only the size is wrong.
            byte[] Padded(int size) => Utf8(valid[..^1] + new string(' ', size - Encoding.UTF8.GetByteCount(valid)) + "}");
            this.Add($"{name}: a valid body padded to 1 MiB + 1 byte", route, HttpMethod.Post, path, auth, Padded(MiB + 1), [413]);
            this.Add($"{name}: a valid body padded to 2 MiB", route, HttpMethod.Post, path, auth, Padded(2 * MiB), [413]);
            this.Add($"{name}: a valid body padded to 1.5 MiB, chunked (no Content-Length)", route, HttpMethod.Post, path, auth, Padded(MiB + (MiB / 2)), [413], chunked: true);

            string[] notJson =
            [
                "text/plain", "text/json", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml", "application/jsonx",
                "json", "application/", ";;;", "application/json-seq x", "*/*",
            ];
            foreach (string contentType in notJson)
            {
                this.Add($"{name}: a valid body sent as {contentType}", route, HttpMethod.Post, path, auth, Utf8(valid), [415], contentType);
            }

            this.Add($"{name}: a valid body without a Content-Type", route, HttpMethod.Post, path, auth, Utf8(valid), [415], contentType: null);
            this.Add($"{name}: no body at all", route, HttpMethod.Post, path, auth, null, [415]);
            this.Add($"{name}: an empty JSON body", route, HttpMethod.Post, path, auth, [], [400]);
        }

        this.Start("a summary of 2 MiB", StartBody(("summary", J(new string('s', 2 * MiB)))), 413);
        foreach (var (name, key) in new[] { ("empty", string.Empty), ("of 201 characters", new string('k', 201)), ("with a tab", "key\twith-tab"), ("with DEL", "key\u007f") })
        {
            this.Add($"start: an Idempotency-Key {name}", StartRoute, HttpMethod.Post, "/api/consultations", this.staff, Utf8(ValidStartBody), [400], headers: new Dictionary<string, string> { [ConsultationApi.IdempotencyKeyHeader] = key });
        }
    }

    /// <summary>Consultation ids and nation codes that are malformed, unknown, or try to escape their place.</summary>
    private void AddIdsAndNations()
    {
        string[] ids =
        [
            "..%2F..%2Fetc%2Fpasswd", "..%2F..%2F..%2F..%2Fapi%2Fhealth", "%2E%2E%2F%2E%2E%2Fetc%2Fpasswd", "..%5C..%5Cwindows%5Cwin.ini", "..",
            "%00", this.open + "%00", "%00" + this.open[1..], "x%27%20or%20PartitionKey%20ne%20%27", "%27%20or%201%20eq%201%20or%20%27", "%27", "%22", "%23", "%3F", "%25", "a%20b",
            "ABCDEFGHIJKLMNOPQRSTUVWXYZ", this.open.ToUpperInvariant(), new string('a', 26), this.open[..25], this.open + "a", new string('a', 2_000), new string('a', 7_000),
            "%3Cscript%3Ealert(1)%3C%2Fscript%3E", "%E2%80%AE" + this.open[3..], "%F0%9F%98%80", "%FF", "%ED%A0%80", "*", "$filter=true", "-1", "0",
        ];
        foreach (string id in ids)
        {
            string label = id.Length > 40 ? $"{id[..20]}… ({id.Length} characters)" : id;
            string path = $"/api/consultations/{id}";
            this.Add($"id '{label}'", GetRoute, HttpMethod.Get, path, this.staff, null, [404]);
            this.Add($"id '{label}'", RecordRoute, HttpMethod.Get, path + "/record", this.staff, null, [404]);
            this.Add($"id '{label}'", RespondRoute, HttpMethod.Post, $"{path}/responses/{NationOfReviewer}", this.reviewer, Utf8(ValidRespondBody), [404]);
            this.Add($"id '{label}'", WithdrawRoute, HttpMethod.Post, path + "/withdraw", this.staff, Utf8(ValidWithdrawBody), [404]);
            this.Add($"id '{label}'", ExtendRoute, HttpMethod.Post, path + "/extend", this.staff, Utf8(ValidExtendBody), [404]);
        }

        // The FR reviewer answering in the open consultation, under a nation code that is not exactly FR: never their nation.
        string[] nations =
        [
            "fr", "Fr", "FRA", "F%20R", "FR%20", "%20FR", "%00", "FR%00", "F%00R", "..%2FFR", "FR%2F..", "%EF%BC%A6%EF%BC%B2", "XX", "EU", "DE", "JP", "%3Cscript%3E",
            "FR%27%20or%20%271%27%3D%271", "FR%2CDE", new string('F', 3_000),
        ];
        foreach (string nation in nations)
        {
            string label = nation.Length > 40 ? $"{nation[..10]}… ({nation.Length} characters)" : nation;
            this.Add($"the FR reviewer answers as nation '{label}'", RespondRoute, HttpMethod.Post, this.OpenPath($"/responses/{nation}"), this.reviewer, Utf8(ValidRespondBody), [403]);
        }

        // Reviewers of nations that do not take part, answering for themselves.
        foreach (string nation in new[] { "JP", "EU", "US" })
        {
            this.Add($"the {nation} reviewer answers in a consultation {nation} is not part of", RespondRoute, HttpMethod.Post, this.OpenPath($"/responses/{nation}"), "Bearer " + Tokens.Reviewer(nation), Utf8(ValidRespondBody), [403]);
        }
    }

    /// <summary>Filters and paging of the list that are not valid.</summary>
    private void AddListQueries()
    {
        string Token(string text) => Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(text));
        string[] queries =
        [
            "status=Maybe", "status=", "status=0", "status=1", "status=-1", "status=4", "status=99", "status=Open,Adopted", "status=Adopted,Rejected", "status=Open&status=Adopted",
            "status=%3Cscript%3E", "status=Open%27%20or%201%20eq%201%20or%20%27", "status=%00", "status=" + new string('O', 5_000), "status=Closed",
            "nation=fr", "nation=XX", "nation=", "nation=FR%20eq%20true%20or%20true", "nation=FR&nation=DE", "nation=%00", "nation=PartitionKey",
            "pageSize=0", "pageSize=101", "pageSize=-1", "pageSize=abc", "pageSize=1e2", "pageSize=5.0", "pageSize=%205", "pageSize=+5", "pageSize=99999999999", "pageSize=",
            "pageSize=%EF%BC%95", "pageSize=5&pageSize=6",
            "continuationToken=garbage!", "continuationToken=", "continuationToken=%00", "continuationToken=" + Token("other:1!8!abc"), "continuationToken=" + Token("g7f1:"),
            "continuationToken=" + Token("g7f1:\u0001x"), "continuationToken=" + Token("g7f1:garbage"), "continuationToken=" + Token("g7f1:' or ''='"), "continuationToken=" + new string('A', 3_000), "continuationToken=" + Token("g7f1:" + new string('x', 2_000)),
        ];
        foreach (string query in queries)
        {
            string label = query.Length > 60 ? query[..40] + $"… ({query.Length} characters)" : query;
            this.Add($"list: ?{label}", ListRoute, HttpMethod.Get, "/api/consultations?" + query, this.staff, null, [400]);
        }
    }

    /// <summary>Genuine tokens of callers who may not do what they ask: 403.</summary>
    private void AddWrongRoles()
    {
        // Nations as app roles (nation.FR), as Entra ID issues them.
        string Token(IReadOnlyList<string> roles, object? nation = null) =>
            "Bearer " + Tokens.Create("someone@g7.example", [.. roles, .. (nation switch { string one => [one], string[] many => many, _ => [] }).Select(n => $"nation.{n}")]);

        var callers = new (string Name, string Auth)[]
        {
            ("the FR reviewer", this.reviewer),
            ("a civil-society member", Token(["civil-society"])),
            ("a caller whose role is 'Staff' (wrong case)", Token(["Staff"])),
            ("a caller with no role", Token([])),
        };
        foreach (var (name, auth) in callers)
        {
            this.Add($"{name} starts a consultation", StartRoute, HttpMethod.Post, "/api/consultations", auth, Utf8(ValidStartBody), [403]);
            this.Add($"{name} lists consultations", ListRoute, HttpMethod.Get, "/api/consultations", auth, null, [403]);
            this.Add($"{name} withdraws", WithdrawRoute, HttpMethod.Post, this.OpenPath("/withdraw"), auth, Utf8(ValidWithdrawBody), [403]);
            this.Add($"{name} extends", ExtendRoute, HttpMethod.Post, this.OpenPath("/extend"), auth, Utf8(ValidExtendBody), [403]);
        }

        var outsiders = new (string Name, string Auth)[]
        {
            ("the JP reviewer (JP does not take part)", "Bearer " + Tokens.Reviewer("JP")),
            ("a reviewer without a nation", Token(["reviewer"])),
            ("a reviewer of FR and DE at once", Token(["reviewer"], new[] { "FR", "DE" })),
            ("a reviewer of nation 'fr'", Token(["reviewer"], "fr")),
            ("a reviewer of nation 'XX'", Token(["reviewer"], "XX")),
            ("a civil-society member", Token(["civil-society"])),
            ("a caller whose role is 'Reviewer' (wrong case), of FR", Token(["Reviewer"], "FR")),
        };
        foreach (var (name, auth) in outsiders)
        {
            this.Add($"{name} reads the open consultation", GetRoute, HttpMethod.Get, this.OpenPath(), auth, null, [403]);
            this.Add($"{name} reads the closed record", RecordRoute, HttpMethod.Get, this.ClosedPath("/record"), auth, null, [403]);
            this.Add($"{name} answers for FR", RespondRoute, HttpMethod.Post, this.OpenPath("/responses/FR"), auth, Utf8(ValidRespondBody), [403]);
        }

        // Every outsider but the JP reviewer (who has review tasks, only not in this consultation), and staff and admins.
        foreach (var (name, auth) in outsiders.Skip(1).Concat([("staff", this.staff), ("an admin", "Bearer " + Tokens.Admin())]))
        {
            this.Add($"{name} lists review tasks", TasksRoute, HttpMethod.Get, "/api/tasks", auth, null, [403]);
        }

        // Only admins repair workflows: not staff, not reviewers, not anyone else.
        foreach (var (name, auth) in outsiders.Concat([("staff", this.staff), ("the FR reviewer", this.reviewer)]))
        {
            this.Add($"{name} lists workflow disagreements", DisagreementsRoute, HttpMethod.Get, "/api/admin/consultations/disagreements", auth, null, [403]);
            this.Add($"{name} repairs workflows", RepairRoute, HttpMethod.Post, "/api/admin/consultations/repair", auth, null, [403]);
        }

        foreach (var (name, auth) in new[] { ("staff", this.staff), ("an admin", "Bearer " + Tokens.Admin()), ("the FR reviewer", this.reviewer) })
        {
            string nation = name == "the FR reviewer" ? "DE" : "FR";
            this.Add($"{name} answers for {nation}", RespondRoute, HttpMethod.Post, this.OpenPath($"/responses/{nation}"), auth, Utf8(ValidRespondBody), [403]);
        }
    }

    /// <summary>Requests that conflict with a consultation's state: closed, already answered, record not yet published.</summary>
    private void AddStateConflicts()
    {
        this.Add("withdraw a closed consultation", WithdrawRoute, HttpMethod.Post, this.ClosedPath("/withdraw"), this.staff, Utf8(ValidWithdrawBody), [409]);
        this.Add("extend a closed consultation", ExtendRoute, HttpMethod.Post, this.ClosedPath("/extend"), this.staff, Utf8(ValidExtendBody), [409]);
        this.Add("DE changes its objection after the consultation closed", RespondRoute, HttpMethod.Post, this.ClosedPath("/responses/DE"), "Bearer " + Tokens.Reviewer("DE"), Utf8("{\"position\":\"approve\"}"), [409], lateResponse: true);
        this.Add("the record of a consultation that is still open", RecordRoute, HttpMethod.Get, this.OpenPath("/record"), this.staff, null, [404]);
        this.Add("the record of a consultation that is still open, as HTML", RecordRoute, HttpMethod.Get, this.OpenPath("/record"), this.staff, null, [404], headers: new Dictionary<string, string> { ["Accept"] = "text/html" });
        this.Add("a late answer with an invalid body", RespondRoute, HttpMethod.Post, this.ClosedPath("/responses/FR"), this.reviewer, Utf8("{\"position\":\"maybe\"}"), [400]);

        // Refused, and deliberately recorded in the audit trail (see BadInputCase.RecordsRefusedLateResponse).
        this.Add("FR answers after the consultation closed", RespondRoute, HttpMethod.Post, this.ClosedPath("/responses/FR"), this.reviewer, Utf8(ValidRespondBody), [409], lateResponse: true);
        this.Add("GB answers after the consultation closed", RespondRoute, HttpMethod.Post, this.ClosedPath("/responses/GB"), "Bearer " + Tokens.Reviewer("GB"), Utf8("{\"position\":\"abstain\"}"), [409], lateResponse: true);
    }

    /// <summary>Methods an endpoint does not serve (405) and paths that are no endpoint (404).</summary>
    private void AddMethodsAndUnknownRoutes()
    {
        var wrongMethods = new (ApiRoute Route, string Path, string[] Methods)[]
        {
            (StartRoute, "/api/consultations", ["PUT", "DELETE", "PATCH"]),
            (GetRoute, this.OpenPath(), ["POST", "PUT", "DELETE", "PATCH"]),
            (RecordRoute, this.ClosedPath("/record"), ["POST", "PUT", "DELETE"]),
            (RespondRoute, this.OpenPath("/responses/FR"), ["GET", "PUT", "DELETE", "PATCH"]),
            (WithdrawRoute, this.OpenPath("/withdraw"), ["GET", "PUT", "DELETE"]),
            (ExtendRoute, this.OpenPath("/extend"), ["GET", "PUT", "PATCH"]),
            (TasksRoute, "/api/tasks", ["POST", "PUT", "DELETE"]),
            (HealthRoute, "/api/health", ["POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "FOO"]),
            (OpenApiRoute, "/api/openapi/v1.json", ["POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "FOO"]),
        };
        foreach (var (route, path, methods) in wrongMethods)
        {
            foreach (string method in methods)
            {
                bool withBody = method is "POST" or "PUT" or "PATCH";
                this.Add($"{method} is not served here", route, new HttpMethod(method), path, this.staff, withBody ? Utf8("{}") : null, [405]);
            }
        }

        // Health takes no input at all; a query, a body or forged credentials change nothing but must not break it either.
        this.Add("an anonymous DELETE of the health endpoint", HealthRoute, HttpMethod.Delete, "/api/health", null, null, [405]);
        this.Add("a POST of a 2 MiB body to the health endpoint", HealthRoute, HttpMethod.Post, "/api/health", null, new byte[2 * MiB], [405]);
        this.Add("an anonymous PUT of JSON to the health endpoint", HealthRoute, HttpMethod.Put, "/api/health?verbose=true", null, Utf8("{\"status\":\"down\"}"), [405]);
        this.Add("a DELETE of the health endpoint with a forged alg-none token", HealthRoute, HttpMethod.Delete, "/api/health", "Bearer " + ForgedTokens.AlgNone(Claims.Staff), null, [405]);

        // The OpenAPI document is read-only and anonymous, like health.
        this.Add("an anonymous DELETE of the OpenAPI document", OpenApiRoute, HttpMethod.Delete, "/api/openapi/v1.json", null, null, [405]);
        this.Add("a POST of a 2 MiB body to the OpenAPI document", OpenApiRoute, HttpMethod.Post, "/api/openapi/v1.json", null, new byte[2 * MiB], [405]);
        this.Add("an anonymous PUT of a replacement OpenAPI document", OpenApiRoute, HttpMethod.Put, "/api/openapi/v1.json", null, Utf8("{\"openapi\":\"3.1.0\"}"), [405]);
        this.Add("a PUT of the OpenAPI document with a forged alg-none token", OpenApiRoute, HttpMethod.Put, "/api/openapi/v1.json", "Bearer " + ForgedTokens.AlgNone(Claims.Staff), Utf8("{}"), [405]);

        string[] unknown =
        [
            "/api", "/api/", "/api/consultation", "/api/Consultations/x/y/z", this.OpenPath("/unknown"), this.OpenPath("/responses/FR/extra"), this.OpenPath("/responses/"),
            this.OpenPath("/record/extra"), "/api/health/x", "/api/tasks/FR", "/api/%2e%2e/%2e%2e/etc/passwd", "/api/consultations/%2F", "/etc/passwd", "/api/openapi.json",
        ];
        foreach (string path in unknown)
        {
            this.Add($"no endpoint at {path}", null, HttpMethod.Get, path, this.staff, null, [404]);
            this.Add($"no endpoint at {path}", null, HttpMethod.Post, path, this.staff, Utf8("{}"), [404, 405]);
        }
    }

    /// <summary>Reports: staff-only starts with a period that has ended; anonymous reads of what is published.</summary>
    private void AddReportRequests()
    {
        string civilSociety = "Bearer " + Tokens.Create("someone@g7.example", ["civil-society"]);
        const string Valid = "{\"period\":\"2001-01\"}";
        this.Add("an anonymous caller asks for a report", StartReportRoute, HttpMethod.Post, "/api/reports", null, Utf8(Valid), [401]);
        this.Add("a reviewer asks for a report", StartReportRoute, HttpMethod.Post, "/api/reports", this.reviewer, Utf8(Valid), [403]);
        this.Add("a civil-society member asks for a report", StartReportRoute, HttpMethod.Post, "/api/reports", civilSociety, Utf8(Valid), [403]);
        this.Add("a report request with a forged alg-none token", StartReportRoute, HttpMethod.Post, "/api/reports", "Bearer " + ForgedTokens.AlgNone(Claims.Staff), Utf8(Valid), [401]);
        foreach (string body in new[]
        {
            "{}", "{\"period\":null}", "{\"period\":5}", "{\"period\":[\"2026-11\"]}", "{\"period\":\"2026-13\"}", "{\"period\":\"2026-Q5\"}",
            "{\"period\":\"2026-q4\"}", "{\"period\":\"1999-12\"}", "{\"period\":\"9999-12\"}", "{\"period\":\" 2026-10\"}", "{\"period\":\"2026-10-01\"}", "{\"period\":\"2026-10\"", "[]", "\"2026-10\"",
        })
        {
            this.Add($"a report request with the body {body}", StartReportRoute, HttpMethod.Post, "/api/reports", this.staff, Utf8(body), [400]);
        }

        this.Add("a report request as text", StartReportRoute, HttpMethod.Post, "/api/reports", this.staff, Utf8(Valid), [415], contentType: "text/plain");
        this.Add("a report request of 2 MiB", StartReportRoute, HttpMethod.Post, "/api/reports", this.staff, Utf8("{\"period\":\"" + new string('x', 2 * MiB) + "\"}"), [413]);
        this.Add("a report for a period that has not ended", StartReportRoute, HttpMethod.Post, "/api/reports", this.staff, Utf8("{\"period\":\"2999-12\"}"), [409]);
        this.Add("a report for a quarter that has not ended", StartReportRoute, HttpMethod.Post, "/api/reports", this.staff, Utf8("{\"period\":\"2999-Q1\"}"), [409]);

        foreach (string period in new[] { "2026-13", "abc", "2026-q4", "1999-12", "2001-01", "2999-12", "9999-01", "9999-Q4", "2026-11.json", "2026-11%00" })
        {
            // A NUL is refused by Kestrel.
            this.Add($"an anonymous read of the report {period}", GetReportRoute, HttpMethod.Get, $"/api/public/reports/{period}", null, null, period == "2026-11%00" ? [400, 404] : [404]);
        }

        // "%2e%2e" climbs to /api/public, which is no endpoint (and not anonymous): the report route never sees it.
        this.Add("an anonymous read of the report %2e%2e", null, HttpMethod.Get, "/api/public/reports/%2e%2e", null, null, [401, 404]);

        this.Add("a report in an unknown format", GetReportRoute, HttpMethod.Get, "/api/public/reports/2001-01?format=pdf", null, null, [400]);
        foreach (var (route, path) in new[] { (ListReportsRoute, "/api/public/reports"), (GetReportRoute, "/api/public/reports/2001-01"), (StartReportRoute, "/api/reports") })
        {
            foreach (string method in route == StartReportRoute ? new[] { "PUT", "DELETE", "PATCH" } : ["POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "FOO"])
            {
                bool withBody = method is "POST" or "PUT" or "PATCH";
                this.Add($"{method} is not served at {path}", route, new HttpMethod(method), path, route == StartReportRoute ? this.staff : null, withBody ? Utf8(Valid) : null, [405]);
            }
        }

        // Anonymous reads with forged or broken credentials still only read; the list takes no input at all.
        foreach (string auth in new[] { "Bearer x", "Basic YWRtaW46YWRtaW4=", "Bearer " + ForgedTokens.AlgNone(Claims.Staff) })
        {
            this.Add($"a DELETE of the report list with '{auth[..Math.Min(12, auth.Length)]}…'", ListReportsRoute, HttpMethod.Delete, "/api/public/reports", auth, null, [401, 405]);
            this.Add($"a PUT of a report with '{auth[..Math.Min(12, auth.Length)]}…'", GetReportRoute, HttpMethod.Put, "/api/public/reports/2001-01", auth, Utf8("{}"), [401, 405]);
        }
    }
}
