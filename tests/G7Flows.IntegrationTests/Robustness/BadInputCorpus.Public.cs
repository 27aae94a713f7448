using G7Flows.IntegrationTests.Robustness.Infrastructure;
using G7Flows.Workflows.Platform.Http;

namespace G7Flows.IntegrationTests.Robustness;

/// <summary>Bad requests to the anonymous routes of published disclosures: they take no body and only a page query.</summary>
public sealed partial class BadInputCorpus
{
    private static ApiRoute PublicListRoute => Route("ListPublicDisclosures");

    private static ApiRoute PublicFeedRoute => Route("GetPublicDisclosuresFeed");

    private static ApiRoute PublicGetRoute => Route("GetPublicDisclosure");

    /// <summary>Ids that are not published (404, or 400 where Kestrel refuses the path), page queries out of range (400), methods not served (405).</summary>
    private void AddPublicDisclosureRequests()
    {
        string[] ids =
        [
            "never-published", "index", "a.b", "..%2F..%2Fetc%2Fpasswd", "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
            "x%20y", "%C3%B1", "feed.atom.json", new string('a', 65), "disclosure.json", "%00",
        ];
        foreach (string id in ids)
        {
            this.Add($"the public disclosure '{id}'", PublicGetRoute, HttpMethod.Get, $"/api/public/disclosures/{id}", null, null, [404]);
        }

        this.Add("a public disclosure that does not exist, with a forged alg-none token", PublicGetRoute, HttpMethod.Get, "/api/public/disclosures/never-published", "Bearer " + ForgedTokens.AlgNone(Claims.Staff), null, [404]);
        this.Add("a public disclosure that does not exist, as HTML", PublicGetRoute, HttpMethod.Get, "/api/public/disclosures/never-published", null, null, [404], headers: new Dictionary<string, string> { ["Accept"] = "text/html" });

        string[] queries =
        [
            "pageSize=0", "pageSize=-1", "pageSize=101", "pageSize=abc", "pageSize=1e2", "pageSize=", "pageSize=%205", "pageSize=99999999999999999999",
            "continuationToken=garbage", "continuationToken=", "continuationToken=" + new string('A', 3000),
            "continuationToken=Zzdm", "pageSize=5&continuationToken=%00",
        ];
        foreach (string query in queries)
        {
            this.Add($"the public index with {query}", PublicListRoute, HttpMethod.Get, $"/api/public/disclosures?{query}", null, null, [400]);
        }

        var wrongMethods = new (ApiRoute Route, string Path)[]
        {
            (PublicListRoute, "/api/public/disclosures"),
            (PublicFeedRoute, "/api/public/disclosures/feed.atom"),
            (PublicGetRoute, "/api/public/disclosures/never-published"),
        };
        foreach (var (route, path) in wrongMethods)
        {
            foreach (string method in new[] { "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "FOO" })
            {
                bool withBody = method is "POST" or "PUT" or "PATCH";
                this.Add($"an anonymous {method} of {path}", route, new HttpMethod(method), path, null, withBody ? Utf8("{}") : null, [405]);
            }

            this.Add($"a POST of a 2 MiB body to {path}", route, HttpMethod.Post, path, null, new byte[2 * MiB], [405]);
            this.Add($"a staff DELETE of {path}", route, HttpMethod.Delete, path, this.staff, null, [405]);
            this.Add($"an anonymous PUT of HTML to {path}", route, HttpMethod.Put, path, null, Utf8("<script>alert(1)</script>"), [405], contentType: "text/html");
        }

        // Dot segments are removed before routing: /api/public/disclosures/.. is /api/public/, which is no endpoint.
        foreach (string path in new[] { "/api/public", "/api/public/", "/api/public/consultations", "/api/public/disclosures/x/y", "/api/public/disclosures/feed.atom/x", "/api/public/disclosures/..", "/api/public/disclosures/%2e%2e" })
        {
            this.Add($"no public endpoint at {path}", null, HttpMethod.Get, path, null, null, [401, 404]);
        }
    }
}
