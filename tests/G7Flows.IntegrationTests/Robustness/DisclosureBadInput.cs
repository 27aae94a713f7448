using System.Text;
using G7Flows.IntegrationTests.Infrastructure;
using G7Flows.IntegrationTests.Robustness.Infrastructure;
using G7Flows.Workflows;
using G7Flows.Workflows.Platform.Http;

namespace G7Flows.IntegrationTests.Robustness;

/// <summary>
/// The disclosure routes' part of the bad-input corpus: bad bodies, markup and control characters, oversized bodies,
/// wrong steps and states, forged roles, nations and organisations. Every request must be refused with a 4xx problem
/// and change nothing. The target is a French disclosure waiting for its security review.
/// </summary>
public sealed class DisclosureBadInput
{
    private const string ValidSubmit = "{\"nation\":\"FR\",\"kind\":\"defence-policy\",\"title\":\"Policy\",\"body\":\"# Policy\",\"commentPeriod\":\"P7D\"}";

    private const string Expenditure = "{\"year\":2025,\"currency\":\"EUR\",\"gdp\":1000,\"amounts\":{\"personnel\":{\"land\":10}}}";

    private readonly List<BadInputCase> cases = [];
    private readonly string target;
    private readonly string unknown = "d" + new string('a', 25);
    private readonly string staff = "Bearer " + Tokens.Staff();

    private DisclosureBadInput(string target) => this.target = target;

    /// <summary>The cases against <paramref name="inSecurityReview"/>, a French disclosure waiting for its security review.</summary>
    public static IReadOnlyList<BadInputCase> Build(string inSecurityReview)
    {
        var corpus = new DisclosureBadInput(inSecurityReview);
        corpus.AddSubmissions();
        corpus.AddListing();
        corpus.AddReads();
        corpus.AddRevisions();
        corpus.AddReviews();
        corpus.AddComments();
        corpus.AddModeration();
        corpus.AddWithdrawals();
        corpus.AddAudit();
        corpus.AddDiffs();
        return corpus.cases;
    }

    private static ApiRoute Route(string name) => WorkflowModules.Routes.Single(r => r.Name == name);

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static string Bearer(string token) => "Bearer " + token;

    private static string Submit(string field, string json)
    {
        var fields = new Dictionary<string, string>
        {
            ["nation"] = "\"FR\"",
            ["kind"] = "\"defence-policy\"",
            ["title"] = "\"Policy\"",
            ["body"] = "\"# Policy\"",
            ["commentPeriod"] = "\"P7D\"",
        };
        fields[field] = json;
        return "{" + string.Join(",", fields.Where(f => f.Value.Length > 0).Select(f => $"\"{f.Key}\":{f.Value}")) + "}";
    }

    private string Path(string suffix = "") => $"/api/disclosures/{this.target}{suffix}";

    private void Add(string name, string route, HttpMethod method, string path, string? auth, string? body, params int[] expected) =>
        this.cases.Add(new BadInputCase(new RawRequest("disclosure " + name, Route(route), method, path, auth, body is null ? null : Utf8(body), body is null ? null : "application/json"), expected));

    private void AddRaw(string name, string route, HttpMethod method, string path, string? auth, byte[] body, string? contentType, params int[] expected) =>
        this.cases.Add(new BadInputCase(new RawRequest("disclosure " + name, Route(route), method, path, auth, body, contentType), expected));

    private void AddSubmissions()
    {
        const string R = "SubmitDisclosure";
        var bad = new (string Name, string Body)[]
        {
            ("unknown nation", Submit("nation", "\"XX\"")),
            ("lower-case nation", Submit("nation", "\"fr\"")),
            ("unknown kind", Submit("kind", "\"budget\"")),
            ("empty title", Submit("title", "\"\"")),
            ("title with a control character", Submit("title", "\"a\\u0007b\"")),
            ("empty body", Submit("body", "\"\"")),
            ("missing body", Submit("body", string.Empty)),
            ("body with NUL", Submit("body", "\"a\\u0000b\"")),
            ("body with a lone surrogate", Submit("body", "\"a\\ud800b\"")),
            ("body of 200,001 characters", Submit("body", "\"" + new string('a', 200_001) + "\"")),
            ("body of 200,000 characters of unclosed links", Submit("body", "\"" + string.Concat(Enumerable.Repeat("[a](b", 40_000)) + "\"")),
            ("body nested too deeply", Submit("body", "\"" + new string('>', 2_000) + "\"")),
            ("comment period of 9 s", Submit("commentPeriod", "\"PT9S\"")),
            ("comment period of 61 days", Submit("commentPeriod", "\"P61D\"")),
            ("comment period in months", Submit("commentPeriod", "\"P1M\"")),
            ("comment period as a number", Submit("commentPeriod", "3600")),
            ("embargo without an offset", Submit("embargoUntil", "\"2026-06-01T09:00:00\"")),
            ("embargo two years ahead", Submit("embargoUntil", $"\"{DateTimeOffset.UtcNow.AddYears(2):yyyy-MM-ddTHH:mm:ssZ}\"")),
            ("military expenditure without its report", Submit("kind", "\"military-expenditure\"")),
            ("an expenditure report on a defence policy", Submit("expenditure", Expenditure)),
            ("a due time longer than the setting", Submit("due", "{\"security\":\"P30D\"}")),
            ("a due time of one second", Submit("due", "{\"final\":\"PT1S\"}")),
            ("a JSON array", "[]"),
            ("cut-off JSON", ValidSubmit[..20]),
        };
        foreach (var (name, body) in bad)
        {
            this.Add("submit: " + name, R, HttpMethod.Post, "/api/disclosures", this.staff, body, 400);
        }

        foreach (var (name, json) in new[]
        {
            ("wrong currency", Expenditure.Replace("EUR", "USD", StringComparison.Ordinal)),
            ("negative amount", Expenditure.Replace("10}", "-10}", StringComparison.Ordinal)),
            ("amount as a string", Expenditure.Replace("10}", "\"10\"}", StringComparison.Ordinal)),
            ("unknown category", Expenditure.Replace("personnel", "pensions", StringComparison.Ordinal)),
            ("unknown force group", Expenditure.Replace("land", "space", StringComparison.Ordinal)),
            ("year 1989", Expenditure.Replace("2025", "1989", StringComparison.Ordinal)),
        })
        {
            string body = Submit("kind", "\"military-expenditure\"").TrimEnd('}') + ",\"expenditure\":" + json + "}";
            this.Add("submit: expenditure with " + name, R, HttpMethod.Post, "/api/disclosures", this.staff, body, 400);
        }

        this.AddRaw("submit: text/plain", R, HttpMethod.Post, "/api/disclosures", this.staff, Utf8(ValidSubmit), "text/plain", 415);
        this.AddRaw("submit: 2 MiB", R, HttpMethod.Post, "/api/disclosures", this.staff, new byte[2 * 1024 * 1024], "application/json", 413);
        this.Add("submit: anonymous", R, HttpMethod.Post, "/api/disclosures", null, ValidSubmit, 401);
        this.Add("submit: a forged token", R, HttpMethod.Post, "/api/disclosures", "Bearer not.a.token", ValidSubmit, 401);
        this.Add("submit: a security reviewer", R, HttpMethod.Post, "/api/disclosures", Bearer(Tokens.SecurityReviewer("FR")), ValidSubmit, 403);
        this.Add("submit: civil society", R, HttpMethod.Post, "/api/disclosures", Bearer(Tokens.CivilSociety("Watch")), ValidSubmit, 403);
        this.Add("submit: a role 'Staff' in the wrong case", R, HttpMethod.Post, "/api/disclosures", Bearer(Tokens.Create("x@g7.example", ["Staff"])), ValidSubmit, 403);
    }

    private void AddListing()
    {
        const string R = "ListDisclosures";
        foreach (string query in new[] { "status=Open", "status=1", "status=Published,Rejected", "nation=XX", "nation=fr", "pageSize=0", "pageSize=101", "pageSize=ten", "continuationToken=forged", "continuationToken=" })
        {
            this.Add("list: " + query, R, HttpMethod.Get, "/api/disclosures?" + query, this.staff, null, 400);
        }

        this.Add("list: anonymous", R, HttpMethod.Get, "/api/disclosures", null, null, 401);
        this.Add("list: a security reviewer", R, HttpMethod.Get, "/api/disclosures", Bearer(Tokens.SecurityReviewer("FR")), null, 403);
        this.Add("list: an approver", R, HttpMethod.Get, "/api/disclosures", Bearer(Tokens.Approver("FR")), null, 403);
        this.Add("list: civil society", R, HttpMethod.Get, "/api/disclosures", Bearer(Tokens.CivilSociety("Watch")), null, 403);
    }

    private void AddReads()
    {
        const string R = "GetDisclosure";
        this.Add("read: unknown id", R, HttpMethod.Get, $"/api/disclosures/{this.unknown}", this.staff, null, 404);
        this.Add("read: a consultation-shaped id", R, HttpMethod.Get, $"/api/disclosures/{new string('a', 26)}", this.staff, null, 404);
        this.Add("read: a short id", R, HttpMethod.Get, "/api/disclosures/x", this.staff, null, 404);
        this.Add("read: anonymous", R, HttpMethod.Get, this.Path(), null, null, 401);
        this.Add("read: DE's security reviewer", R, HttpMethod.Get, this.Path(), Bearer(Tokens.SecurityReviewer("DE")), null, 403);
        this.Add("read: DE's approver", R, HttpMethod.Get, this.Path(), Bearer(Tokens.Approver("DE")), null, 403);
        this.Add("read: a security reviewer of FR and DE", R, HttpMethod.Get, this.Path(), Bearer(Tokens.Create("s@g7.example", ["security-reviewer", "nation.FR", "nation.DE"])), null, 403);
        this.Add("read: civil society before the comment period", R, HttpMethod.Get, this.Path(), Bearer(Tokens.CivilSociety("Watch")), null, 403);
        this.Add("read: civil society with markup in its organisation", R, HttpMethod.Get, this.Path(), Bearer(Tokens.CivilSociety("<b>Watch</b>")), null, 403);
        this.Add("read: the FR consultation reviewer", R, HttpMethod.Get, this.Path(), Bearer(Tokens.Reviewer("FR")), null, 403);
    }

    private void AddAudit()
    {
        const string R = "GetDisclosureAudit";
        string path = this.Path("/audit");
        this.Add("audit: unknown id", R, HttpMethod.Get, $"/api/disclosures/{this.unknown}/audit", this.staff, null, 404);
        this.Add("audit: a consultation-shaped id", R, HttpMethod.Get, $"/api/disclosures/{new string('a', 26)}/audit", this.staff, null, 404);
        this.Add("audit: a short id", R, HttpMethod.Get, "/api/disclosures/x/audit", this.staff, null, 404);
        this.Add("audit: anonymous", R, HttpMethod.Get, path, null, null, 401);
        this.Add("audit: a malformed bearer token", R, HttpMethod.Get, path, "Bearer not.a.token", null, 401);
        this.Add("audit: FR's security reviewer", R, HttpMethod.Get, path, Bearer(Tokens.SecurityReviewer("FR")), null, 403);
        this.Add("audit: FR's approver", R, HttpMethod.Get, path, Bearer(Tokens.Approver("FR")), null, 403);
        this.Add("audit: a human-rights reviewer", R, HttpMethod.Get, path, Bearer(Tokens.HumanRightsReviewer()), null, 403);
        this.Add("audit: civil society", R, HttpMethod.Get, path, Bearer(Tokens.CivilSociety("Watch")), null, 403);
        this.Add("audit: the FR consultation reviewer", R, HttpMethod.Get, path, Bearer(Tokens.Reviewer("FR")), null, 403);
        this.Add("audit: a caller with no role", R, HttpMethod.Get, path, Bearer(Tokens.Create("someone@g7.example", [])), null, 403);
    }

    private void AddDiffs()
    {
        const string R = "DiffDisclosureRevisions";
        string path = this.Path("/revisions/1/diff");
        this.Add("diff: revision 0", R, HttpMethod.Get, this.Path("/revisions/0/diff"), this.staff, null, 404);
        this.Add("diff: a revision not yet submitted", R, HttpMethod.Get, this.Path("/revisions/2/diff"), this.staff, null, 404);
        this.Add("diff: a negative revision", R, HttpMethod.Get, this.Path("/revisions/-1/diff"), this.staff, null, 404);
        this.Add("diff: a revision with a leading zero", R, HttpMethod.Get, this.Path("/revisions/01/diff"), this.staff, null, 404);
        this.Add("diff: a revision that is not a number", R, HttpMethod.Get, this.Path("/revisions/one/diff"), this.staff, null, 404);
        this.Add("diff: a revision past int's range", R, HttpMethod.Get, this.Path("/revisions/99999999999/diff"), this.staff, null, 404);
        this.Add("diff: from an unknown revision", R, HttpMethod.Get, path + "?from=7", this.staff, null, 400);
        this.Add("diff: from a negative revision", R, HttpMethod.Get, path + "?from=-1", this.staff, null, 400);
        this.Add("diff: from a word", R, HttpMethod.Get, path + "?from=previous", this.staff, null, 400);
        this.Add("diff: from empty", R, HttpMethod.Get, path + "?from=", this.staff, null, 400);
        this.Add("diff: unknown id", R, HttpMethod.Get, $"/api/disclosures/{this.unknown}/revisions/1/diff", this.staff, null, 404);
        this.Add("diff: anonymous", R, HttpMethod.Get, path, null, null, 401);
        this.Add("diff: DE's security reviewer", R, HttpMethod.Get, path, Bearer(Tokens.SecurityReviewer("DE")), null, 403);
        this.Add("diff: civil society before the comment period", R, HttpMethod.Get, path, Bearer(Tokens.CivilSociety("Watch")), null, 403);
        this.Add("diff: the FR consultation reviewer", R, HttpMethod.Get, path, Bearer(Tokens.Reviewer("FR")), null, 403);
    }

    private void AddRevisions()
    {
        const string R = "ReviseDisclosure";
        string path = this.Path("/revisions");
        this.Add("revise: while in security review", R, HttpMethod.Post, path, this.staff, "{\"body\":\"# New text\"}", 409);
        this.Add("revise: empty body", R, HttpMethod.Post, path, this.staff, "{\"body\":\"\"}", 400);
        this.Add("revise: no body", R, HttpMethod.Post, path, this.staff, "{}", 400);
        this.Add("revise: control characters", R, HttpMethod.Post, path, this.staff, "{\"body\":\"a\\u001bb\"}", 400);
        this.Add("revise: 200,001 characters", R, HttpMethod.Post, path, this.staff, "{\"body\":\"" + new string('a', 200_001) + "\"}", 400);
        this.Add("revise: an expenditure report on a defence policy", R, HttpMethod.Post, path, this.staff, "{\"body\":\"# x\",\"expenditure\":" + Expenditure + "}", 400);
        this.Add("revise: unknown id", R, HttpMethod.Post, $"/api/disclosures/{this.unknown}/revisions", this.staff, "{\"body\":\"# x\"}", 404);
        this.Add("revise: anonymous", R, HttpMethod.Post, path, null, "{\"body\":\"# x\"}", 401);
        this.Add("revise: a security reviewer", R, HttpMethod.Post, path, Bearer(Tokens.SecurityReviewer("FR")), "{\"body\":\"# x\"}", 403);
        this.Add("revise: civil society", R, HttpMethod.Post, path, Bearer(Tokens.CivilSociety("Watch")), "{\"body\":\"# x\"}", 403);
        this.AddRaw("revise: form data", R, HttpMethod.Post, path, this.staff, Utf8("body=x"), "application/x-www-form-urlencoded", 415);
    }

    private void AddReviews()
    {
        const string R = "ReviewDisclosure";
        string security = this.Path("/reviews/security");
        string fr = Bearer(Tokens.SecurityReviewer("FR"));
        this.Add("review: human rights out of step", R, HttpMethod.Post, this.Path("/reviews/human-rights"), Bearer(Tokens.HumanRightsReviewer()), "{\"decision\":\"approve\"}", 409);
        this.Add("review: final out of step", R, HttpMethod.Post, this.Path("/reviews/final"), Bearer(Tokens.Approver("FR")), "{\"decision\":\"approve\"}", 409);
        this.Add("review: an unknown decision", R, HttpMethod.Post, security, fr, "{\"decision\":\"maybe\"}", 400);
        this.Add("review: request-changes without a comment", R, HttpMethod.Post, security, fr, "{\"decision\":\"request-changes\"}", 400);
        this.Add("review: reject with a blank comment", R, HttpMethod.Post, security, fr, "{\"decision\":\"reject\",\"comment\":\"  \"}", 400);
        this.Add("review: a comment with a control character", R, HttpMethod.Post, security, fr, "{\"decision\":\"approve\",\"comment\":\"a\\u0000\"}", 400);
        this.Add("review: the decision as a number", R, HttpMethod.Post, security, fr, "{\"decision\":1}", 400);
        this.Add("review: DE's security reviewer", R, HttpMethod.Post, security, Bearer(Tokens.SecurityReviewer("DE")), "{\"decision\":\"approve\"}", 403);
        this.Add("review: FR's approver on the security step", R, HttpMethod.Post, security, Bearer(Tokens.Approver("FR")), "{\"decision\":\"approve\"}", 403);
        this.Add("review: staff", R, HttpMethod.Post, security, this.staff, "{\"decision\":\"approve\"}", 403);
        this.Add("review: a security reviewer with a forged nation 'fr'", R, HttpMethod.Post, security, Bearer(Tokens.SecurityReviewer("fr")), "{\"decision\":\"approve\"}", 403);
        this.Add("review: an unknown step", R, HttpMethod.Post, this.Path("/reviews/legal"), fr, "{\"decision\":\"approve\"}", 404);
        this.Add("review: unknown id", R, HttpMethod.Post, $"/api/disclosures/{this.unknown}/reviews/security", fr, "{\"decision\":\"approve\"}", 404);
        this.Add("review: anonymous", R, HttpMethod.Post, security, null, "{\"decision\":\"approve\"}", 401);
    }

    private void AddComments()
    {
        const string R = "CommentOnDisclosure";
        string path = this.Path("/comments");
        string watch = Bearer(Tokens.CivilSociety("Watch"));
        this.Add("comment: before the comment period", R, HttpMethod.Post, path, watch, "{\"text\":\"Too early.\"}", 409);
        this.Add("comment: empty", R, HttpMethod.Post, path, watch, "{\"text\":\"\"}", 400);
        this.Add("comment: missing text", R, HttpMethod.Post, path, watch, "{}", 400);
        this.Add("comment: 5,001 characters", R, HttpMethod.Post, path, watch, "{\"text\":\"" + new string('a', 5_001) + "\"}", 400);
        this.Add("comment: a control character", R, HttpMethod.Post, path, watch, "{\"text\":\"a\\u0007\"}", 400);
        this.Add("comment: civil society without an organisation", R, HttpMethod.Post, path, Bearer(Tokens.Create("ngo@x.example", ["civil-society"])), "{\"text\":\"x\"}", 403);
        this.Add("comment: an organisation with markup", R, HttpMethod.Post, path, Bearer(Tokens.CivilSociety("<script>alert(1)</script>")), "{\"text\":\"x\"}", 403);
        this.Add("comment: two organisations", R, HttpMethod.Post, path, Bearer(Tokens.Create("ngo@x.example", ["civil-society", "org.One"], new Dictionary<string, object> { ["org"] = "Two" })), "{\"text\":\"x\"}", 403);
        this.Add("comment: staff", R, HttpMethod.Post, path, this.staff, "{\"text\":\"x\"}", 403);
        this.Add("comment: a security reviewer", R, HttpMethod.Post, path, Bearer(Tokens.SecurityReviewer("FR")), "{\"text\":\"x\"}", 403);
        this.Add("comment: anonymous", R, HttpMethod.Post, path, null, "{\"text\":\"x\"}", 401);
        this.Add("comment: unknown id", R, HttpMethod.Post, $"/api/disclosures/{this.unknown}/comments", watch, "{\"text\":\"x\"}", 404);
    }

    private void AddModeration()
    {
        const string R = "ModerateDisclosureComment";
        string path = this.Path($"/comments/c{new string('a', 25)}/moderation");
        this.Add("moderate: an unknown comment", R, HttpMethod.Post, path, this.staff, "{\"decision\":\"publish\"}", 404);
        this.Add("moderate: a malformed comment id", R, HttpMethod.Post, this.Path("/comments/x/moderation"), this.staff, "{\"decision\":\"publish\"}", 404);
        this.Add("moderate: an unknown decision", R, HttpMethod.Post, path, this.staff, "{\"decision\":\"hide\"}", 400);
        this.Add("moderate: reject without a reason", R, HttpMethod.Post, path, this.staff, "{\"decision\":\"reject\"}", 400);
        this.Add("moderate: a reason with a control character", R, HttpMethod.Post, path, this.staff, "{\"decision\":\"reject\",\"reason\":\"a\\u0000\"}", 400);
        this.Add("moderate: civil society", R, HttpMethod.Post, path, Bearer(Tokens.CivilSociety("Watch")), "{\"decision\":\"publish\"}", 403);
        this.Add("moderate: an approver", R, HttpMethod.Post, path, Bearer(Tokens.Approver("FR")), "{\"decision\":\"publish\"}", 403);
        this.Add("moderate: anonymous", R, HttpMethod.Post, path, null, "{\"decision\":\"publish\"}", 401);
        this.Add("moderate: unknown disclosure", R, HttpMethod.Post, $"/api/disclosures/{this.unknown}/comments/c{new string('a', 25)}/moderation", this.staff, "{\"decision\":\"publish\"}", 404);
        this.AddRaw("moderate: XML", R, HttpMethod.Post, path, this.staff, Utf8("<decision>publish</decision>"), "application/xml", 415);
    }

    private void AddWithdrawals()
    {
        const string R = "WithdrawDisclosure";
        string path = this.Path("/withdraw");
        this.Add("withdraw: no reason", R, HttpMethod.Post, path, this.staff, "{}", 400);
        this.Add("withdraw: an empty reason", R, HttpMethod.Post, path, this.staff, "{\"reason\":\"\"}", 400);
        this.Add("withdraw: a reason with a control character", R, HttpMethod.Post, path, this.staff, "{\"reason\":\"a\\u001b\"}", 400);
        this.Add("withdraw: a reason of 2,001 characters", R, HttpMethod.Post, path, this.staff, "{\"reason\":\"" + new string('a', 2_001) + "\"}", 400);
        this.Add("withdraw: a security reviewer", R, HttpMethod.Post, path, Bearer(Tokens.SecurityReviewer("FR")), "{\"reason\":\"x\"}", 403);
        this.Add("withdraw: civil society", R, HttpMethod.Post, path, Bearer(Tokens.CivilSociety("Watch")), "{\"reason\":\"x\"}", 403);
        this.Add("withdraw: an approver", R, HttpMethod.Post, path, Bearer(Tokens.Approver("FR")), "{\"reason\":\"x\"}", 403);
        this.Add("withdraw: anonymous", R, HttpMethod.Post, path, null, "{\"reason\":\"x\"}", 401);
        this.Add("withdraw: unknown id", R, HttpMethod.Post, $"/api/disclosures/{this.unknown}/withdraw", this.staff, "{\"reason\":\"x\"}", 404);
        this.AddRaw("withdraw: 2 MiB", R, HttpMethod.Post, path, this.staff, new byte[2 * 1024 * 1024], "application/json", 413);
    }
}
